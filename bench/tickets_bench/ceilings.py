"""The ceilings: pgbench running the service's own SQL (bench/sql), prepared and pipelined as the
driver sends it, on the bench database, with the service stopped so that nothing else competes."""
import os
import re
import subprocess

from .servers import HOST

_SQL = os.path.join(os.path.dirname(__file__), "..", "sql")


def pgbench(postgres, script, clients, seconds=None, transactions=None, variables=None):
    """Transactions per second (excluding connection set-up) of one pgbench run."""
    command = [f"{postgres.bin}/pgbench", "-h", HOST, "-p", str(postgres.port), "-U", "postgres", "-n",
               "-M", "prepared", "-c", str(clients), "-j", str(min(clients, os.cpu_count() or 1)),
               "-f", os.path.join(_SQL, script)]
    command += ["-T", str(seconds)] if seconds else ["-t", str(transactions)]
    for name, value in (variables or {}).items():
        command += ["-D", f"{name}={value}"]
    result = subprocess.run(command + [postgres.database], capture_output=True, text=True)
    match = re.search(r"^tps = ([0-9.]+) \(without initial connection time\)", result.stdout, re.MULTILINE)
    failed = re.search(r"^number of failed transactions: ([0-9]+)", result.stdout, re.MULTILINE)
    if result.returncode != 0 or not match or (failed and int(failed.group(1)) > 0):
        raise RuntimeError(f"pgbench {script} failed ({result.returncode}): {result.stderr.strip()} {result.stdout[-400:]}")
    return float(match.group(1))


def booking_ceilings(postgres, first_show, last_show, client_counts, seconds):
    """{'a': {clients: tps}, 'b': {...}, 'best': tps}: (a) the service's statements as issued,
    (b) the one-statement reference design."""
    variables = {"first_show": first_show, "last_show": last_show}
    figures = {"a": {}, "b": {}}
    for design, script in (("a", "booking_as_issued.sql"), ("b", "booking_reference.sql")):
        for clients in client_counts:
            figures[design][clients] = round(pgbench(postgres, script, clients, seconds=seconds, variables=variables), 1)
    figures["best"] = max(max(figures["a"].values()), max(figures["b"].values()))
    return figures


def outbox_drain_ceiling(postgres, rows, batch=1000):
    """Rows per second the drain SQL alone removes from a backlog of `rows` (one client, as the
    forwarder runs one round at a time)."""
    tps = pgbench(postgres, "outbox_drain.sql", 1, transactions=rows // batch)
    remaining = postgres.scalar("SELECT count(*) FROM outbox")
    if remaining:
        raise RuntimeError(f"the drain ceiling left {remaining} outbox rows")
    return round(tps * batch, 1)
