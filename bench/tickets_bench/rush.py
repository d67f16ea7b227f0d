"""The on-sale rush (issue 8): many clients at once on one show with few seats, buying straight
away or through holds; the figure to check is that exactly the capacity is sold."""
import json
import os
import resource
import uuid

from .booking import run_wrk_script
from .procfs import CPUMeter

_SCRIPT = os.path.join(os.path.dirname(__file__), "..", "wrk", "rush.lua")


def raise_open_file_limit(wanted):
    """1,000 connections need more descriptors than the usual soft limit of 1,024, for wrk and
    the service alike (both inherit it from here)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))


def on_sale_rush(postgres, service, processes, clients, capacity, seconds):
    session = service.session()
    show = session.json("POST", "/shows", {
        "dead_nation_id": str(uuid.uuid4()), "number_of_tickets": capacity,
        "start_time": "2030-01-01T20:00:00Z", "title": "Rush", "venue": "Bench hall"}, expect=201)["show_id"]
    meter = CPUMeter(processes)
    meter.start()
    figures = run_wrk_script(_SCRIPT, service.port, [show], clients, seconds, threads=2)
    cores = meter.stop()
    cores["wrk"] = figures.pop("wrk_cores")
    seats = session.json("GET", f"/shows/{show}")["seats"]
    session.close()
    in_bookings = postgres.scalar(f"SELECT coalesce(sum(number_of_tickets), 0) FROM bookings WHERE show_id = '{show}'")
    duration = figures["duration_us"] / 1e6
    return {
        "clients": clients,
        "capacity": capacity,
        "sold": seats["booked"],
        "sold_in_bookings_table": in_bookings,
        "held_at_end": seats["held"],
        "sold_exactly_capacity": seats["booked"] == capacity == in_bookings and seats["held"] == 0,
        "bookings_answered_201": figures["booked"],
        "holds_answered_201": figures["held"],
        "sold_out_answers": figures["sold_out"],
        "other_answers": figures["other_status"],
        # wrk counts every answer other than 2xx/3xx as a "status" error: the sold-out 400s here.
        "socket_errors": {name: count for name, count in figures["errors"].items() if name != "status"},
        "requests": figures["requests"],
        "requests_per_second": round(figures["requests"] / duration, 1),
        "latency_ms": {name: value / 1000 for name, value in figures["latency_us"].items()},
        "seconds": seconds,
        "cores_used": cores,
    }


def describe(rush):
    return (f"{rush['sold']}/{rush['capacity']} sold ({'exactly' if rush['sold_exactly_capacity'] else 'NOT exactly'}), "
            f"{rush['requests_per_second']:,.0f} requests/s from {rush['clients']:,} clients, "
            f"p99 {rush['latency_ms']['p99']:.1f} ms, {rush['other_answers']} unexpected answers, "
            f"socket errors {json.dumps(rush['socket_errors'])}")
