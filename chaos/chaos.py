#!/usr/bin/env python3
"""The chaos suite (issue 7, `make test-chaos`): three `tickets serve` instances sharing one
private PostgreSQL and Redis, the gateway simulator calling them back, and a load of bookings,
ticket confirmations and refunds while instances are killed with SIGKILL and restarted, Redis
and PostgreSQL are restarted, the gateway fails 30 % of calls and one API is slow. Once quiet,
it checks every property of the issue and ends with `N passed, N failed` (exit 1 on a failure).

Everything runs on loopback, on random free ports, in a temp folder under /var/tmp (removed
afterwards unless a check failed or --keep is given): the shared dev services are never touched.
"""

import argparse
import concurrent.futures
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import checks  # noqa: E402
from client import Instances, Simulator  # noqa: E402
from servers import Postgres, Process, Redis, free_port, http_ok, wait_until  # noqa: E402

APIS = ("receipts", "payments", "files", "spreadsheets", "dead-nation")
FAILING = {"status": 503, "fraction": 0.3}
# Longer than the service's 10 s gateway timeout: the call times out, yet the row is appended.
SLOW = {"latency_ms": 11000, "fraction": 0.3}
SLOW_API = "spreadsheets"


def log(message, started=[time.monotonic()]):
    print(f"[{time.monotonic() - started[0]:6.1f}s] {message}", flush=True)


class LoadState:
    """What the clients saw: bookings answered 201 (id → show, seats), refusals, refunds."""

    def __init__(self):
        self.lock = threading.Lock()
        self.accepted = {}
        self.rejected = 0
        self.errors = []
        self.refunded = set()
        self.refund_calls = 0


class System:
    """The servers and processes of one run."""

    def __init__(self, tickets, root, delivery_attempts):
        taken = set()
        self.root = root
        self.pg = Postgres(root, free_port(taken))
        self.redis = Redis(root, free_port(taken))
        sim_port = free_port(taken)
        ports = [free_port(taken) for _ in range(3)]
        self.urls = [f"http://127.0.0.1:{port}" for port in ports]
        self.sim = Simulator(f"http://127.0.0.1:{sim_port}")
        targets = [arg for url in self.urls for arg in ("--tickets-url", url)]
        self.simulator = Process("gateway-sim", [tickets, "gateway-sim", "--address", f"127.0.0.1:{sim_port}", *targets,
                                                 "--callback-delay", "0.2", "--callback-attempts", "15"],
                                 {}, os.path.join(root, "gateway-sim.log"))
        self.instances = [
            Process(f"tickets-{i + 1}", [tickets, "serve"], {
                "HTTP_ADDR": f"127.0.0.1:{port}",
                "POSTGRES_URL": self.pg.url,
                "REDIS_ADDR": self.redis.address,
                "GATEWAY_ADDR": self.sim.url,
                "CONSUMER_NAME": f"chaos-{i + 1}",
                "LOG_LEVEL": "warning",
                **({"MESSAGE_DELIVERY_ATTEMPTS": str(delivery_attempts)} if delivery_attempts else {}),
            }, os.path.join(root, f"tickets-{i + 1}.log"))
            for i, port in enumerate(ports)
        ]

    def start(self):
        self.pg.create()
        self.redis.start()
        self.simulator.start()
        for instance in self.instances:
            instance.start()
        wait_until("gateway simulator", lambda: http_ok(self.sim.url + "/_sim/stats"), 60)
        for url in self.urls:
            wait_until(f"instance {url}", lambda: http_ok(url + "/health"), 120)

    def stop(self):
        for process in [*self.instances, self.simulator]:
            process.stop()
        self.redis.stop()
        self.pg.stop()


def create_shows(api, big, small):
    """`big` shows with room for everyone, `small` ones that sell out (the oversell test)."""
    shows = []
    for capacity in [1000] * big + [20] * small:
        answer = api.send("POST", "/shows", {
            "dead_nation_id": str(uuid.uuid4()), "number_of_tickets": capacity,
            "start_time": "2027-01-15T20:00:00Z", "title": "Chaos", "venue": "Loopback",
        })
        if answer.status not in (201, 409):  # 409: an earlier attempt was stored, its id is in the answer
            raise RuntimeError(f"POST /shows answered {answer.status}: {answer.body!r}")
        shows.append((answer.json()["show_id"], capacity))
    return [s for s, c in shows if c == 1000], [s for s, c in shows if c == 20]


def book(api, state, show_id, seats):
    answer = api.send("POST", "/book-tickets", {"show_id": show_id, "number_of_tickets": seats,
                                                 "customer_email": f"fan-{random.randint(1, 99999)}@example.com"})
    with state.lock:
        if answer.status == 201:
            state.accepted[answer.json()["booking_id"]] = (show_id, seats)
        elif answer.status == 400 and b"not enough seats" in answer.body:
            state.rejected += 1
        else:
            state.errors.append(f"POST /book-tickets {answer.status} {answer.body[:200]!r}")


