#!/usr/bin/env bash
# Local PostgreSQL and Redis for Tickets, on loopback, with their data under .data/ (git-ignored).
#
#   scripts/services.sh install  install what is missing
#   scripts/services.sh start    install what is missing, then start both (idempotent)
#   scripts/services.sh stop     stop both
#   scripts/services.sh status   say what runs where
#   scripts/services.sh env      print the environment the service and tests use
#
# Ports are fixed so that `make run`, `make test` and a person's psql agree:
# PostgreSQL 127.0.0.1:55432 (databases `tickets` and `tickets_test`), Redis 127.0.0.1:56379.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA="$ROOT/.data"
PG_PORT=${TICKETS_PG_PORT:-55432}
REDIS_PORT=${TICKETS_REDIS_PORT:-56379}
APT_PACKAGES=(postgresql redis-server libpq-dev libhiredis-dev libcurl4-openssl-dev pkg-config wrk)

log() { printf 'services: %s\n' "$*" >&2; }

install_missing() {
    local missing=()
    for package in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return
    log "installing ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    # The Debian package would start its own cluster on 5432 where an init system runs; ours is separate.
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

pg_bin() {
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$bin" ] || { log "no PostgreSQL server binaries under /usr/lib/postgresql"; exit 1; }
    printf '%s' "$bin"
}

# initdb refuses to run as root: as root the cluster belongs to the `postgres` user. That user
# must be able to reach the data folder; when the checkout sits somewhere it cannot enter (under
# /root, say) the cluster lives in a folder of its own under /var/tmp instead.
pg_data_dir() {
    if [ "$(id -u)" -ne 0 ] || runuser -u postgres -- test -x "$ROOT" 2>/dev/null; then
        printf '%s' "$DATA/postgres"
    else
        printf '/var/tmp/tickets-postgres-%s' "$(printf '%s' "$ROOT" | md5sum | cut -c1-12)"
    fi
}

as_pg_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
    local bin data
    bin=$(pg_bin)
    data=$(pg_data_dir)
    if [ -s "$data/PG_VERSION" ] && as_pg_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        log "PostgreSQL already running on 127.0.0.1:$PG_PORT"
    elif "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
        # Another checkout's cluster answers on the port: share it rather than fail.
        log "PostgreSQL of another checkout answers on 127.0.0.1:$PG_PORT; using it"
    else
        if [ ! -s "$data/PG_VERSION" ]; then
            log "creating PostgreSQL cluster in $data"
            mkdir -p "$data"
            [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$data"
            chmod 700 "$data"
            as_pg_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
        fi
        as_pg_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start -o \
            "-h 127.0.0.1 -p $PG_PORT -k '' -c max_connections=300 -c shared_buffers=256MB -c fsync=on -c synchronous_commit=on" >/dev/null
        log "PostgreSQL started on 127.0.0.1:$PG_PORT"
    fi
    local database
    for database in tickets tickets_test; do
        if ! "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc \
            "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
            "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$database"
            log "created database $database"
        fi
    done
}

stop_postgres() {
    local bin data
    bin=$(pg_bin)
    data=$(pg_data_dir)
    if [ -s "$data/PG_VERSION" ] && as_pg_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        as_pg_owner "$bin/pg_ctl" -D "$data" -w -m fast stop >/dev/null
        log "PostgreSQL stopped"
    fi
}

redis_cli() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" "$@"; }

start_redis() {
    if redis_cli ping >/dev/null 2>&1; then
        log "Redis already running on 127.0.0.1:$REDIS_PORT"
        return
    fi
    mkdir -p "$DATA/redis"
    # Append-only file: streams, groups and pending entries survive a restart of the server.
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$DATA/redis" --daemonize yes \
        --pidfile "$DATA/redis/redis.pid" --logfile "$DATA/redis/redis.log" \
        --appendonly yes --appendfsync everysec --save "" --protected-mode no
    local attempt
    for attempt in $(seq 1 50); do
        redis_cli ping >/dev/null 2>&1 && { log "Redis started on 127.0.0.1:$REDIS_PORT"; return; }
        sleep 0.1
    done
    log "Redis did not answer on 127.0.0.1:$REDIS_PORT; see $DATA/redis/redis.log"
    exit 1
}

stop_redis() {
    if redis_cli ping >/dev/null 2>&1; then
        redis_cli shutdown nosave >/dev/null 2>&1 || true
        log "Redis stopped"
    fi
}

print_env() {
    cat <<ENV
POSTGRES_URL=postgresql://postgres@127.0.0.1:$PG_PORT/tickets
REDIS_ADDR=127.0.0.1:$REDIS_PORT
ENV
}

case "${1:-}" in
    install)
        install_missing
        ;;
    start)
        install_missing
        start_postgres
        start_redis
        ;;
    stop)
        stop_redis
        stop_postgres
        ;;
    status)
        if "$(pg_bin)/pg_isready" -h 127.0.0.1 -p "$PG_PORT" >/dev/null 2>&1; then echo "postgres: up on 127.0.0.1:$PG_PORT"; else echo "postgres: down"; fi
        if redis_cli ping >/dev/null 2>&1; then echo "redis: up on 127.0.0.1:$REDIS_PORT"; else echo "redis: down"; fi
        ;;
    env)
        print_env
        ;;
    *)
        echo "usage: $0 install|start|stop|status|env" >&2
        exit 2
        ;;
esac
