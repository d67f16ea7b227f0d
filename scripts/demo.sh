#!/usr/bin/env bash
# `make demo`: a guided tour of the whole system in well under a minute. It creates a show, books
# three seats, lets the gateway simulator (playing Dead Nation) confirm them, follows each ticket
# to its receipt and printed file, refunds one ticket, and shows what the gateway was asked and
# the booking's ops read model.
#
# It uses `make run`'s pieces: scripts/services.sh for PostgreSQL and Redis, then the simulator
# and the service in the background on their usual addresses unless something already answers
# there; what it started, it stops at the end. Only curl and python3 are needed. Every setting of
# scripts/run.sh can be overridden from the environment; DEMO_TIMEOUT (seconds, default 30)
# bounds each wait.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export HTTP_ADDR=${HTTP_ADDR:-127.0.0.1:8080}
export POSTGRES_URL=${POSTGRES_URL:-postgresql://postgres@127.0.0.1:55432/tickets}
export REDIS_ADDR=${REDIS_ADDR:-127.0.0.1:56379}
export GATEWAY_ADDR=${GATEWAY_ADDR:-http://127.0.0.1:8888}
export LOG_FORMAT=${LOG_FORMAT:-text}
TIMEOUT=${DEMO_TIMEOUT:-30}
SEATS=3

API="http://$HTTP_ADDR"
SIM="${GATEWAY_ADDR%/}"
LOG_DIR=.build/demo
TICKETS=.build/debug/tickets
CORRELATION_ID="demo-$(python3 -c 'import uuid; print(uuid.uuid4())')"
STARTED_AT=${EPOCHREALTIME/./}
STEP=""
STARTED_PIDS=()
STARTED_LOGS=()

# ---- output ----------------------------------------------------------------------------------

if [ -t 1 ]; then BOLD=$'\e[1m' GREEN=$'\e[32m' RED=$'\e[31m' DIM=$'\e[2m' RESET=$'\e[0m'
else BOLD="" GREEN="" RED="" DIM="" RESET=""; fi

# elapsed [SINCE]: seconds since SINCE (microseconds), by default since the demo began.
elapsed() {
    local micros=$((${EPOCHREALTIME/./} - ${1:-$STARTED_AT}))
    printf '%d.%d s' $((micros / 1000000)) $((micros / 100000 % 10))
}
step() { STEP=$1; printf '\n%s%s%s\n' "$BOLD" "$1" "$RESET"; }
say() { printf '   %s\n' "$*"; }
done_() { printf '   %s✓%s %s\n' "$GREEN" "$RESET" "$*"; }

fail() {
    printf '\n%sdemo: FAILED%s%s: %s\n' "$RED" "$RESET" "${STEP:+ at \"$STEP\"}" "$1" >&2
    local log
    for log in "${STARTED_LOGS[@]}"; do
        printf '\n%s--- last lines of %s ---%s\n' "$DIM" "$log" "$RESET" >&2
        tail -n 15 "$log" >&2 || true
    done
    exit 1
}

# ---- HTTP and JSON ---------------------------------------------------------------------------

# request METHOD URL [BODY]: sets STATUS (000 when nothing answered) and BODY.
request() {
    local method=$1 url=$2 data=${3:-}
    local args=(-sS -o "$RESPONSE_FILE" -w '%{http_code}' --max-time 10 -X "$method"
        -H "Correlation-ID: $CORRELATION_ID")
    [ -n "$data" ] && args+=(-H 'Content-Type: application/json' --data "$data")
    [ -n "${OPS_API_TOKEN:-}" ] && [[ $url == "$API/ops/"* ]] && args+=(-H "Authorization: Bearer $OPS_API_TOKEN")
    STATUS=$(curl "${args[@]}" "$url" 2>/dev/null) || STATUS=000
    BODY=$(cat "$RESPONSE_FILE" 2>/dev/null || true)
}

# expect STATUS METHOD URL [BODY]: the request must answer STATUS.
expect() {
    local expected=$1
    shift
    request "$@"
    [ "$STATUS" = "$expected" ] || fail "$1 $2 answered $STATUS (expected $expected): $BODY"
}

# json PYTHON_EXPRESSION: evaluates the expression over the JSON in $BODY, bound to `d`.
json() {
    python3 -c "import json, sys; d = json.loads(sys.stdin.read()); print($1)" <<<"$BODY"
}

# wait_until DESCRIPTION CHECK: runs CHECK until it succeeds, at most $TIMEOUT seconds. CHECK sets
# STATE to what it sees and returns 0 when done, 1 to wait on, 2 when waiting is pointless. Each
# change of STATE is shown, so a slow step shows where it is.
wait_until() {
    local description=$1 check=$2 deadline=$((SECONDS + TIMEOUT)) last="" outcome
    while true; do
        STATE=""
        outcome=0
        $check || outcome=$?
        case $outcome in
            0) done_ "$STATE"; return ;;
            2) fail "$STATE" ;;
        esac
        if [ "$STATE" != "$last" ]; then
            printf '   %s[%s]%s %s\n' "$DIM" "$(elapsed)" "$RESET" "$STATE"
            last=$STATE
        fi
        [ $SECONDS -lt $deadline ] || fail "$description did not happen within ${TIMEOUT} s (last seen: ${STATE:-nothing})"
        sleep 0.25
    done
}

