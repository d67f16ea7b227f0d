"""Booking API scenarios: wrk posting /book-tickets at a fixed number of connections, over many
shows or one, with the CPU each process used and the service's memory."""
import json
import os
import subprocess
import time

from .procfs import CPUMeter, memory_kib
from .servers import HOST

_SCRIPT = os.path.join(os.path.dirname(__file__), "..", "wrk", "book_tickets.lua")


def run_wrk(service_port, shows_file, connections, seconds):
    """Runs the booking script and returns its figures plus the CPU seconds wrk itself used."""
    return run_wrk_script(_SCRIPT, service_port, [shows_file], connections, seconds)


def run_wrk_script(script, service_port, arguments, connections, seconds, threads=1):
    """Runs wrk with `script` and returns the figures its `BENCH_JSON` line holds plus the CPU
    seconds wrk itself used."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", script,
               f"http://{HOST}:{service_port}", "--", *arguments]
    began = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read().decode()
    # wait4, not wait: its resource usage is wrk's own CPU time.
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.monotonic() - began
    lines = [line for line in output.splitlines() if line.startswith("BENCH_JSON ")]
    if process.returncode != 0 or not lines:
        raise RuntimeError(f"wrk failed ({process.returncode}): {output[-500:]}")
    figures = json.loads(lines[-1][len("BENCH_JSON "):])
    figures["wrk_cores"] = round((usage.ru_utime + usage.ru_stime) / elapsed, 3)
    return figures


def booking_load(service, processes, shows_file, connections, seconds):
    """One measured wrk run; the figure is 201 answers per second."""
    meter = CPUMeter(processes)
    meter.start()
    figures = run_wrk(service.port, shows_file, connections, seconds)
    cores = meter.stop()
    cores["wrk"] = figures.pop("wrk_cores")
    duration = figures["duration_us"] / 1e6
    errors = sum(figures["errors"].values())
    return {
        "bookings_per_second": round(figures["created"] / duration, 1),
        "requests": figures["requests"],
        "created": figures["created"],
        "all_201": figures["other_status"] == 0 and errors == 0 and figures["created"] == figures["requests"],
        "non_201": figures["other_status"],
        "socket_errors": figures["errors"],
        "latency_ms": {name: value / 1000 for name, value in figures["latency_us"].items()},
        "connections": connections,
        "seconds": seconds,
        "cores_used": cores,
    }


def write_shows_file(path, ids):
    with open(path, "w") as shows:
        shows.write("\n".join(ids) + "\n")
    return path


def service_memory_mib(service):
    """The service's resident memory now and its peak so far, in MiB."""
    return {
        "rss": round(memory_kib(service.pid, "VmRSS") / 1024, 1),
        "peak": round(memory_kib(service.pid, "VmHWM") / 1024, 1),
    }
