"""CPU time and memory of processes and process trees, read from /proc (Linux)."""
import os
import time

_TICKS = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid):
    """The fields of /proc/<pid>/stat after the command name (which may hold spaces)."""
    with open(f"/proc/{pid}/stat") as stat:
        text = stat.read()
    return text[text.rindex(")") + 2:].split()


def _children_by_parent():
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            parent = int(_stat_fields(entry)[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry))
    return children


def tree_cpu_seconds(root):
    """CPU seconds (user + system) used so far by `root` and every process below it, including
    descendants that already exited and were reaped inside the tree (counted in their parent's
    cutime/cstime). 0 when `root` is gone."""
    children = _children_by_parent()
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            fields = _stat_fields(pid)
        except OSError:
            continue
        # utime, stime, cutime, cstime are fields 14-17 of stat; 11-14 after the name and state.
        total += sum(int(value) for value in fields[11:15])
        stack.extend(children.get(pid, []))
    return total / _TICKS


def memory_kib(pid, field):
    """A memory figure of /proc/<pid>/status in KiB: `VmRSS` (now) or `VmHWM` (peak so far)."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise ValueError(f"/proc/{pid}/status has no {field}")


class CPUMeter:
    """Cores used by named process trees between `start()` and `stop()`."""

    def __init__(self, roots):
        self.roots = dict(roots)

    def start(self):
        self._began = time.monotonic()
        self._before = {name: tree_cpu_seconds(pid) for name, pid in self.roots.items()}

    def stop(self):
        """{name: cores used on average}, e.g. 0.85 for 85 % of one core."""
        elapsed = time.monotonic() - self._began
        return {
            name: round((tree_cpu_seconds(pid) - self._before[name]) / elapsed, 3)
            for name, pid in self.roots.items()
        }
