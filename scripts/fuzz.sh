#!/usr/bin/env bash
# `make fuzz`: schemathesis (installed into .venv-fuzz by scripts/fuzz-venv.sh) against a running
# service described by openapi.yaml. Starts what the run needs in the background, on ports of its
# own: a private Redis server, the gateway simulator and the service (debug build, database
# `tickets_fuzz`, recreated each run, on the PostgreSQL of scripts/services.sh). Prints
# schemathesis's summary; exits non-zero on any failed check, any 5xx and any crash of the service.
#
# FUZZ_MAX_EXAMPLES (default 100) bounds the cases per operation; FUZZ_SEED repeats a run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/fuzz-venv.sh
scripts/services.sh start >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http_port=$(free_port)
gateway_port=$(free_port)
redis_port=$(free_port)
token=fuzz-ops-token
logs=.build/fuzz
rm -rf "$logs" && mkdir -p "$logs/redis"

pg=postgresql://postgres@127.0.0.1:55432
psql -q "$pg/postgres" -c 'DROP DATABASE IF EXISTS tickets_fuzz' -c 'CREATE DATABASE tickets_fuzz' >/dev/null

pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$logs/redis" >"$logs/redis.log" 2>&1 &
pids+=($!)

tickets=.build/debug/tickets
"$tickets" gateway-sim --address "127.0.0.1:$gateway_port" --tickets-url "http://127.0.0.1:$http_port" >"$logs/gateway-sim.log" 2>&1 &
pids+=($!)

HTTP_ADDR=127.0.0.1:$http_port POSTGRES_URL=$pg/tickets_fuzz REDIS_ADDR=127.0.0.1:$redis_port \
    GATEWAY_ADDR=http://127.0.0.1:$gateway_port OPS_API_TOKEN=$token LOG_FORMAT=json CONSUMER_NAME=fuzz \
    "$tickets" serve >"$logs/service.log" 2>&1 &
service=$!
pids+=("$service")

for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$http_port/health" >/dev/null 2>&1 && break
    kill -0 "$service" 2>/dev/null || { echo "fuzz: the service ended before it was ready"; tail -20 "$logs/service.log"; exit 1; }
    sleep 0.2
done
curl -fs "http://127.0.0.1:$http_port/health" >/dev/null || { echo "fuzz: the service did not become ready"; exit 1; }

# The schema is read from the running service, so the fuzz also proves it serves openapi.yaml.
# Checks: all but `unsupported_method`: the router answers 404, not 405, to a method a path does
# not have (README, "API description and fuzzing").
status=0
.venv-fuzz/bin/schemathesis --config-file scripts/schemathesis.toml run "http://127.0.0.1:$http_port/openapi.yaml" \
    --url "http://127.0.0.1:$http_port" \
    --checks all \
    --exclude-checks unsupported_method \
    --header "Authorization: Bearer $token" \
    --max-examples "${FUZZ_MAX_EXAMPLES:-100}" \
    ${FUZZ_SEED:+--seed "$FUZZ_SEED"} \
    --workers 1 \
    --request-timeout 30 \
    --generation-database none \
    --report junit --report-dir "$logs" \
    --no-color || status=$?

if ! kill -0 "$service" 2>/dev/null; then
    echo "fuzz: FAILED, the service crashed (log: $logs/service.log)"
    exit 1
fi
echo "fuzz: service alive after the run; logs in $logs/"
exit "$status"
