"""The properties the suite proves once the system is quiet (issue 7), each a named check that
passes or fails with its figures."""

import collections
import json

READ_MODEL_FIELDS = ("confirmed_at", "receipt_issued_at", "receipt_number", "printed_at", "printed_file_name")


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, problems, figures=""):
        """Prints one line for the property `name`; `problems` lists what breaks it."""
        if problems:
            self.failed += 1
            print(f"FAIL  {name}: {len(problems)} problem(s) {figures}")
            for problem in problems[:10]:
                print(f"        {problem}")
        else:
            self.passed += 1
            print(f"PASS  {name} {figures}")


def counted(items=()):
    return collections.Counter(items)


def run(results, state, pg, redis, sim):
    """Checks every property against Postgres, Redis and the simulator's records; `state`
    holds what the load saw (accepted bookings per show, refunds answered 202)."""
    shows = {row[0]: (int(row[1]), int(row[2])) for row in pg.query("SELECT show_id, number_of_tickets, booked_seats FROM shows")}
    bookings = {row[0]: (row[1], int(row[2])) for row in pg.query("SELECT booking_id, show_id, number_of_tickets FROM bookings")}
    confirmed = {row[0]: row[1] for row in pg.query(
        "SELECT DISTINCT ticket_id, booking_id FROM ticket_status_changes WHERE status = 'confirmed'")}
    refund_requests = {row[0] for row in pg.query("SELECT ticket_id FROM refund_requests")}

    # No seat oversold: per show, in the database and in what the clients were told.
    seats = counted()
    for show_id, count in bookings.values():
        seats[show_id] += count
    problems = [f"show {s}: {seats[s]} seats booked, booked_seats {booked}, capacity {capacity}"
                for s, (capacity, booked) in shows.items() if seats[s] > capacity or seats[s] != booked]
    told = counted()
    for show_id, count in state.accepted.values():
        told[show_id] += count
    problems += [f"show {s}: clients were given {told[s]} seats of {shows[s][0]}" for s in told if told[s] > shows[s][0]]
    full = sum(1 for s, (capacity, booked) in shows.items() if booked == capacity)
    results.check("no seat oversold on any show", problems,
                  f"({len(shows)} shows, {full} sold out, {state.rejected} bookings refused for lack of seats)")

    # Nothing committed lost: every 201 is stored, every stored booking reached Dead Nation once.
    dead_nation = sim.get("/_sim/dead-nation/bookings")
    dn_ids = {b["booking_id"] for b in dead_nation}
    problems = [f"booking {b} answered 201 but not stored" for b in state.accepted if b not in bookings]
    problems += [f"booking {b} stored but never booked at Dead Nation" for b in bookings if b not in dn_ids]
    problems += [f"Dead Nation booking {b} unknown to the database" for b in dn_ids if b not in bookings]
    results.check("every booking answered 201 is stored and booked at Dead Nation once", problems,
                  f"({len(state.accepted)} answered 201, {len(bookings)} stored, "
                  f"{sum(b['repeats'] for b in dead_nation)} repeated Dead Nation calls absorbed)")

    callbacks = sim.get("/_sim/callbacks")
    called_back = {t for c in callbacks if c["state"] == "delivered" for t in c["ticket_ids"]}
    problems = [f"callback of booking {c['booking_id']} {c['state']}: {c['last_status']} {c['last_error']}"
                for c in callbacks if c["state"] != "delivered"]
    problems += [f"ticket {t} called back but not recorded" for t in called_back if t not in confirmed]
    results.check("every Dead Nation confirmation is recorded", problems,
                  f"({len(confirmed)} tickets confirmed, {sum(c['attempts'] - 1 for c in callbacks)} callback retries)")

    receipts = sim.get("/_sim/receipts")
    per_ticket = counted(r["ticket_id"] for r in receipts)
    problems = [f"ticket {t}: {per_ticket[t]} receipts" for t in confirmed if per_ticket[t] != 1]
    problems += [f"receipt for unconfirmed ticket {t}" for t in per_ticket if t not in confirmed]
    results.check("every confirmed ticket has exactly one receipt", problems,
                  f"({len(receipts)} receipts, {sum(r['repeats'] for r in receipts)} repeated calls absorbed)")

    files = {f["file_id"]: f for f in sim.get("/_sim/files")}
    problems = [f"ticket {t}: no printed file" for t in confirmed if f"{t}-ticket.html" not in files]
    results.check("every confirmed ticket has a printed file", problems,
                  f"({len(files)} files, {sum(f['repeats'] for f in files.values())} repeated stores absorbed)")

    rows = counted(row[0] for row in sim.get("/_sim/sheets/tickets-to-print/rows"))
    keys = sim.get("/_sim/sheets/tickets-to-print/keys")
    problems = [f"ticket {t}: {rows[t]} rows in tickets-to-print" for t in confirmed if rows[t] != 1]
    problems += [f"row for unconfirmed ticket {t}" for t in rows if t not in confirmed]
    results.check("every confirmed ticket has one row in tickets-to-print", problems,
                  f"({sum(rows.values())} rows, {sum(k['repeats'] for k in keys)} repeated appends absorbed)")

    documents = {row[0]: json.loads(row[1]) for row in pg.query("SELECT booking_id, payload FROM read_model_ops_bookings")}
    problems = [f"booking {b}: no read-model document" for b in bookings if b not in documents]
    for ticket, booking in confirmed.items():
        entry = documents.get(booking, {}).get("tickets", {}).get(ticket)
        if entry is None:
            problems.append(f"ticket {ticket}: not in its booking's read model")
            continue
        missing = [field for field in READ_MODEL_FIELDS if entry.get(field) is None]
        if (entry.get("refunded_at") is not None) != (ticket in refund_requests):
            missing.append("refunded_at")
        if missing:
            problems.append(f"ticket {ticket}: read model lacks or wrongly has {', '.join(missing)}")
    results.check("every confirmed ticket has a complete read-model entry", problems, f"({len(documents)} documents)")

    voids = sim.get("/_sim/voids")
    payments = sim.get("/_sim/refunds")
    void_count = counted(v["ticket_id"] for v in voids)
    payment_count = counted(p["payment_reference"] for p in payments)
    problems = [f"refund {t} answered 202 but not stored" for t in state.refunded if t not in refund_requests]
    problems += [f"ticket {t}: {void_count[t]} voids, {payment_count[t]} payment refunds"
                 for t in refund_requests if void_count[t] != 1 or payment_count[t] != 1]
    problems += [f"ticket {t} voided without a refund request" for t in void_count if t not in refund_requests]
    problems += [f"ticket {t} refunded without a refund request" for t in payment_count if t not in refund_requests]
    results.check("every refund requested has exactly one void and one payment refund", problems,
                  f"({len(refund_requests)} refunds, {state.refund_calls} requests, "
                  f"{sum(v['repeats'] for v in voids) + sum(p['repeats'] for p in payments)} repeated calls absorbed)")

    lake = counted((row[0], row[1]) for row in pg.query(
        "SELECT event_name, coalesce(event_payload->>'ticket_id', event_payload->>'booking_id') FROM events"))
    expected = counted()
    for booking in bookings:
        expected[("BookingMade_v1", booking)] += 1
    for ticket in confirmed:
        for name in ("TicketBookingConfirmed_v1", "TicketReceiptIssued_v1", "TicketPrinted_v1"):
            expected[(name, ticket)] += 1
    for ticket in refund_requests:
        expected[("TicketRefunded_v1", ticket)] += 1
    problems = [f"{name} of {entity}: {lake[(name, entity)]} times in the data lake"
                for (name, entity) in expected.keys() | lake.keys() if lake[(name, entity)] != expected[(name, entity)]]
    results.check("every public event is in the data lake exactly once", problems, f"({sum(lake.values())} events)")

    outbox = int(pg.query("SELECT count(*) FROM outbox")[0][0])
    results.check("outbox empty", [f"{outbox} rows left"] if outbox else [])

    pending = pending_entries(redis)
    results.check("no pending entries left", [f"{group}: {count} pending" for group, count in pending.items() if count],
                  f"({len(pending)} consumer groups)")


def pending_entries(redis):
    """Pending entries (read, not acknowledged) and entries not read yet, per consumer group."""
    left = {}
    streams = [key for key in redis.cli("--scan").split() if redis.cli("TYPE", key) == "stream"]
    for stream in streams:
        groups = redis.cli("XINFO", "GROUPS", stream).split("\n")
        # redis-cli prints each group as alternating field and value lines.
        for start in range(0, len(groups), 12):
            fields = dict(zip(groups[start:start + 12:2], groups[start + 1:start + 12:2]))
            if "name" in fields:
                lag = fields.get("lag", "0")
                left[f"{stream} {fields['name']}"] = int(fields.get("pending", 0)) + (int(lag) if lag.isdigit() else 0)
    return left