# ---- the service and the simulator -----------------------------------------------------------

answers() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" 2>/dev/null)" != 000 ]; }

# listening HOST:PORT: something accepts TCP connections there.
listening() { (exec 3<>"/dev/tcp/${1%:*}/${1##*:}") 2>/dev/null; }

postgres_address() {
    python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print((p.hostname or "127.0.0.1") + ":" + str(p.port or 5432))' "$POSTGRES_URL"
}

cleanup() {
    local pid
    for pid in "${STARTED_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${STARTED_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -f "$RESPONSE_FILE"
}
RESPONSE_FILE=$(mktemp)
trap cleanup EXIT
# Anything else that fails (a malformed answer, say) ends the demo with the line, reported once:
# by the shell itself, not by each subshell on the way.
set -E
trap '[ "$BASH_SUBSHELL" -gt 0 ] || fail "unexpected error in line $LINENO of $0 (see above)"' ERR

# start NAME URL LOG COMMAND...: runs COMMAND in the background, remembered for cleanup and
# failure reports.
start() {
    local name=$1 url=$2 log=$3
    shift 3
    "$@" >"$log" 2>&1 &
    STARTED_PIDS+=($!)
    STARTED_LOGS+=("$log")
    say "$name: starting at $url (log: $log)"
}

# Fatal when a process this demo started has exited: waiting for it is pointless.
started_processes_alive() {
    local pid
    for pid in "${STARTED_PIDS[@]}"; do
        kill -0 "$pid" 2>/dev/null || { STATE="a process this demo started has exited"; return 2; }
    done
}

service_healthy() {
    started_processes_alive || return
    request GET "$API/health"
    [ "$STATUS" = 200 ] && { STATE="the service is healthy at $API"; return 0; }
    STATE="GET /health: ${STATUS/#000/no answer yet} $BODY"
    return 1
}

simulator_answers() {
    started_processes_alive || return
    answers "$SIM/_sim/stats" && { STATE="the gateway simulator answers at $SIM"; return 0; }
    STATE="waiting for the gateway simulator"
    return 1
}

printf '%sTickets demo%s\n' "$BOLD" "$RESET"
say "Every request below sends Correlation-ID $CORRELATION_ID; the service carries it on every"
say "message and gateway call they cause (see the simulator's journal: GET $SIM/_sim/requests)."

step "0. Start what is not running"
if listening "$(postgres_address)" && listening "$REDIS_ADDR"; then
    say "PostgreSQL and Redis: already answering at $(postgres_address) and $REDIS_ADDR"
else
    scripts/services.sh start