def run_load(api, state, big, small, bookings, seconds):
    """Bookings spread evenly over `seconds`: most on big shows (2 or 3 seats), some on the
    small ones, more than they hold."""
    plan = [(random.choice(big), random.choice((2, 3))) for _ in range(bookings)]
    plan += [(random.choice(small), random.randint(1, 4)) for _ in range(len(small) * 15)]
    random.shuffle(plan)
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        futures = []
        for index, (show_id, seats) in enumerate(plan):
            delay = started + index * seconds / len(plan) - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            futures.append(pool.submit(book, api, state, show_id, seats))
        for future in futures:
            try:
                future.result()
            except Exception as error:
                with state.lock:
                    state.errors.append(str(error))


def run_refunds(api, state, stop, share=0.1):
    """Refunds about `share` of the tickets as they appear in `GET /tickets`, each requested
    twice (on two instances), until `stop` is set."""
    seen = set()
    while not stop.wait(3):
        try:
            tickets = api.send("GET", "/tickets").json()
        except Exception as error:
            state.errors.append(f"GET /tickets: {error}")
            continue
        for ticket in tickets:
            ticket_id = ticket["ticket_id"]
            if ticket_id in seen:
                continue
            seen.add(ticket_id)
            if random.random() >= share:
                continue
            for _ in range(2):
                answer = api.send("PUT", f"/ticket-refund/{ticket_id}", headers={"Idempotency-Key": f"chaos-refund-{ticket_id}"})
                with state.lock:
                    state.refund_calls += 1
                    if answer.status == 202:
                        state.refunded.add(ticket_id)
                    else:
                        state.errors.append(f"PUT /ticket-refund {answer.status} {answer.body[:200]!r}")


def run_chaos(system, stop, events):
    """The fault schedule, in seconds from the start of the load."""
    started = time.monotonic()

    def at(second):
        return stop.wait(max(0, started + second - time.monotonic()))

    def kill_one():
        victim = random.choice(system.instances)
        victim.kill9()
        events.append(f"kill -9 {victim.name}")
        log(f"chaos: kill -9 {victim.name}")
        time.sleep(2)
        victim.start()
        log(f"chaos: {victim.name} started again")

    schedule = [
        (2, "gateway: 30 % of calls fail (503), spreadsheets slow (11 s, 30 %)", lambda: [
            system.sim.fault(api, SLOW if api == SLOW_API else FAILING) for api in APIS]),
        (8, None, kill_one),
        (18, None, kill_one),
        (25, "restart Redis", system.redis.restart),
        (32, None, kill_one),
        (40, "restart PostgreSQL", system.pg.restart),
        (45, "spreadsheets no longer slow, 30 % fail instead", lambda: system.sim.fault(SLOW_API, FAILING)),
        (52, None, kill_one),
    ]
    for second, what, action in schedule:
        if at(second):
            return
        if what:
            events.append(what)
            log(f"chaos: {what}")
        action()


def clear_faults(system, events):
    for api in APIS:
        system.sim.clear_fault(api)
    events.append("gateway faults removed")
    log("chaos: gateway faults removed")


def wait_until_quiet(system, timeout):
    """Until the outbox is empty, every group has read and acknowledged everything and no
    callback is pending, three times in a row."""
    deadline = time.monotonic() + timeout
    calm = 0
    while time.monotonic() < deadline:
        try:
            outbox = int(system.pg.query("SELECT count(*) FROM outbox")[0][0])
            pending = sum(checks.pending_entries(system.redis).values())
            scheduled = sum(1 for c in system.sim.get("/_sim/callbacks") if c["state"] == "scheduled")
        except Exception as error:
            log(f"not quiet yet: {error}")
            calm = 0
            time.sleep(2)
            continue
        calm = calm + 1 if outbox == 0 and pending == 0 and scheduled == 0 else 0
        if calm >= 3:
            return True
        if calm == 0:
            log(f"waiting: outbox {outbox}, unprocessed entries {pending}, callbacks scheduled {scheduled}")
        time.sleep(2)
    return False


def dead_letters(tickets, system, *command):
    return subprocess.run([tickets, "dead-letters", *command], env={**os.environ, "REDIS_ADDR": system.redis.address},
                          check=True, capture_output=True, text=True).stdout.splitlines()


# What the errors of injected faults say: the simulator's 503, a gateway timeout, PostgreSQL
# restarting, Redis restarting.
INJECTED = ("fault injected", "timed out", "timeout", "Postgres connection error", "57P01", "Redis")


