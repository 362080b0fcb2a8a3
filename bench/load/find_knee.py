"""`make loadtest`, second part: the knee of the mixed load (bench/load/locustfile.py), the
request rate at which p95 crosses 500 ms, on one app host and on two.

Each configuration is the scale-out shape of docs/operations.md: N gunicorn hosts (2 workers x
4 threads each, on 127.0.0.2 and 127.0.0.3, each its own working directory and VAR_DIR) behind
nginx round-robin (tests/cluster.py), sharing the seeded MariaDB of run_loadtest.py, Redis and a
moto S3 server for media (more than one host needs shared media; one host uses it too, so the
two configurations differ only in the number of hosts). locust climbs LOADTEST_STEPS users,
each for LOADTEST_STEP_SECONDS; a step's rate (answers per second) and p95 come from the
requests that ended in it after its first WARMUP_SECONDS. On this machine every process shares
two cores, so these are figures to compare runs by, not capacity claims.

Writes var/loadtest/knee.json; prints one line per step and one per configuration.
"""

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.common import PROJECT_ROOT, bench_environment, print_result  # noqa: E402
from bench.load.run_loadtest import (  # noqa: E402
    CUSTOMER_PASSWORD,
    LOCUSTFILE,
    OUT_DIR,
    STAFF,
    VIDEO_SIZE,
    SeededDatabase,
    fresh_dir,
    upload_video,
)
from tests.cluster import Balancer, Host  # noqa: E402
from tests.s3server import MotoServer  # noqa: E402

P95_LIMIT_MS = 500
WARMUP_SECONDS = 15  # a step's new users log in (PBKDF2) at its start: not its steady state
ADDRESSES = ("127.0.0.2", "127.0.0.3")


def main():
    options = parse_arguments()
    database = SeededDatabase(options.database_url)
    database.ensure(options.bookings)
    results = {}
    for host_count in options.hosts:
        steps = measure(options, database, host_count)
        results[f"{host_count} host{'s' if host_count > 1 else ''}"] = {"steps": steps, "knee": knee(steps)}
    (OUT_DIR / "knee.json").write_text(json.dumps({"setup": vars(options), "results": results}, indent=2))
    for name, result in results.items():
        print_result(f"knee {name}", **result["knee"])
    print(f"Report: {OUT_DIR / 'knee.json'}")


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", default=os.environ.get("LOADTEST_STEPS", "16,48,96,144,192,256,320"))
    parser.add_argument("--step-seconds", type=int, default=int(os.environ.get("LOADTEST_STEP_SECONDS", 40)))
    parser.add_argument("--hosts", type=lambda text: [int(n) for n in text.split(",")], default=[1, 2])
    parser.add_argument("--bookings", type=int, default=100_000)
    parser.add_argument(
        "--database-url", default=os.environ.get("LOADTEST_DATABASE_URL", "mysql://root@127.0.0.1:3306/lebrq_loadtest")
    )
    parser.add_argument("--cache-url", default=os.environ.get("LOADTEST_CACHE_URL", "redis://127.0.0.1:6379/7"))
    return parser.parse_args()


def measure(options, database, host_count):
    """Run the step load against `host_count` hosts; each step's figures."""
    workdir = fresh_dir(OUT_DIR / f"knee-{host_count}")
    s3 = MotoServer(workdir).start()
    hosts, balancer = [], None
    try:
        bucket = s3.new_bucket()
        for address in ADDRESSES[:host_count]:
            hosts.append(Host(workdir / address, address, host_environment(options, s3, bucket, workdir / address)))
        for host in hosts:
            host.start(timeout=60)
        # Each locust user keeps a connection open and nginx one upstream per request: 512 slots
        # made it close kept-alive client connections at 320 users (failures of 1 ms, not the app's).
        balancer = Balancer(workdir / "nginx", hosts, client_max_body_size="512m", worker_connections=4096).start()
        request_log = workdir / "requests.csv"
        run_locust(options, balancer, database, request_log)
        return step_figures(request_log, options)
    finally:
        if balancer is not None:
            balancer.stop()
        for host in hosts:
            host.stop()
        s3.stop()


