#!/usr/bin/env python3
"""`make bench`: every scenario of issues 6 and 8 against private servers, then a table and
bench/results/<timestamp>.json. Usage: bench/bench.py [--tickets .build/release/tickets] [--only rush]."""
import argparse
import json
import os
import shutil
import statistics
import sys
import time
from datetime import datetime, timezone

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from tickets_bench import ceilings, fixtures, machine, report
from tickets_bench.booking import booking_load, service_memory_mib, write_shows_file
from tickets_bench.forwarder import forwarder_drain
from tickets_bench.latency import end_to_end_latency
from tickets_bench.pipeline import ticket_pipeline
from tickets_bench.rush import on_sale_rush, raise_open_file_limit
from tickets_bench.servers import GatewaySimulator, PrivatePostgres, PrivateRedis, TicketsService

BENCH = os.path.dirname(os.path.abspath(__file__))
REPOSITORY = os.path.dirname(BENCH)

READINESS_STARTS = 3
IDLE_SETTLE_SECONDS = 3
BOOKING_CONNECTIONS = 32
BOOKING_WARMUP_SECONDS = 2
BOOKING_SECONDS = 12
PGBENCH_CLIENTS = (8, 32)
PGBENCH_SECONDS = 8
PIPELINE_WARMUP_SECONDS = 5
PIPELINE_SECONDS = 20
LATENCY_RATE = 100
LATENCY_SECONDS = 20
FORWARDER_ROWS = 200_000
RUSH_CLIENTS = 1000
RUSH_CAPACITY = 500
RUSH_SECONDS = 10


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def record(results, key, figures):
    """Keeps a scenario's figures and shows them at once (a later failure does not lose them)."""
    results[key] = figures
    log(f"{key}: {json.dumps(figures)}")


def require_tools():
    missing = [tool for tool in ("wrk", "redis-server", "runuser") if shutil.which(tool) is None]
    if not os.path.isdir("/usr/lib/postgresql"):
        missing.append("postgresql")
    if missing:
        sys.exit(f"bench: missing {', '.join(missing)}; `scripts/services.sh start` installs them")


class Run:
    """The servers of this run and the phases that use them, stopped in reverse on exit."""

    def __init__(self, tickets_binary, log_dir):
        self.log_dir = log_dir
        self.postgres = PrivatePostgres(log_dir)
        self.redis = PrivateRedis(log_dir)
        self.simulator = GatewaySimulator(tickets_binary, log_dir)
        self.service = TicketsService(tickets_binary, self.postgres, self.redis, self.simulator, log_dir)

    def __enter__(self):
        log(f"private PostgreSQL on {self.postgres.port}, Redis on {self.redis.port}, "
            f"simulator on {self.simulator.port}, service on {self.service.port}; logs in {self.log_dir}")
        self.postgres.start()
        self.redis.start()
        self.simulator.start()
        self.service.migrate()
        fixtures.create_shows(self.postgres)
        return self

    def __exit__(self, *_):
        for stop in (self.service.stop, self.simulator.stop, self.redis.stop, self.postgres.stop):
            try:
                stop()
            except Exception as error:  # noqa: BLE001 - the others must still be stopped
                log(f"while stopping: {error}")

    def processes(self):
        """The process trees whose CPU the scenarios report."""
        return {"service": self.service.pid, "postgres": self.postgres.postmaster_pid,
                "redis": self.redis.process.pid, "simulator": self.simulator.process.pid}

    def restart_clean(self):
        """A fresh service on empty streams and an empty outbox, so that one scenario's leftover
        work does not load the next."""
        self.service.stop()
        self.redis.flush()
        self.postgres.psql("TRUNCATE outbox")
        return self.service.start()


