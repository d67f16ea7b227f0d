"""Forwarder scenario: a backlog of outbox rows written before the service starts, timed from
the first to the last of them reaching their Redis stream."""
import time

from .fixtures import fill_outbox

TOPIC = "bench.forwarder"


def forwarder_drain(postgres, redis, service, rows, timeout=120):
    """Rows per second moved to Redis. The stream is read (XLEN) every 10 ms; the rows already
    there at the first sighting are not counted, so the start-up of the service is not timed."""
    postgres.psql("TRUNCATE outbox")
    fill_outbox(postgres, rows, TOPIC)
    connection = redis.connect()
    connection.command("DEL", TOPIC)
    service.start()
    first_time = first_count = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        count = connection.command("XLEN", TOPIC)
        now = time.monotonic()
        if count and first_time is None:
            first_time, first_count = now, count
        if count >= rows:
            connection.close()
            if now == first_time:
                raise RuntimeError("the whole backlog arrived between two samples; raise the row count")
            return {"rows": rows, "rows_per_second": round((rows - first_count) / (now - first_time), 1),
                    "seconds": round(now - first_time, 3)}
        time.sleep(0.01)
    connection.close()
    raise RuntimeError(f"the forwarder moved {count} of {rows} rows in {timeout} s")