def host_environment(options, s3, bucket, workdir):
    (workdir / "media").mkdir(parents=True)
    return bench_environment(
        **s3.app_environment(bucket),
        DATABASE_URL=options.database_url,
        CACHE_URL=options.cache_url,
        MEDIA_ROOT=workdir / "media",
        INVOICE_TEMP_DIR=workdir,
        CONN_MAX_AGE=60,
        WEB_CONCURRENCY=2,
        GUNICORN_THREADS=4,
        ALLOWED_HOSTS=",".join(("127.0.0.1", *ADDRESSES)),
        PYTHONPATH=PROJECT_ROOT,
    )


def run_locust(options, balancer, database, request_log):
    env = {
        **os.environ,
        "LOADTEST_PASSWORD": CUSTOMER_PASSWORD,
        "LOADTEST_STAFF_EMAIL": STAFF[0],
        "LOADTEST_STAFF_PASSWORD": STAFF[1],
        "LOADTEST_VIDEO_PATH": upload_video(balancer),
        "LOADTEST_VIDEO_SIZE": str(VIDEO_SIZE),
        "LOADTEST_FREE_FROM": database.first_free_day(),
        "LOADTEST_VENUES": database.venue_ids(),
        "LOADTEST_STEPS": options.steps,
        "LOADTEST_STEP_SECONDS": str(options.step_seconds),
        "LOADTEST_REQUEST_LOG": str(request_log),
    }
    command = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--host", balancer.base_url,
        "--only-summary", "--stop-timeout", "60", "--exit-code-on-error", "0", "--loglevel", "WARNING",
    ]  # fmt: skip
    subprocess.run(command, cwd=PROJECT_ROOT, env=env, check=True)


def step_figures(request_log, options):
    """Per step: users, answers per second, p50/p95 (ms) and failures of the requests that ended
    between its warm-up and its end."""
    rows = [line.split(",", 3) for line in request_log.read_text().splitlines()]
    started = min(float(row[0]) - float(row[1]) / 1000 for row in rows)
    figures = []
    for number, users in enumerate(int(users) for users in options.steps.split(",")):
        begin = started + number * options.step_seconds + WARMUP_SECONDS
        end = started + (number + 1) * options.step_seconds
        durations = sorted(float(row[1]) for row in rows if begin <= float(row[0]) < end)
        if len(durations) < 20:
            continue
        failures = sum(int(row[2]) for row in rows if begin <= float(row[0]) < end)
        step = {
            "users": users,
            "rate_per_s": round(len(durations) / (end - begin), 2),
            "p50_ms": round(statistics.median(durations)),
            "p95_ms": round(durations[int(0.95 * (len(durations) - 1))]),
            "failures": failures,
        }
        print_result(f"knee step {len(figures) + 1}", **step)
        figures.append(step)
    return figures


def knee(steps):
    """The rate at which p95 crosses P95_LIMIT_MS, interpolated between the two steps around it."""
    for below, above in itertools.pairwise(steps):
        if below["p95_ms"] <= P95_LIMIT_MS < above["p95_ms"]:
            share = (P95_LIMIT_MS - below["p95_ms"]) / (above["p95_ms"] - below["p95_ms"])
            rate = below["rate_per_s"] + share * (above["rate_per_s"] - below["rate_per_s"])
            return {"rate_per_s": round(rate, 1), "between_users": f"{below['users']}-{above['users']}"}
    if steps and steps[0]["p95_ms"] > P95_LIMIT_MS:
        return {"rate_per_s": f"<{steps[0]['rate_per_s']}", "between_users": f"0-{steps[0]['users']}"}
    return {"rate_per_s": f">{steps[-1]['rate_per_s'] if steps else 0}", "between_users": "beyond the last step"}


if __name__ == "__main__":
    main()
