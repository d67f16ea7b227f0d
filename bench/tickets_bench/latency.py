"""End-to-end latency scenario: one confirmed ticket every 1/rate seconds (each its own
booking), timed from just before its POST /tickets-status to the moment the ops read model
shows both its receipt and its print.

The read model announces each change with InternalOpsReadModelUpdated (through the outbox, to
Redis): the driver waits on that stream and looks the booking up over the API when it names
one still in flight. The measured time so includes one outbox hop after the read model
committed: it is an upper bound, by a few milliseconds, of the time the read model took."""
import json
import threading
import time

from .http_session import HTTPSession
from .resp import pairs
from .servers import HOST
from .ticket_callbacks import confirmed_tickets, post_confirmed

UPDATES_TOPIC = "internal-events.svc-tickets.InternalOpsReadModelUpdated"


def _stream_tail(connection):
    last = connection.command("XREVRANGE", UPDATES_TOPIC, "+", "-", "COUNT", 1)
    return last[0][0] if last else b"0-0"


class _InFlight:
    def __init__(self):
        self.lock = threading.Lock()
        self.tickets = {}  # booking id -> (ticket id, sent at)
        self.latencies = []
        self.failure = None


def _watch(connection, cursor, service_port, in_flight, stop):
    """Completes tickets as the read model announces their bookings, from `cursor` on."""
    session = HTTPSession(HOST, service_port)
    try:
        while not stop.is_set():
            reply = connection.command("XREAD", "COUNT", 100, "BLOCK", 200, "STREAMS", UPDATES_TOPIC, cursor, timeout=5)
            for _, entries in reply or []:
                for entry_id, fields in entries:
                    cursor = entry_id
                    booking_id = json.loads(pairs(fields)["payload"])["booking_id"]
                    with in_flight.lock:
                        ticket = in_flight.tickets.get(booking_id)
                    if ticket and _shows_receipt_and_print(session, booking_id, ticket[0]):
                        done_at = time.monotonic()
                        with in_flight.lock:
                            if in_flight.tickets.pop(booking_id, None):
                                in_flight.latencies.append(done_at - ticket[1])
    except Exception as error:  # noqa: BLE001 - handed to the main thread, which raises it
        in_flight.failure = error
    finally:
        connection.close()
        session.close()


def _shows_receipt_and_print(session, booking_id, ticket_id):
    document = session.json("GET", f"/ops/bookings/{booking_id}")
    ticket = document["tickets"].get(ticket_id) or {}
    return ticket.get("receipt_issued_at") is not None and ticket.get("printed_at") is not None


SENDERS = 8


def _send_on_schedule(service_port, slots, rate, began, in_flight, late, posting):
    """Posts ticket `index` at `began + index / rate` for each index of `slots`: several senders
    share the schedule, so one slow POST does not delay the tickets due after it."""
    session = HTTPSession(HOST, service_port)
    try:
        for index in slots:
            due = began + index / rate
            pause = due - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            booking_id, (ticket_id,), body = confirmed_tickets(1)
            sent_at = time.monotonic()
            with in_flight.lock:
                in_flight.tickets[booking_id] = (ticket_id, sent_at)
            post_confirmed(session, body)
            with in_flight.lock:
                late.append(sent_at - due)
                posting.append(time.monotonic() - sent_at)
            if in_flight.failure:
                return
    except Exception as error:  # noqa: BLE001 - handed to the main thread, which raises it
        in_flight.failure = error
    finally:
        session.close()


def end_to_end_latency(redis, service, rate, seconds, settle=10.0):
    in_flight = _InFlight()
    stop = threading.Event()
    connection = redis.connect()
    # Where the stream ends before the first post: no announcement after it is missed.
    cursor = _stream_tail(connection)
    watcher = threading.Thread(target=_watch, args=(connection, cursor, service.port, in_flight, stop), daemon=True)
    watcher.start()
    count = int(rate * seconds)
    began = time.monotonic() + 0.1
    late, posting = [], []
    senders = [
        threading.Thread(target=_send_on_schedule, daemon=True,
                         args=(service.port, range(first, count, SENDERS), rate, began, in_flight, late, posting))
        for first in range(SENDERS)
    ]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    deadline = time.monotonic() + settle
    while in_flight.tickets and time.monotonic() < deadline and not in_flight.failure:
        time.sleep(0.05)
    stop.set()
    watcher.join()
    if in_flight.failure:
        raise in_flight.failure
    latencies = sorted(in_flight.latencies)
    if not latencies:
        raise RuntimeError("no ticket reached the read model")
    return {
        "tickets": count,
        "completed": len(latencies),
        "rate_per_second": rate,
        "latency_ms": dict(_summary(latencies), p90=round(_percentile(latencies, 0.9) * 1000, 1)),
        # How long the POSTs took, and how far behind schedule the sender fell (a slow POST holds
        # up the ones after it, which then go out back to back).
        "post_ms": _summary(posting),
        "sender_late_ms": _summary(late),
    }


def _summary(seconds):
    ordered = sorted(seconds)
    return {"p50": round(_percentile(ordered, 0.5) * 1000, 1), "p99": round(_percentile(ordered, 0.99) * 1000, 1),
            "max": round(ordered[-1] * 1000, 1)}


def _percentile(ordered, fraction):
    return ordered[min(len(ordered) - 1, max(0, int(round(fraction * len(ordered))) - 1))]