fi
need_simulator=true need_service=true
answers "$SIM/_sim/stats" && need_simulator=false && say "gateway simulator: already answering at $SIM"
answers "$API/health" && need_service=false && say "service: already answering at $API"
if $need_simulator || $need_service; then
    mkdir -p "$LOG_DIR"
    say "building: swift build (log: $LOG_DIR/build.log)"
    swift build --explicit-target-dependency-import-check error >"$LOG_DIR/build.log" 2>&1 \
        || { tail -n 30 "$LOG_DIR/build.log" >&2; fail "swift build failed (log: $LOG_DIR/build.log)"; }
fi
if $need_simulator; then
    start "gateway simulator" "$SIM" "$LOG_DIR/gateway-sim.log" \
        "$TICKETS" gateway-sim --address "${SIM#http://}" --tickets-url "$API"
    wait_until "the gateway simulator's start" simulator_answers
fi
$need_service && start "service" "$API" "$LOG_DIR/service.log" "$TICKETS" serve
wait_until "the service's start" service_healthy

# ---- the story -------------------------------------------------------------------------------
STORY_STARTED_AT=${EPOCHREALTIME/./}

step "1. Create a show with 10 seats"
dead_nation_id=$(python3 -c 'import uuid; print(uuid.uuid4())')
start_time=$(python3 -c 'import datetime as d; print((d.datetime.now(d.timezone.utc) + d.timedelta(days=30)).strftime("%Y-%m-%dT20:00:00Z"))')
expect 201 POST "$API/shows" "{\"dead_nation_id\":\"$dead_nation_id\",\"number_of_tickets\":10,\"start_time\":\"$start_time\",\"title\":\"Demo Night\",\"venue\":\"Hall 1\"}"
show_id=$(json 'd["show_id"]')
say "POST /shows → 201, show_id $show_id"
say "(its id at Dead Nation: $dead_nation_id)"

step "2. Book $SEATS seats for ada@example.com"
expect 201 POST "$API/book-tickets" "{\"show_id\":\"$show_id\",\"number_of_tickets\":$SEATS,\"customer_email\":\"ada@example.com\"}"
booking_id=$(json 'd["booking_id"]')
say "POST /book-tickets → 201, booking_id $booking_id"
say "the booking and its BookingMade_v1 event were committed in one transaction (outbox)"

step "3. Dead Nation receives the booking and confirms each ticket"
booking_at_dead_nation() {
    request GET "$SIM/_sim/dead-nation/bookings"
    if [ "$STATUS" = 200 ] && [ "$(json "any(b['booking_id'] == '$booking_id' for b in d)")" = True ]; then
        STATE="Dead Nation received the booking (event_id $dead_nation_id, $SEATS tickets)"
        return 0
    fi
    STATE="waiting for the BookAtDeadNation handler to call the gateway"
    return 1
}
wait_until "the booking's forwarding to Dead Nation" booking_at_dead_nation
tickets=()
callback_delivered() {
    request GET "$SIM/_sim/callbacks"
    [ "$STATUS" = 200 ] || { STATE="the simulator's /_sim/callbacks answered $STATUS"; return 1; }
    local state attempts detail
    IFS='|' read -r state attempts detail <<<"$(json "next(('|'.join([c['state'], str(c['attempts']), c.get('last_error') or 'status ' + str(c.get('last_status'))])
                                                        for c in d if c['booking_id'] == '$booking_id'), 'none')")"
    case $state in
        delivered)
            read -r -a tickets <<<"$(json "' '.join(next(c['ticket_ids'] for c in d if c['booking_id'] == '$booking_id'))")"
            STATE="Dead Nation called POST /tickets-status with ${#tickets[@]} confirmed tickets"
            return 0
            ;;
        failed)
            STATE="Dead Nation's callback failed after $attempts attempts ($detail); the simulator must call back the service at $API"
            return 2
            ;;
        none) STATE="no callback scheduled yet (a simulator started with --no-callbacks never calls back)" ;;
        scheduled) STATE="Dead Nation accepted the booking and calls back in a moment (attempts so far: $attempts)" ;;
        *) STATE="callback $state, attempts so far: $attempts" ;;
    esac
    return 1
}
wait_until "Dead Nation's callback" callback_delivered
for ticket in "${tickets[@]}"; do say "ticket $ticket: confirmed"; done