def measure(run, results):
    readiness = []
    for start in range(READINESS_STARTS):
        if start:
            run.service.stop()
        readiness.append(run.service.start())
    record(results, "readiness", {"seconds": [round(value, 3) for value in readiness],
                                  "median_seconds": round(statistics.median(readiness), 3)})

    time.sleep(IDLE_SETTLE_SECONDS)
    idle = service_memory_mib(run.service)["rss"]

    spread = write_shows_file(os.path.join(run.log_dir, "spread-shows.txt"),
                              fixtures.show_ids(run.postgres, 1, fixtures.SPREAD_SHOWS))
    hot = write_shows_file(os.path.join(run.log_dir, "hot-show.txt"),
                           fixtures.show_ids(run.postgres, fixtures.HOT_SHOW, fixtures.HOT_SHOW))
    booking_load(run.service, run.processes(), spread, BOOKING_CONNECTIONS, BOOKING_WARMUP_SECONDS)
    record(results, "booking", {"service": booking_load(run.service, run.processes(), spread, BOOKING_CONNECTIONS, BOOKING_SECONDS)})
    record(results, "hot_show", {"service": booking_load(run.service, run.processes(), hot, BOOKING_CONNECTIONS, BOOKING_SECONDS)})
    record(results, "memory", {"idle_mib": idle, "peak_under_booking_mib": service_memory_mib(run.service)["peak"]})

    run.service.stop()
    results["booking"]["ceiling"] = ceilings.booking_ceilings(
        run.postgres, 1, fixtures.SPREAD_SHOWS, PGBENCH_CLIENTS, PGBENCH_SECONDS)
    results["hot_show"]["ceiling"] = ceilings.booking_ceilings(
        run.postgres, fixtures.HOT_SHOW, fixtures.HOT_SHOW, PGBENCH_CLIENTS, PGBENCH_SECONDS)
    log(f"booking ceilings: {json.dumps(results['booking']['ceiling'])}, hot show: {json.dumps(results['hot_show']['ceiling'])}")

    results["readiness"]["after_booking_load_seconds"] = round(run.restart_clean(), 3)
    record(results, "pipeline", ticket_pipeline(run.postgres, run.redis, run.simulator, run.service, run.processes(),
                                                PIPELINE_WARMUP_SECONDS, PIPELINE_SECONDS))

    run.restart_clean()
    record(results, "latency", end_to_end_latency(run.redis, run.service, LATENCY_RATE, LATENCY_SECONDS))

    run.service.stop()
    run.redis.flush()
    forwarder = {"service": forwarder_drain(run.postgres, run.redis, run.service, FORWARDER_ROWS)}
    run.service.stop()
    fixtures.fill_outbox(run.postgres, FORWARDER_ROWS, "bench.forwarder")
    forwarder["ceiling_rows_per_second"] = ceilings.outbox_drain_ceiling(run.postgres, FORWARDER_ROWS)
    record(results, "forwarder", forwarder)


def rush(run, results):
    """Issue 8: RUSH_CLIENTS connections at once on one show of RUSH_CAPACITY seats."""
    run.restart_clean()
    record(results, "rush", on_sale_rush(run.postgres, run.service, run.processes(), RUSH_CLIENTS, RUSH_CAPACITY, RUSH_SECONDS))


SCENARIOS = {"issue6": measure, "rush": rush}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tickets", default=os.path.join(REPOSITORY, ".build", "release", "tickets"),
                        help="the tickets executable (default: the release build)")
    parser.add_argument("--only", choices=sorted(SCENARIOS), action="append",
                        help="run only these scenarios (repeatable; default: all)")
    arguments = parser.parse_args()
    require_tools()
    raise_open_file_limit(RUSH_CLIENTS + 1024)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    results_dir = os.path.join(BENCH, "results")
    log_dir = os.path.join(results_dir, stamp)
    os.makedirs(log_dir)
    results = {"machine": machine.describe(REPOSITORY)}
    began = time.monotonic()
    with Run(os.path.abspath(arguments.tickets), log_dir) as run:
        for name in arguments.only or SCENARIOS:
            SCENARIOS[name](run, results)
    results["bench_seconds"] = round(time.monotonic() - began, 1)
    path = report.write_json(results, results_dir, stamp)
    print(report.markdown(results))
    print(f"\n{path} ({results['bench_seconds']:.0f} s)")


if __name__ == "__main__":
    main()
