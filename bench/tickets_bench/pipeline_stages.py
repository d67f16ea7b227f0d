"""Where confirmed tickets are in the pipeline: counts per stage in Postgres, the simulator and
the Redis consumer groups, sampled together."""
import re

from .resp import pairs

TICKET_TOPICS = ("events.TicketBookingConfirmed_v1", "events.TicketReceiptIssued_v1", "events.TicketPrinted_v1", "events")

_COUNTS_SQL = """
SELECT (SELECT count(*) FROM ticket_status_changes),
       (SELECT count(*) FROM outbox),
       (SELECT count(*) FROM tickets),
       (SELECT count(*) FROM ops_ticket_facts WHERE receipt_issued_at IS NOT NULL),
       (SELECT count(*) FROM ops_ticket_facts WHERE facts->>'printed_at' IS NOT NULL),
       (SELECT count(*) FROM ops_ticket_facts AS facts JOIN tickets USING (ticket_id)
        WHERE facts.receipt_issued_at IS NOT NULL AND facts.facts->>'printed_at' IS NOT NULL),
       (SELECT count(*) FROM events WHERE event_name = 'TicketBookingConfirmed_v1')
"""
_COUNT_NAMES = ("accepted", "outbox_backlog", "tickets_stored", "read_model_receipt", "read_model_printed",
                "read_model_complete_and_stored", "data_lake_confirmed")


def sample_stages(postgres, simulator_session, redis_connection):
    """One consistent-enough look at every stage. `complete` is the number of tickets known to
    be through all of them: receipt and print in the read model with the ticket stored (one
    query), and not more than the print sheet's rows and the data lake's confirmations."""
    counts = dict(zip(_COUNT_NAMES, (int(value) for value in postgres.psql(_COUNTS_SQL).split("|"))))
    sheets = simulator_session.json("GET", "/_sim/sheets")
    counts["print_sheet_rows"] = sheets.get("tickets-to-print", 0)
    stats = simulator_session.json("GET", "/_sim/stats")["requests"]
    counts["receipts_calls"] = stats.get("receipts", 0)
    counts["files_calls"] = stats.get("files", 0)
    counts["complete"] = min(counts["read_model_complete_and_stored"], counts["print_sheet_rows"],
                             counts["data_lake_confirmed"])
    return {"counts": counts, "groups": group_backlogs(redis_connection)}


def group_backlogs(redis_connection):
    """{consumer group: entries not yet read (lag) + read but not acknowledged (pending)}."""
    backlogs = {}
    for topic in TICKET_TOPICS:
        if not redis_connection.command("EXISTS", topic):
            continue
        for group in redis_connection.command("XINFO", "GROUPS", topic):
            fields = pairs(group)
            lag = fields.get("lag")
            backlogs[fields["name"].decode()] = (lag if isinstance(lag, int) else 0) + fields["pending"]
    return backlogs


_DURATION = re.compile(
    r'^messages_processing_duration_seconds_(sum|count)\{([^}]*)\} ([0-9.eE+-]+)$', re.MULTILINE)


def handler_durations(service_session):
    """{handler: (seconds summed, messages)} from the service's /metrics."""
    status, body = service_session.request("GET", "/metrics")
    if status != 200:
        raise RuntimeError(f"GET /metrics answered {status}")
    totals = {}
    for kind, labels, value in _DURATION.findall(body.decode()):
        handler = re.search(r'handler="([^"]*)"', labels)
        if not handler:
            continue
        total = totals.setdefault(handler.group(1), [0.0, 0.0])
        total[0 if kind == "sum" else 1] += float(value)
    return totals


def mean_handler_ms(before, after):
    """Mean handling time per handler between two `handler_durations` readings, slowest first."""
    means = {}
    for handler, (seconds, count) in after.items():
        seconds_before, count_before = before.get(handler, (0.0, 0.0))
        if count > count_before:
            means[handler] = round((seconds - seconds_before) / (count - count_before) * 1000, 2)
    return dict(sorted(means.items(), key=lambda item: -item[1]))

