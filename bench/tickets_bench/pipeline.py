"""Ticket pipeline scenario: confirmed tickets posted as fast as the pipeline finishes them,
with at most `max_backlog` tickets accepted but not yet complete; the figure is the completion
rate after a warm-up, and the stage holding the most work names the bottleneck."""
import resource
import threading
import time

from .http_session import HTTPSession
from .pipeline_stages import handler_durations, mean_handler_ms, sample_stages
from .procfs import CPUMeter
from .servers import HOST
from .ticket_callbacks import confirmed_tickets, post_confirmed

TICKETS_PER_CALLBACK = 4


class _Progress:
    """What the posters and the sampler share."""

    def __init__(self):
        self.lock = threading.Lock()
        self.posted = 0
        self.complete = 0
        self.failure = None
        self.stop = threading.Event()


def _post_while_room(service_port, progress, max_backlog):
    session = HTTPSession(HOST, service_port)
    try:
        while not progress.stop.is_set():
            with progress.lock:
                room = progress.posted - progress.complete < max_backlog
                if room:
                    progress.posted += TICKETS_PER_CALLBACK
            if not room:
                time.sleep(0.005)
                continue
            post_confirmed(session, confirmed_tickets(TICKETS_PER_CALLBACK)[2])
    except Exception as error:  # noqa: BLE001 - handed to the main thread, which raises it
        progress.failure = error
        progress.stop.set()
    finally:
        session.close()


def ticket_pipeline(postgres, redis, simulator, service, processes, warmup, seconds, max_backlog=2000, posters=2):
    progress = _Progress()
    simulator_session = HTTPSession(HOST, simulator.port)
    service_session = service.session()
    redis_connection = redis.connect()
    threads = [threading.Thread(target=_post_while_room, args=(service.port, progress, max_backlog), daemon=True)
               for _ in range(posters)]
    for thread in threads:
        thread.start()
    samples = []
    meter = CPUMeter(processes)
    began = time.monotonic()
    window_start = None
    try:
        while not progress.stop.is_set():
            sample = sample_stages(postgres, simulator_session, redis_connection)
            sample["at"] = time.monotonic() - began
            with progress.lock:
                progress.complete = sample["counts"]["complete"]
                sample["posted"] = progress.posted
            samples.append(sample)
            if window_start is None and sample["at"] >= warmup:
                window_start = sample
                meter.start()
                durations_before = handler_durations(service_session)
                generator_cpu_before = _own_cpu_seconds()
            if window_start is not None and sample["at"] >= warmup + seconds:
                break
            time.sleep(0.5)
    finally:
        progress.stop.set()
        for thread in threads:
            thread.join()
    if progress.failure:
        raise progress.failure
    cores = meter.stop()
    window_end = samples[-1]
    elapsed = window_end["at"] - window_start["at"]
    cores["bench driver"] = round((_own_cpu_seconds() - generator_cpu_before) / elapsed, 3)
    durations = mean_handler_ms(durations_before, handler_durations(service_session))
    simulator_session.close()
    service_session.close()
    redis_connection.close()

    def rate(name):
        return round((window_end["counts"][name] - window_start["counts"][name]) / elapsed, 1)

    backlogs = [sample["posted"] - sample["counts"]["complete"] for sample in samples if sample["at"] >= warmup]
    stage_backlogs = dict(window_end["groups"], outbox=window_end["counts"]["outbox_backlog"])
    bottleneck = max(stage_backlogs.items(), key=lambda item: item[1])
    return {
        "tickets_per_second": rate("complete"),
        "accepted_per_second": rate("accepted"),
        "stage_rates_per_second": {name: rate(name) for name in window_end["counts"] if name != "outbox_backlog"},
        "backlog_tickets": {"max_allowed": max_backlog, "at_window_start": backlogs[0], "at_window_end": backlogs[-1],
                            "max": max(backlogs)},
        "work_waiting_per_stage_at_end": dict(sorted(stage_backlogs.items(), key=lambda item: -item[1])),
        "bottleneck_stage": bottleneck[0],
        "mean_handling_ms": durations,
        "cores_used": cores,
        "seconds": round(elapsed, 1),
        "tickets_per_callback": TICKETS_PER_CALLBACK,
    }


def _own_cpu_seconds():
    """This driver's CPU time and its finished children's (the sampler's psql runs)."""
    return sum(usage.ru_utime + usage.ru_stime
               for usage in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)))
