# Tickets: `make run` starts everything locally, `make test` runs every test, `make demo` shows a
# booking go through the whole system. All install and start their own PostgreSQL and Redis
# (scripts/services.sh). `make bench` measures a release build on private servers of its own
# (bench/, README "Performance"). `make test-chaos` proves the delivery guarantees under crashes,
# restarts and gateway faults (chaos/, README "Guarantees"). `make fuzz` runs schemathesis against
# a running instance.

SWIFT_BUILD_FLAGS := --explicit-target-dependency-import-check error
SERVICES := scripts/services.sh

export POSTGRES_URL ?= postgresql://postgres@127.0.0.1:55432/tickets
export REDIS_ADDR ?= 127.0.0.1:56379

.PHONY: run demo test test-chaos build bench fuzz services services-stop clean

services:
	@$(SERVICES) start

build: services
	swift build $(SWIFT_BUILD_FLAGS)

run: build
	scripts/run.sh

# Starts PostgreSQL and Redis, builds, and starts the simulator and the service unless they answer.
demo:
	scripts/demo.sh

# Tests run one at a time: many of them exercise timing on purpose (claim idle times, retry
# backoff, blocking reads), and on a 2-core machine running ~460 of them at once starves those
# bounds. Serially the whole suite takes about a minute.
test: services
	POSTGRES_URL=postgresql://postgres@127.0.0.1:55432/tickets_test \
		swift test $(SWIFT_BUILD_FLAGS) --no-parallel

# Debug build, then three instances, the simulator and private servers under crashes, restarts
# and faults (chaos/chaos.py); about four minutes. Never touches the dev services.
test-chaos:
	@$(SERVICES) install
	swift build $(SWIFT_BUILD_FLAGS)
	python3 chaos/chaos.py --tickets .build/debug/tickets

# Release build, then every scenario on private servers (bench/bench.py); under 10 minutes.
bench:
	swift build -c release $(SWIFT_BUILD_FLAGS)
	python3 bench/bench.py --tickets .build/release/tickets

# schemathesis against a running instance (openapi.yaml); fails on any 5xx, failed check or crash.
fuzz: build
	scripts/fuzz.sh

services-stop:
	@$(SERVICES) stop

clean:
	swift package clean
