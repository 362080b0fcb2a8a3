"""Memory readings for the guard and the health endpoint.

psutil reports the host's memory, which is wrong inside a container: a worker in a
2 GiB cgroup on a 64 GiB host would see 3% used while the kernel is about to OOM-kill
it. So the cgroup limit and working set win when a limit applies (v2 first, then v1).
The working set is usage minus inactive file cache, the figure the kernel reclaims
last and the one kubelet and `docker stats` report.
"""

import os
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
from django.conf import settings

GIBIBYTE = 1024**3
MEBIBYTE = 1024**2
CGROUP_ROOT = Path("/sys/fs/cgroup")
PROC_SELF_CGROUP = Path("/proc/self/cgroup")
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class MemoryReading:
    total_bytes: int
    available_bytes: int
    source: str  # "cgroup" or "host"

    @property
    def used_bytes(self):
        return self.total_bytes - self.available_bytes

    @property
    def used_percent(self):
        return round(100.0 * self.used_bytes / self.total_bytes, 1) if self.total_bytes else 0.0


def _read_int(path):
    try:
        raw = path.read_text().strip()
    except OSError:
        return None
    return int(raw) if raw.isdigit() else None


def _stat_value(path, key):
    try:
        for line in path.read_text().splitlines():
            name, _, value = line.partition(" ")
            if name == key:
                return int(value)
    except OSError:
        pass
    return 0


def _own_cgroup_dirs(root, proc_cgroup):
    """Candidate directories of this process's memory cgroup, most specific first."""
    candidates = []
    try:
        for line in proc_cgroup.read_text().splitlines():
            _, controllers, path = line.split(":", 2)
            if controllers == "":
                candidates.append(root / path.lstrip("/"))
            elif "memory" in controllers.split(","):
                candidates.append(root / "memory" / path.lstrip("/"))
    except OSError:
        pass
    candidates += [root, root / "memory"]
    return candidates


def read_cgroup_memory(root=CGROUP_ROOT, host_total=None, proc_cgroup=PROC_SELF_CGROUP):
    """The cgroup's limit and working set, or None when no limit below the host's applies."""
    host_total = host_total or psutil.virtual_memory().total
    for directory in _own_cgroup_dirs(root, proc_cgroup):
        if (directory / "memory.max").exists():  # cgroup v2
            limit = _read_int(directory / "memory.max")  # "max" reads as None: unlimited
            usage = _read_int(directory / "memory.current")
            inactive = _stat_value(directory / "memory.stat", "inactive_file")
        elif (directory / "memory.limit_in_bytes").exists():  # cgroup v1
            limit = _read_int(directory / "memory.limit_in_bytes")
            usage = _read_int(directory / "memory.usage_in_bytes")
            inactive = _stat_value(directory / "memory.stat", "total_inactive_file")
        else:
            continue
        if limit is None or usage is None or limit >= host_total:
            return None
        working_set = max(usage - inactive, 0)
        return MemoryReading(total_bytes=limit, available_bytes=max(limit - working_set, 0), source="cgroup")
    return None


def read_memory():
    host = psutil.virtual_memory()
    cgroup = read_cgroup_memory(host_total=host.total)
    if cgroup is not None:
        return cgroup
    return MemoryReading(total_bytes=host.total, available_bytes=host.available, source="host")


_cached_reading = (float("-inf"), None)


def current_memory_reading():
    """A reading at most MEMORY_READING_TTL_SECONDS old: cheap enough for every request."""
    global _cached_reading
    taken_at, reading = _cached_reading
    now = time.monotonic()
    if reading is None or now - taken_at >= settings.MEMORY_READING_TTL_SECONDS:
        reading = read_memory()
        _cached_reading = (now, reading)
    return reading


def forget_cached_reading():
    global _cached_reading
    _cached_reading = (float("-inf"), None)


def process_rss_bytes():
    """Resident set size of this process from /proc/self/statm (one read, no psutil objects)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE_SIZE
    except OSError:
        return psutil.Process().memory_info().rss


def memory_status(used_percent):
    if used_percent >= settings.MEMORY_CRITICAL_PERCENT:
        return "critical"
    if used_percent >= settings.MEMORY_THRESHOLD_PERCENT:
        return "warning"
    return "ok"


def memory_report():
    """The fields of GET /api/health/memory (the predecessor's, plus source and process RSS)."""
    reading = read_memory()
    return {
        "total_gb": round(reading.total_bytes / GIBIBYTE, 2),
        "available_gb": round(reading.available_bytes / GIBIBYTE, 2),
        "used_percent": reading.used_percent,
        "used_gb": round(reading.used_bytes / GIBIBYTE, 2),
        "threshold_percent": settings.MEMORY_THRESHOLD_PERCENT,
        "critical_percent": settings.MEMORY_CRITICAL_PERCENT,
        "status": memory_status(reading.used_percent),
        "source": reading.source,
        "process_rss_mb": round(process_rss_bytes() / MEBIBYTE, 1),
    }
