"""`make soak`: the mixed load of bench/load/locustfile.py for 30 minutes (not in CI) at a steady
rate below the knee (64 users, about half the knee's), against one gunicorn (2 workers x 4
threads) on the seeded MariaDB of run_loadtest.py and Redis, with worker recycling off
(GUNICORN_MAX_REQUESTS=0: a recycled worker would hide a leak).

Every 10 s it samples each worker's RSS, the descriptors of master and workers, the server's
MariaDB connections and the temporary files (`.part` uploads, invoice renderings). After the
warm-up (the first sixth of the run) it fits a line to each worker's RSS: the criterion is a slope
under 1 MiB per 10 minutes for every worker; descriptors, connections and temporary files must
be no more at the end than after the warm-up. Writes var/loadtest/soak.json and soak.png.
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import psutil  # noqa: E402

from bench.common import MEBIBYTE, PeriodicSampler, print_result  # noqa: E402
from bench.load.run_loadtest import OUT_DIR, run_locust, seeded_server, upload_video  # noqa: E402

SLOPE_LIMIT_MIB_PER_10_MIN = 1.0
SAMPLE_SECONDS = 10


def main():
    options = parse_arguments()
    database, server, media_root, invoice_tmp = seeded_server(options, "soak-", GUNICORN_MAX_REQUESTS=0)
    try:
        video_path = upload_video(server)
        locust_options = SimpleNamespace(users=options.users, spawn_rate=5, duration=options.duration)
        with LeakSampler(server, database, media_root, invoice_tmp) as sampler:
            run_locust(locust_options, server, video_path, database, csv_prefix="soak")
            time.sleep(SAMPLE_SECONDS)  # one quiet sample after the load: what is still open
        report = build_report(options, sampler)
    finally:
        server.stop()
        shutil.rmtree(media_root, ignore_errors=True)  # ~20 GiB of uploaded images and videos
    (OUT_DIR / "soak.json").write_text(json.dumps(report, indent=2))
    plot(sampler, OUT_DIR / "soak.png")
    print_result("soak", **report["figures"])
    for name, check in report["criteria"].items():
        print(f"  {name}: {check['measured']} (criterion {check['limit']}) {'met' if check['met'] else 'NOT MET'}")
    print(f"Report: {OUT_DIR / 'soak.json'}, plot: {OUT_DIR / 'soak.png'}")


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", default=os.environ.get("SOAK_DURATION", "30m"), help="locust --run-time")
    parser.add_argument("--users", type=int, default=int(os.environ.get("SOAK_USERS", 64)))  # the knee: ~140
    parser.add_argument("--bookings", type=int, default=100_000)
    parser.add_argument(
        "--database-url", default=os.environ.get("LOADTEST_DATABASE_URL", "mysql://root@127.0.0.1:3306/lebrq_loadtest")
    )
    parser.add_argument("--cache-url", default=os.environ.get("LOADTEST_CACHE_URL", "redis://127.0.0.1:6379/7"))
    return parser.parse_args()


class LeakSampler(PeriodicSampler):
    """Every SAMPLE_SECONDS: (seconds, {worker pid: RSS MiB}, descriptors, connections, temp files)."""

    def __init__(self, server, database, media_root, invoice_tmp):
        super().__init__(SAMPLE_SECONDS)
        self.server, self.database = server, database
        self.media_root, self.invoice_tmp = Path(media_root), Path(invoice_tmp)
        self.samples = []

    def sample(self):
        try:
            pids = self.server.all_pids()
            workers = {pid: psutil.Process(pid).memory_info().rss / MEBIBYTE for pid in pids[1:]}
            descriptors = sum(psutil.Process(pid).num_fds() for pid in pids)
        except psutil.Error:
            return  # a worker exited between listing and reading (none should: recycling is off)
        connections = self.database.query(
            f"SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = '{self.database.name}'"
        )[0][0]
        temp_files = len(list(self.media_root.rglob("*.part"))) + len(list(self.invoice_tmp.iterdir()))
        self.samples.append((time.monotonic() - self.started, workers, descriptors, connections, temp_files))


def slope_per_10_minutes(points):
    """Least-squares slope of (seconds, MiB) points, in MiB per 10 minutes."""
    return statistics.linear_regression([t for t, _ in points], [m for _, m in points]).slope * 600


def build_report(options, sampler):
    samples = sampler.samples
    warm = [sample for sample in samples if sample[0] >= samples[-1][0] / 6]
    worker_pids = sorted(set().union(*(sample[1] for sample in samples)))
    slopes = {
        pid: slope_per_10_minutes([(sample[0], sample[1][pid]) for sample in warm if pid in sample[1]])
        for pid in worker_pids
    }
    after_warmup, at_end = warm[0], samples[-1]
    figures = {
        "minutes": round(samples[-1][0] / 60, 1),
        "workers": len(worker_pids),
        "worst_worker_slope_mib_per_10min": round(max(slopes.values()), 2),
        "worker_rss_after_warmup_mib": round(sum(after_warmup[1].values()), 1),
        "worker_rss_at_end_mib": round(sum(at_end[1].values()), 1),
        "descriptors_after_warmup": after_warmup[2],
        "descriptors_at_end": at_end[2],
        "connections_after_warmup": after_warmup[3],
        "connections_at_end": at_end[3],
        "temp_files_at_end": at_end[4],
    }
    criteria = {
        "worst_worker_slope_mib_per_10min": (SLOPE_LIMIT_MIB_PER_10_MIN, figures["worst_worker_slope_mib_per_10min"]),
        "descriptors_at_end": (figures["descriptors_after_warmup"], figures["descriptors_at_end"]),
        "connections_at_end": (figures["connections_after_warmup"], figures["connections_at_end"]),
        "temp_files_at_end": (0, figures["temp_files_at_end"]),
    }
    return {
        "setup": {**vars(options), "workers": 2, "threads": 4, "max_requests": 0},
        "figures": figures,
        "worker_slopes_mib_per_10min": {str(pid): round(slope, 3) for pid, slope in slopes.items()},
        "criteria": {
            name: {"limit": limit, "measured": measured, "met": measured <= limit}
            for name, (limit, measured) in criteria.items()
        },
        "samples": [
            {
                "seconds": round(t),
                "worker_rss_mib": {str(p): round(m, 1) for p, m in w.items()},
                "descriptors": d,
                "connections": c,
                "temp_files": f,
            }
            for t, w, d, c, f in samples
        ],  # fmt: skip
    }


def plot(sampler, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (rss, descriptors) = plt.subplots(2, 1, figsize=(8, 6), sharex=True)
    for pid in sorted(set().union(*(sample[1] for sample in sampler.samples))):
        points = [(t / 60, workers[pid]) for t, workers, *_ in sampler.samples if pid in workers]
        rss.plot([p[0] for p in points], [p[1] for p in points], label=f"worker {pid}")
    rss.set_ylabel("worker RSS (MiB)")
    rss.legend(loc="lower right")
    descriptors.plot([s[0] / 60 for s in sampler.samples], [s[2] for s in sampler.samples], label="descriptors")
    descriptors.plot([s[0] / 60 for s in sampler.samples], [s[3] for s in sampler.samples], label="DB connections")
    descriptors.set_xlabel("minutes")
    descriptors.legend(loc="lower right")
    figure.tight_layout()
    figure.savefig(path, dpi=80)


if __name__ == "__main__":
    main()
