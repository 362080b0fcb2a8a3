"""`make loadtest`: the mixed load of bench/load/locustfile.py against gunicorn + MariaDB + Redis
on 127.0.0.1, seeded with `seed_demo --bookings 100000`, for a bounded time.

Writes var/loadtest/report.json and var/loadtest/report.png (latency percentiles and total
memory of master + workers over time) and prints the figures beside seed 001's criteria.
See docs/proofs.md, "Load test".
"""

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import psutil  # noqa: E402
import requests  # noqa: E402

from bench.common import (  # noqa: E402
    MEBIBYTE,
    PROJECT_ROOT,
    PeriodicSampler,
    bench_environment,
    print_result,
    total_memory,
)
from tests.server import GunicornServer  # noqa: E402

OUT_DIR = PROJECT_ROOT / "var" / "loadtest"
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
STAFF = ("admin@lebrq.example", "lebrq-admin-demo")  # created by seed_demo
BOOKING_HORIZON_DAYS = 270  # the nearest demo venue horizon (seed_demo.VENUE_RULES; this process does not load Django)
SEEDED_DAYS_AHEAD = 180  # seed_demo.BULK_DAYS_AHEAD: the bulk bookings fill the days up to it
LOAD_TEST_DAYS = 10  # locustfile.COLLISION_DAYS
CUSTOMER_PASSWORD = "lebrq-demo-2026"
VIDEO_SIZE = 32 * MEBIBYTE
CRITERIA = {  # seed 001's success criteria
    "average_total_rss_mb": 400,
    "peak_total_rss_mb": 600,
    "success_rate_percent": 99.9,
    "p95_ms": 2000,
    "memory_503s": 0,
    "memory_errors": 0,
    "leftover_temp_files": 0,
}


def main():
    options = parse_arguments()
    database, server, media_root, invoice_tmp = seeded_server(
        options, WEB_CONCURRENCY=options.workers, GUNICORN_THREADS=options.threads
    )
    try:
        video_path = upload_video(server)
        with MemorySampler(server) as memory:
            run_locust(options, server, video_path, database)
        report = build_report(options, server, memory, media_root, invoice_tmp)
    finally:
        server.stop()
    (OUT_DIR / "report.json").write_text(json.dumps(report, indent=2))
    plot(memory, OUT_DIR / "report.png")
    print_summary(report)


