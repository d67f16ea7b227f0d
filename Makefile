# Tickets: `make run` starts everything locally, `make test` runs every test.
# Both install and start their own PostgreSQL and Redis (scripts/services.sh).
# `make bench` measures a release build on private servers of its own (bench/, README "Performance").

SWIFT_BUILD_FLAGS := --explicit-target-dependency-import-check error
SERVICES := scripts/services.sh

export POSTGRES_URL ?= postgresql://postgres@127.0.0.1:55432/tickets
export REDIS_ADDR ?= 127.0.0.1:56379

.PHONY: run test build bench services services-stop clean

services:
	@$(SERVICES) start

build: services
	swift build $(SWIFT_BUILD_FLAGS)

run: build
	scripts/run.sh

test: services
	POSTGRES_URL=postgresql://postgres@127.0.0.1:55432/tickets_test \
		swift test $(SWIFT_BUILD_FLAGS)

# Release build, then every scenario on private servers (bench/bench.py); under 10 minutes.
bench:
	swift build -c release $(SWIFT_BUILD_FLAGS)
	python3 bench/bench.py --tickets .build/release/tickets

services-stop:
	@$(SERVICES) stop

clean:
	swift package clean
