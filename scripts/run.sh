#!/usr/bin/env bash
# `make run`: the gateway simulator (playing the external gateway and Dead Nation) in the
# background and the service in the foreground, against the local services of
# scripts/services.sh. Ctrl-C stops both. Every setting can be overridden from the environment.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export HTTP_ADDR=${HTTP_ADDR:-127.0.0.1:8080}
export POSTGRES_URL=${POSTGRES_URL:-postgresql://postgres@127.0.0.1:55432/tickets}
export REDIS_ADDR=${REDIS_ADDR:-127.0.0.1:56379}
export GATEWAY_ADDR=${GATEWAY_ADDR:-http://127.0.0.1:8888}
export LOG_FORMAT=${LOG_FORMAT:-text}

tickets=.build/debug/tickets
"$tickets" gateway-sim --address "${GATEWAY_ADDR#http://}" --tickets-url "http://$HTTP_ADDR" &
simulator=$!
trap 'kill "$simulator" 2>/dev/null; wait "$simulator" 2>/dev/null' EXIT

echo "tickets: serving on http://$HTTP_ADDR, gateway simulator on $GATEWAY_ADDR (Ctrl-C stops both)"
"$tickets" serve