def seeded_server(options, prefix="", **environment):
    """The seeded database and a started gunicorn (2 workers x 4 threads unless `environment`
    says otherwise) on it, with fresh media and invoice-temp directories named by `prefix`."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    database = SeededDatabase(options.database_url)
    database.ensure(options.bookings)
    media_root, invoice_tmp = fresh_dir(OUT_DIR / f"{prefix}media"), fresh_dir(OUT_DIR / f"{prefix}invoice-tmp")
    env = bench_environment(
        DATABASE_URL=options.database_url,
        CACHE_URL=options.cache_url,
        MEDIA_ROOT=media_root,
        INVOICE_TEMP_DIR=invoice_tmp,
        CONN_MAX_AGE=60,
        **{"WEB_CONCURRENCY": 2, "GUNICORN_THREADS": 4, **environment},
    )
    server = GunicornServer(fresh_dir(OUT_DIR / f"{prefix}server"), env).start()
    return database, server, media_root, invoice_tmp


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", default=os.environ.get("LOADTEST_DURATION", "150s"), help="locust --run-time")
    parser.add_argument("--users", type=int, default=int(os.environ.get("LOADTEST_USERS", 25)))
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--bookings", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 2)))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("GUNICORN_THREADS", 4)))
    parser.add_argument(
        "--database-url", default=os.environ.get("LOADTEST_DATABASE_URL", "mysql://root@127.0.0.1:3306/lebrq_loadtest")
    )
    parser.add_argument("--cache-url", default=os.environ.get("LOADTEST_CACHE_URL", "redis://127.0.0.1:6379/7"))
    return parser.parse_args()


def fresh_dir(path):
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


class SeededDatabase:
    """The MariaDB database of the load test, created, migrated and seeded once, then reused."""

    def __init__(self, url):
        parts = urlsplit(url)
        self.url = url
        self.name = parts.path.lstrip("/")
        self.connect_args = {"host": parts.hostname, "port": parts.port or 3306, "user": parts.username or "root"}
        if parts.password:
            self.connect_args["password"] = parts.password

    def query(self, sql, database=True):
        import MySQLdb

        connection = MySQLdb.connect(**self.connect_args, **({"database": self.name} if database else {}))
        try:
            cursor = connection.cursor()
            cursor.execute(sql)
            return cursor.fetchall()
        finally:
            connection.close()

    def ensure(self, bookings):
        self.query(
            f"CREATE DATABASE IF NOT EXISTS `{self.name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
            database=False,
        )
        self.manage("migrate", "--noinput", "-v0")
        missing = bookings - self.booking_count()
        if missing > 0:
            self.manage("seed_demo", "--bookings", str(missing))
        else:
            self.manage("seed_demo")  # idempotent: makes sure the demo users exist

    def booking_count(self):
        try:
            return self.query("SELECT COUNT(*) FROM bookings_booking")[0][0]
        except Exception:  # the table does not exist yet
            return 0

    def manage(self, *arguments):
        env = {**os.environ, **bench_environment(DATABASE_URL=self.url, LOG_LEVEL="WARNING")}
        subprocess.run([sys.executable, "manage.py", *arguments], cwd=PROJECT_ROOT, env=env, check=True)

    def first_free_day(self):
        """A day after the last run's bookings, after the days the seed fills and inside the horizon.

        The seed's bulk bookings fill every venue's day up to SEEDED_DAYS_AHEAD, so the load test
        books the days after them (free spans read from /availability, see locustfile.pick_slot)
        and, run after run, moves on to days it has not used yet: new bookings collide only with
        each other. Near the horizon it starts again after the seeded days, where earlier runs'
        holds have lapsed or were cancelled.
        """
        latest = "SELECT MAX(start_datetime) FROM bookings_booking WHERE title = 'Load test booking'"
        (last_start,) = self.query(latest)[0]
        first = date.today() + timedelta(days=SEEDED_DAYS_AHEAD + 1)
        day = max(first, last_start.date() + timedelta(days=2)) if last_start else first
        if day + timedelta(days=LOAD_TEST_DAYS + 1) > date.today() + timedelta(days=BOOKING_HORIZON_DAYS):
            day = first
        return str(day)

    def venue_ids(self):
        return ",".join(str(row[0]) for row in self.query("SELECT id FROM bookings_venue WHERE is_active"))


def upload_video(server):
    """A stored video for the ranged reads (its URL path)."""
    token = requests.post(server.url("/api/auth/token"), json={"email": STAFF[0], "password": STAFF[1]}, timeout=30)
    token.raise_for_status()
    content = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + os.urandom(VIDEO_SIZE - 24)
    response = requests.post(
        server.url("/api/uploads/video"), headers={"Authorization": f"Bearer {token.json()['access']}"},
        files={"file": ("seek.mp4", content)}, timeout=120,
    )  # fmt: skip
    response.raise_for_status()
    return urlsplit(response.json()["url"]).path


class MemorySampler(PeriodicSampler):
    """Every second: total RSS and PSS of gunicorn's master and workers, and which workers exist."""

    def __init__(self, server, interval=1.0):
        super().__init__(interval)
        self.server = server
        self.samples = []  # (seconds since start, total RSS MiB, total PSS MiB)
        self.worker_pids_seen = set()
        self.initial_workers = set(server.worker_pids())

    def sample(self):
        try:
            pids = self.server.all_pids()
        except psutil.Error:
            return
        rss, pss = total_memory(pids)
        self.worker_pids_seen.update(pids[1:])
        self.samples.append((time.monotonic() - self.started, rss / MEBIBYTE, pss / MEBIBYTE))

    def recycles(self):
        return len(self.worker_pids_seen - self.initial_workers)


def run_locust(options, server, video_path, database, csv_prefix="locust"):
    env = {
        **os.environ,
        "LOADTEST_PASSWORD": CUSTOMER_PASSWORD,
        "LOADTEST_STAFF_EMAIL": STAFF[0],
        "LOADTEST_STAFF_PASSWORD": STAFF[1],
        "LOADTEST_VIDEO_PATH": video_path,
        "LOADTEST_VIDEO_SIZE": str(VIDEO_SIZE),
        "LOADTEST_FREE_FROM": database.first_free_day(),
        "LOADTEST_VENUES": database.venue_ids(),
    }
    command = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--host", server.base_url,
        "--users", str(options.users), "--spawn-rate", str(options.spawn_rate), "--run-time", options.duration,
        "--csv", str(OUT_DIR / csv_prefix), "--only-summary", "--stop-timeout", "60", "--exit-code-on-error", "0",
        "--loglevel", "WARNING",
    ]  # fmt: skip
    subprocess.run(command, cwd=PROJECT_ROOT, env=env, check=True)