def handler_errors(system):
    """The errors the instances logged per (message uuid, handler), from their JSON logs."""
    errors = {}
    for instance in system.instances:
        with open(instance.log_path, errors="replace") as log_file:
            for line in log_file:
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue
                if entry.get("message") == "message handling failed":
                    errors.setdefault((entry.get("message.uuid"), entry.get("handler")), []).append(entry.get("error", ""))
    return errors


def explain_dead_letters(tickets, system, results):
    """Dead letters: none, or each caused by an injected fault (its reason, or the errors its
    handler logged for it, say so), then replayed."""
    listed = [line for line in dead_letters(tickets, system, "list", "--limit", "10000") if line != "no dead letters"]
    if not listed:
        results.check("dead letters: none", [])
        return False
    errors = handler_errors(system)
    unexplained = []
    for line in listed:
        fields = dict(part.split("=", 1) for part in line.split("  ")[1:] if "=" in part)
        causes = [fields.get("reason", "")] + errors.get((fields.get("uuid"), fields.get("handler")), [])
        if not any(mark in cause for cause in causes for mark in INJECTED):
            unexplained.append(line)
    results.check("dead letters each explained by an injected fault", unexplained, f"({len(listed)} dead letters)")
    dead_letters(tickets, system, "replay", *[line.split()[0] for line in listed])
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tickets", default=".build/debug/tickets", help="the tickets binary")
    parser.add_argument("--bookings", type=int, default=2100, help="bookings on shows with room (2 or 3 seats each)")
    parser.add_argument("--seconds", type=int, default=60, help="how long the load lasts")
    parser.add_argument("--delivery-attempts", type=int, help="MESSAGE_DELIVERY_ATTEMPTS of the instances "
                        "(default: the service's); a low value makes dead letters, to exercise their replay")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder (logs, data)")
    arguments = parser.parse_args()
    tickets = os.path.abspath(arguments.tickets)

    root = tempfile.mkdtemp(prefix="tickets-chaos-", dir="/var/tmp")
    system = System(tickets, root, arguments.delivery_attempts)
    results = checks.Results()
    events = []
    figures_ok = False
    try:
        system.start()
        log(f"3 instances {', '.join(system.urls)}, simulator {system.sim.url}, PostgreSQL :{system.pg.port}, "
            f"Redis :{system.redis.port}; logs in {root}")
        api = Instances(system.urls)
        state = LoadState()
        big, small = create_shows(api, 30, 4)
        stop = threading.Event()
        chaos = threading.Thread(target=run_chaos, args=(system, stop, events))
        refunds = threading.Thread(target=run_refunds, args=(api, state, stop))
        chaos.start()
        refunds.start()
        load_started = time.monotonic()
        run_load(api, state, big, small, arguments.bookings, arguments.seconds)
        log(f"load done in {time.monotonic() - load_started:.0f} s: {len(state.accepted)} bookings accepted, "
            f"{state.rejected} refused (sold out)")
        chaos.join()
        # Refunds go on while confirmations still arrive; faults stay on for part of the drain.
        time.sleep(15)
        clear_faults(system, events)
        time.sleep(15)
        stop.set()
        refunds.join()
        for instance in system.instances:
            if not instance.alive():
                results.check(f"{instance.name} still running", ["it exited on its own; see its log"])
                instance.start()
        quiet_started = time.monotonic()
        if not wait_until_quiet(system, 300):
            results.check("the system became quiet within 300 s", ["it did not"])
        log(f"quiet {time.monotonic() - quiet_started:.0f} s after the load and faults ended")
        if explain_dead_letters(tickets, system, results):
            wait_until_quiet(system, 300)
            left = [line for line in dead_letters(tickets, system, "list") if line != "no dead letters"]
            results.check("dead letters replayed to success", left)

        print()
        print("chaos: " + "; ".join(events))
        print(f"load: {len(state.accepted)} bookings accepted, {state.rejected} refused for lack of seats, "
              f"{len(state.refunded)} tickets refunded ({state.refund_calls} requests), "
              f"{api.failovers} client retries on another instance ({sum(api.server_errors.values())} after a 5xx, the others "
              f"after a refused or dropped connection)")
        for answer, count in api.server_errors.most_common(5):
            print(f"        {count} x {answer}")
        stats = system.sim.get("/_sim/stats")["requests"]
        print("gateway calls: " + ", ".join(f"{name} {count}" for name, count in sorted(stats.items())))
        results.check("no unexpected answers to the clients", state.errors)
        checks.run(results, state, system.pg, system.redis, system.sim)
        figures_ok = True
    except Exception as error:
        results.check("the suite ran to the end", [repr(error)])
    finally:
        system.stop()
    print(f"{results.passed} passed, {results.failed} failed")
    if results.failed or arguments.keep or not figures_ok:
        print(f"logs and data kept in {root}")
    else:
        shutil.rmtree(root, ignore_errors=True)
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
