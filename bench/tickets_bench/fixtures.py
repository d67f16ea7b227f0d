"""Data the scenarios start from, written straight into the bench database with SQL."""

SPREAD_SHOWS = 1000
HOT_SHOW = 0
_SHOW_CAPACITY = 1_000_000
# Large enough that the hot show never sells out during a run.
_HOT_SHOW_CAPACITY = 2_000_000_000


def show_id_sql(n):
    """The id of bench show n, as the pgbench scripts in bench/sql compute it."""
    return f"md5('bench-show-' || {n})::uuid"


def create_shows(postgres):
    """Show 0 (the hot show) and shows 1...SPREAD_SHOWS."""
    postgres.psql(f"""
        INSERT INTO shows (show_id, dead_nation_id, number_of_tickets, start_time, title, venue)
        SELECT {show_id_sql('n')}, md5('bench-dead-nation-' || n)::uuid,
               CASE WHEN n = {HOT_SHOW} THEN {_HOT_SHOW_CAPACITY} ELSE {_SHOW_CAPACITY} END,
               now() + interval '30 days', 'Bench show ' || n, 'Bench hall'
        FROM generate_series(0, {SPREAD_SHOWS}) AS n""")


def show_ids(postgres, first, last):
    return postgres.psql(
        f"SELECT {show_id_sql('n')} FROM generate_series({first}, {last}) AS n").split()


def fill_outbox(postgres, rows, topic):
    """`rows` outbox rows on `topic`, each with a payload and metadata the size of a real event's."""
    postgres.psql(f"""
        INSERT INTO outbox (topic, message_uuid, payload, metadata)
        SELECT '{topic}', id::text,
               convert_to(json_build_object(
                   'header', json_build_object('id', gen_random_uuid(), 'published_at', clock_timestamp(),
                                               'idempotency_key', id),
                   'ticket_id', gen_random_uuid(), 'customer_email', 'bench@example.com',
                   'price', json_build_object('amount', '50.00', 'currency', 'EUR'),
                   'booking_id', gen_random_uuid())::text, 'UTF8'),
               jsonb_build_object('name', 'TicketBookingConfirmed_v1', 'correlation_id', 'bench-' || id,
                                  'traceparent', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')
        FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, {rows})) AS generated;
        ANALYZE outbox""")
