#!/usr/bin/env bash
# `make run`: the service in the foreground against the local services (scripts/services.sh),
# logging as text for people. Every setting can be overridden from the environment.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export HTTP_ADDR=${HTTP_ADDR:-127.0.0.1:8080}
export POSTGRES_URL=${POSTGRES_URL:-postgresql://postgres@127.0.0.1:55432/tickets}
export REDIS_ADDR=${REDIS_ADDR:-127.0.0.1:56379}
export GATEWAY_ADDR=${GATEWAY_ADDR:-http://127.0.0.1:8888}
export LOG_FORMAT=${LOG_FORMAT:-text}

echo "tickets: serving on http://$HTTP_ADDR (Ctrl-C stops)"
exec .build/debug/tickets serve
