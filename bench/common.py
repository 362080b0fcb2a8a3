"""Shared pieces of the benchmarks: memory sampling and a bench database.

Benchmarks are scripts, never tests: each prints its result as a ratio against a baseline
measured in the same run, plus peak RSS. Run them all with `make bench`.
"""

import os
import sys
import threading
import time
from pathlib import Path

import psutil

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

MEBIBYTE = 1024 * 1024


def smaps_rollup(pid):
    """{'Rss': bytes, 'Pss': bytes, ...} from /proc/PID/smaps_rollup."""
    values = {}
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            parts = line.split()
            if len(parts) == 3 and parts[2] == "kB":
                values[parts[0].rstrip(":")] = int(parts[1]) * 1024
    return values


def total_memory(pids):
    """(rss_bytes, pss_bytes) summed over pids."""
    rss = pss = 0
    for pid in pids:
        try:
            rollup = smaps_rollup(pid)
        except OSError:  # a worker retired between listing and reading
            continue
        rss += rollup.get("Rss", 0)
        pss += rollup.get("Pss", 0)
    return rss, pss


class PeriodicSampler:
    """Calls `sample()` on entry, every `interval` seconds from a thread, and once more on exit."""

    def __init__(self, interval):
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self):
        raise NotImplementedError

    def _run(self):
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self):
        self.started = time.monotonic()
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.sample()


class PeakRssSampler(PeriodicSampler):
    """Samples the RSS of `pids_fn()` every `interval` seconds in a thread; keeps the peak per pid.

    with PeakRssSampler(server.worker_pids) as sampler: ...; sampler.peak_growth_mib()
    """

    def __init__(self, pids_fn, interval=0.02):
        super().__init__(interval)
        self.pids_fn = pids_fn
        self.baseline = {}
        self.peak = {}

    def sample(self):
        for pid in self.pids_fn():
            try:
                rss = psutil.Process(pid).memory_info().rss
            except psutil.Error:
                continue
            self.baseline.setdefault(pid, rss)
            self.peak[pid] = max(self.peak.get(pid, 0), rss)

    def peak_mib(self):
        return max(self.peak.values(), default=0) / MEBIBYTE

    def peak_growth_mib(self):
        """Largest growth of any single process above its first sample."""
        return max((self.peak[pid] - self.baseline[pid] for pid in self.peak), default=0) / MEBIBYTE


def bench_environment(**overrides):
    """Environment for a gunicorn started by a benchmark: throttles off, quiet logs."""
    env = {
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "GUNICORN_ACCESS_LOG": "",
        "LOG_LEVEL": "WARNING",
        "THROTTLE_RATE_AUTH": "100000/min",
        "THROTTLE_RATE_UPLOADS": "100000/min",
        "THROTTLE_RATE_SEARCH": "100000/min",
        "THROTTLE_RATE_GENERAL": "1000000/min",
    }
    env.update({key: str(value) for key, value in overrides.items()})
    return env


def print_result(name, **figures):
    """One line per result, `name: key=value ...`, easy to grep and to paste in a note."""
    rendered = " ".join(
        f"{key}={value:.3g}" if isinstance(value, float) else f"{key}={value}" for key, value in figures.items()
    )
    print(f"{name}: {rendered}", flush=True)