def read_csv(name):
    with open(OUT_DIR / name, newline="") as handle:
        return list(csv.DictReader(handle))


def build_report(options, server, memory, media_root, invoice_tmp):
    groups = {}
    for row in read_csv("locust_stats.csv"):
        requests_count, failures = int(row["Request Count"]), int(row["Failure Count"])
        groups[row["Name"]] = {
            "requests": requests_count,
            "failures": failures,
            "success_rate_percent": round(100 * (requests_count - failures) / requests_count, 3)
            if requests_count
            else None,
            "p50_ms": _number(row["50%"]),
            "p95_ms": _number(row["95%"]),
            "p99_ms": _number(row["99%"]),
            "max_ms": _number(row["Max Response Time"]),
        }
    total = groups.pop("Aggregated")
    log = server.log_text()
    rss = [sample[1] for sample in memory.samples]
    pss = [sample[2] for sample in memory.samples]
    leftovers = [str(path) for path in Path(media_root).rglob("*.part")] + [
        str(path) for path in Path(invoice_tmp).iterdir()
    ]
    figures = {
        "requests": total["requests"],
        "failures": total["failures"],
        "success_rate_percent": total["success_rate_percent"],
        "p50_ms": total["p50_ms"],
        "p95_ms": total["p95_ms"],
        "p99_ms": total["p99_ms"],
        "average_total_rss_mb": round(sum(rss) / len(rss), 1),
        "peak_total_rss_mb": round(max(rss), 1),
        "average_total_pss_mb": round(sum(pss) / len(pss), 1),
        "peak_total_pss_mb": round(max(pss), 1),
        "worker_recycles": memory.recycles(),
        "memory_503s": log.count("[Memory Protection] Rejecting"),
        "memory_errors": log.count("MemoryError"),
        "leftover_temp_files": len(leftovers),
    }
    return {
        "setup": {
            "duration": options.duration,
            "users": options.users,
            "workers": options.workers,
            "threads": options.threads,
            "bookings_seeded": options.bookings,
            "database": "MariaDB",
            "cache": options.cache_url,
        },  # fmt: skip
        "figures": figures,
        "criteria": {
            name: {"limit": limit, "measured": figures[name], "met": _meets(name, figures[name], limit)}
            for name, limit in CRITERIA.items()
        },
        "route_groups": groups,
        "failures": read_csv("locust_failures.csv"),
        "leftover_files": leftovers,
    }


def _number(value):
    return None if value in ("", "N/A") else float(value)


def _meets(name, measured, limit):
    return measured >= limit if name == "success_rate_percent" else measured <= limit


def plot(memory, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    history = [
        row
        for row in read_csv("locust_stats_history.csv")
        if row["Name"] == "Aggregated" and row["50%"] not in ("N/A", "")
    ]
    figure, (latency, rss) = plt.subplots(2, 1, figsize=(8, 6), sharex=True)
    if history:
        start = int(history[0]["Timestamp"])
        seconds = [int(row["Timestamp"]) - start for row in history]
        for column in ("50%", "95%", "99%"):
            latency.plot(seconds, [float(row[column]) for row in history], label=f"p{column[:-1]} (since start)")
    latency.axhline(2000, color="red", linestyle=":", label="p95 limit")
    latency.set_ylabel("latency (ms)")
    latency.legend(loc="upper left")
    rss.plot([s[0] for s in memory.samples], [s[1] for s in memory.samples], label="total RSS")
    rss.plot([s[0] for s in memory.samples], [s[2] for s in memory.samples], label="total PSS")
    rss.axhline(400, color="orange", linestyle=":", label="average limit")
    rss.axhline(600, color="red", linestyle=":", label="peak limit")
    rss.set_ylabel("master + workers (MiB)")
    rss.set_xlabel("seconds")
    rss.legend(loc="upper left")
    figure.tight_layout()
    figure.savefig(path, dpi=80)


def print_summary(report):
    for name, figures in sorted(report["route_groups"].items()):
        print_result(f"loadtest {name}", **figures)
    print_result("loadtest total", **report["figures"])
    for name, check in report["criteria"].items():
        print(f"  {name}: {check['measured']} (criterion {check['limit']}) {'met' if check['met'] else 'NOT MET'}")
    print(f"Report: {OUT_DIR / 'report.json'}, plot: {OUT_DIR / 'report.png'}")


if __name__ == "__main__":
    main()