step "4. Each ticket gets a receipt and a printed file"
say "handlers at work: IssueReceipt, PrintTicket, AppendToTicketsToPrint, StoreTicket, the ops read model"
tickets_processed() {
    request GET "$API/ops/bookings/$booking_id"
    [ "$STATUS" = 200 ] || { STATE="the ops read model has no booking yet (GET answered $STATUS)"; return 1; }
    local confirmed receipts printed
    read -r confirmed receipts printed <<<"$(json "' '.join(str(sum(1 for t in d['tickets'].values() if t.get(k)))
                                                            for k in ('confirmed_at', 'receipt_number', 'printed_file_name'))")"
    STATE="in the ops read model: confirmed $confirmed/$SEATS, receipts $receipts/$SEATS, printed $printed/$SEATS"
    [ "$receipts" = "$SEATS" ] && [ "$printed" = "$SEATS" ]
}
wait_until "every ticket's receipt and print" tickets_processed
for ticket in "${tickets[@]}"; do
    say "$(json "'ticket $ticket: receipt ' + d['tickets']['$ticket']['receipt_number'] + ', file ' + d['tickets']['$ticket']['printed_file_name']")"
done

refunded=${tickets[0]}
step "5. Refund ticket $refunded"
expect 202 PUT "$API/ticket-refund/$refunded"
say "PUT /ticket-refund/$refunded → 202 (RefundTicket command sent)"
ticket_refunded() {
    request GET "$API/ops/bookings/$booking_id"
    [ "$STATUS" = 200 ] || { STATE="GET /ops/bookings/$booking_id answered $STATUS"; return 1; }
    local refunded_at
    refunded_at=$(json "d['tickets']['$refunded'].get('refunded_at') or ''")
    if [ -n "$refunded_at" ]; then
        STATE="receipt voided and payment refunded: refunded_at $refunded_at"
        return 0
    fi
    STATE="waiting for the RefundTicket handler"
    return 1
}
wait_until "the refund" ticket_refunded

step "6. What the gateway simulator saw for this booking"
ids=$(printf "'%s'," "${tickets[@]}")
gateway_view() {
    local path=$1 filter=$2 format=$3
    expect 200 GET "$SIM/_sim/$path"
    json "'\n'.join('   ' + ($format) for r in d if $filter) or '   (none)'"
}
printf '   %sreceipts%s\n' "$DIM" "$RESET"
gateway_view receipts "r['ticket_id'] in ($ids)" \
    "r['number'] + ' for ticket ' + r['ticket_id'] + ', ' + r['price']['money_amount'] + ' ' + r['price']['money_currency']"
printf '   %sfiles%s\n' "$DIM" "$RESET"
gateway_view files "any(r['file_id'].startswith(t) for t in ($ids))" \
    "r['file_id'] + ' (' + str(r['size']) + ' bytes, ' + str(r['content_type']) + ')'"
printf '   %ssheet tickets-to-print%s\n' "$DIM" "$RESET"
gateway_view sheets/tickets-to-print/rows "r and r[0] in ($ids)" "' | '.join(r)"
printf '   %svoided receipts%s\n' "$DIM" "$RESET"
gateway_view voids "r['ticket_id'] in ($ids)" "'ticket ' + r['ticket_id'] + ': ' + r['reason']"
printf '   %spayment refunds%s\n' "$DIM" "$RESET"
gateway_view refunds "r['payment_reference'] in ($ids)" "'payment ' + r['payment_reference'] + ': ' + r['reason']"

step "7. The booking in the ops read model (GET /ops/bookings/$booking_id)"
expect 200 GET "$API/ops/bookings/$booking_id"
json 'json.dumps(d, indent=2)' | sed 's/^/   /'

printf '\n%sDone.%s Booking %s: %s tickets confirmed, receipted and printed; ticket %s refunded.\n' \
    "$GREEN" "$RESET" "$booking_id" "$SEATS" "$refunded"
say "The story took $(elapsed "$STORY_STARTED_AT") (the whole demo $(elapsed), starting included)."
