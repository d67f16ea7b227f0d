"""The printout (a Markdown table, pasted as is into the README) and the JSON file of a run."""
import json
import os

from .rush import describe as describe_rush


def _ratio(figure, ceiling):
    return round(figure / ceiling, 2) if ceiling else None


def _status(met):
    return "met" if met else "**short**"


def _cores(cores):
    return ", ".join(f"{name} {value:.2f}" for name, value in sorted(cores.items(), key=lambda item: -item[1]))


def rows(results):
    """(scenario, figure, ceiling, ratio, goal, status) per scenario that ran."""
    table = []
    if "rush" in results:
        rush = results["rush"]
        table.append(("on-sale rush (1 show)", describe_rush(rush), "–", None,
                      f"sold = {rush['capacity']} exactly", _status(rush["sold_exactly_capacity"])))
    if "booking" not in results:
        return table
    for key, title in (("booking", "booking API (1,000 shows)"), ("hot_show", "hot show (1 show)")):
        scenario = results[key]
        service, ceiling = scenario["service"], scenario["ceiling"]
        ratio = _ratio(service["bookings_per_second"], ceiling["best"])
        table.append((
            title,
            f"{service['bookings_per_second']:,.0f} bookings/s at {service['connections']} connections, "
            f"all 201: {'yes' if service['all_201'] else 'NO'}, p99 {service['latency_ms']['p99']:.1f} ms",
            f"{ceiling['best']:,.0f} tx/s (a: {_per_clients(ceiling['a'])}; b: {_per_clients(ceiling['b'])})",
            ratio, "≥ 0.5 of the better of (a), (b)", _status(ratio >= 0.5 and service["all_201"])))
    pipeline = results["pipeline"]
    table.append((
        "ticket pipeline",
        f"{pipeline['tickets_per_second']:,.0f} tickets/s complete (accepted {pipeline['accepted_per_second']:,.0f}/s, "
        f"backlog ≤ {pipeline['backlog_tickets']['max']:,})",
        f"– (bottleneck: {pipeline['bottleneck_stage']})", None, "≥ 500 tickets/s",
        _status(pipeline["tickets_per_second"] >= 500)))
    latency = results["latency"]["latency_ms"]
    table.append((
        "end-to-end latency",
        f"p50 {latency['p50']:.1f} ms, p99 {latency['p99']:.1f} ms at {results['latency']['rate_per_second']} tickets/s "
        f"({results['latency']['completed']}/{results['latency']['tickets']} complete; "
        f"the POSTs themselves p99 {results['latency']['post_ms']['p99']:.1f} ms)",
        "–", None, "p50 < 20 ms, p99 < 100 ms",
        _status(latency["p50"] < 20 and latency["p99"] < 100
                and results["latency"]["completed"] == results["latency"]["tickets"])))
    forwarder = results["forwarder"]
    ratio = _ratio(forwarder["service"]["rows_per_second"], forwarder["ceiling_rows_per_second"])
    table.append((
        "forwarder",
        f"{forwarder['service']['rows_per_second']:,.0f} rows/s ({forwarder['service']['rows']:,} rows in "
        f"{forwarder['service']['seconds']:.1f} s)",
        f"{forwarder['ceiling_rows_per_second']:,.0f} rows/s (drain SQL)", ratio, "≥ 30,000 rows/s",
        _status(forwarder["service"]["rows_per_second"] >= 30_000)))
    memory = results["memory"]
    table.append((
        "memory (RSS)", f"idle {memory['idle_mib']:.0f} MiB, peak {memory['peak_under_booking_mib']:.0f} MiB under booking load",
        "–", None, "< 50 MiB idle, < 200 MiB under load",
        _status(memory["idle_mib"] < 50 and memory["peak_under_booking_mib"] < 200)))
    readiness = results["readiness"]
    table.append((
        "readiness", f"{readiness['median_seconds']:.2f} s to /health = ok (median of {len(readiness['seconds'])}: "
        f"{', '.join(f'{value:.2f}' for value in readiness['seconds'])})",
        "–", None, "< 1 s", _status(readiness["median_seconds"] < 1)))
    return table


def _per_clients(figures):
    return ", ".join(f"{figure:,.0f} @{clients}" for clients, figure in figures.items())


def markdown(results):
    machine = results["machine"]
    load = " ".join(f"{value:.2f}" for value in machine["load_average_before"])
    lines = [
        f"Machine: {machine['cores']} cores ({machine['cpu']}), {machine['memory_gib']} GiB, Linux {machine['kernel']}; "
        f"load average before the run {load}; {machine['date']}, commit {machine['commit']}.",
        "",
        "| scenario | figure | ceiling | ratio | goal | |",
        "|---|---|---|---|---|---|",
    ]
    for scenario, figure, ceiling, ratio, goal, status in rows(results):
        lines.append(f"| {scenario} | {figure} | {ceiling} | {'–' if ratio is None else f'{ratio:.2f}'} | {goal} | {status} |")
    lines += ["", "Cores used during each measurement (2.00 = both cores of this machine busy):"]
    if "rush" in results:
        lines.append(f"- on-sale rush: {_cores(results['rush']['cores_used'])}")
    if "booking" not in results:
        return "\n".join(lines)
    for key, title in (("booking", "booking API"), ("hot_show", "hot show")):
        lines.append(f"- {title}: {_cores(results[key]['service']['cores_used'])}")
    lines.append(f"- ticket pipeline: {_cores(results['pipeline']['cores_used'])}")
    slowest = list(results["pipeline"]["mean_handling_ms"].items())[:3]
    waiting = list(results["pipeline"]["work_waiting_per_stage_at_end"].items())[:3]
    lines += [
        f"- pipeline, work waiting per stage at the end: {', '.join(f'{name} {count:,}' for name, count in waiting)}; "
        f"slowest handlers (mean ms): {', '.join(f'{name} {value}' for name, value in slowest)}",
    ]
    return "\n".join(lines)


def write_json(results, directory, stamp):
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, f"{stamp}.json")
    with open(path, "w") as output:
        json.dump(results, output, indent=2)
        output.write("\n")
    return path
