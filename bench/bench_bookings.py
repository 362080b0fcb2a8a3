"""Bookings lists under gunicorn on MariaDB with 100,000 bookings, against a plain DRF viewset.

Seeds a throwaway MariaDB database `bench_bookings` with `seed_demo --bookings 100000`, serves it
with gunicorn (2 workers x 4 threads, Redis cache) and drives each list with wrk on 127.0.0.1:
page 1 and page 1,500 (size 50) of ours (`/api/bookings/` as staff, `/api/admin/bookings/`)
and of a plain ReadOnlyModelViewSet + PageNumberPagination over the same table
(bench/bookings_baseline_urls.py). Then streams the full NDJSON export and reports the worker's
peak RSS above idle. Drops the database at the end.
"""

import os
import re
import subprocess
import sys
import tempfile
import time

import requests
from common import PROJECT_ROOT, PeakRssSampler, bench_environment, print_result

sys.path.insert(0, str(PROJECT_ROOT))
from tests.server import GunicornServer  # noqa: E402

DATABASE = "bench_bookings"
DATABASE_URL = f"mysql://root@127.0.0.1:3306/{DATABASE}"
BOOKINGS = int(os.environ.get("BENCH_BOOKINGS", "100000"))
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "8"))
WRK_CONNECTIONS = 8
DEEP_PAGE = 1500
ROUTES = {
    "plain": "/api/bench/plain-bookings/",
    "ours": "/api/bookings/",
    "ours_admin": "/api/admin/bookings/",
}


def mysql(statement):
    subprocess.run(["mysql", "-uroot", "-h127.0.0.1", "-e", statement], check=True)


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT_ROOT, env={**os.environ, **env}, check=True)


def wrk(url, token):
    """(requests per second, p99 ms) of `url`, as the user of `token` (anonymously for None)."""
    output = subprocess.run(
        ["wrk", "-t2", f"-c{WRK_CONNECTIONS}", f"-d{WRK_SECONDS}s", "--latency"]
        + (["-H", f"Authorization: Bearer {token}"] if token else []) + [url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    if "Non-2xx" in output:
        raise RuntimeError(f"wrk saw errors on {url}:\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    return rate, float(p99.group(1)) * scale


def check_totals(server, token):
    expected = requests.get(server.url(f"{ROUTES['plain']}?page=1"), headers=auth(token), timeout=30).json()["count"]
    for name in ("ours", "ours_admin"):
        pagination = requests.get(
            server.url(f"{ROUTES[name]}?page={DEEP_PAGE}&page_size=50"), headers=auth(token), timeout=30
        ).json()["pagination"]
        assert pagination["total"] == expected, (name, pagination, expected)
        assert pagination["pages"] == -(-expected // 50), (name, pagination)
    return expected


def auth(token):
    return {"Authorization": f"Bearer {token}"}


def measure_lists(server, token):
    results = {}
    for name, path in ROUTES.items():
        for label, page in (("page1", 1), ("deep", DEEP_PAGE)):
            url = server.url(f"{path}?page={page}&page_size=50")
            requests.get(url, headers=auth(token), timeout=60)  # warm: caches, connections
            results[(name, label)] = wrk(url, token)
            rate, p99 = results[(name, label)]
            print_result(f"bookings_list_{name}_{label}", req_per_s=rate, p99_ms=p99)
    return results


def measure_export(server, token, expected_rows):
    url = server.url("/api/admin/bookings/export?format=ndjson")
    with PeakRssSampler(server.worker_pids) as sampler:
        started = time.perf_counter()
        with requests.get(url, headers=auth(token), stream=True, timeout=300) as response:
            response.raise_for_status()
            rows = sum(chunk.count(b"\n") for chunk in response.iter_content(256 * 1024))
        seconds = time.perf_counter() - started
    assert rows == expected_rows, (rows, expected_rows)
    print_result(
        "bookings_export_ndjson",
        rows=rows,
        seconds=seconds,
        rows_per_s=rows / seconds,
        worker_peak_rss_growth_mib=sampler.peak_growth_mib(),
        worker_peak_rss_mib=sampler.peak_mib(),
    )


def main():
    mysql(
        f"DROP DATABASE IF EXISTS {DATABASE}; "
        f"CREATE DATABASE {DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    )
    workdir = tempfile.mkdtemp(prefix="bench-bookings-")
    env = bench_environment(
        DATABASE_URL=DATABASE_URL, CACHE_URL="redis://127.0.0.1:6379/2", VAR_DIR=f"{workdir}/var",
        MEDIA_ROOT=f"{workdir}/media", DJANGO_SETTINGS_MODULE="bench.bookings_baseline_settings",
    )  # fmt: skip
    server = None
    try:
        started = time.perf_counter()
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "seed_demo", "--bookings", str(BOOKINGS))
        print_result("bookings_seed", bookings=BOOKINGS, seconds=time.perf_counter() - started)
        subprocess.run(["redis-cli", "-n", "2", "FLUSHDB"], check=True, capture_output=True)
        server = GunicornServer(workdir, {**env, "WEB_CONCURRENCY": "2", "GUNICORN_THREADS": "4"}).start()
        token = requests.post(
            server.url("/api/auth/token"),
            json={"email": "admin@lebrq.example", "password": "lebrq-admin-demo"},
            timeout=30,
        ).json()["access"]
        total = check_totals(server, token)
        results = measure_lists(server, token)
        for name in ("ours", "ours_admin"):
            (page1_rate, page1_p99), (deep_rate, deep_p99) = results[(name, "page1")], results[(name, "deep")]
            print_result(
                f"bookings_{name}_vs_plain",
                page1_speedup=page1_rate / results[("plain", "page1")][0],
                deep_speedup=deep_rate / results[("plain", "deep")][0],
                deep_p99_over_page1_p99=deep_p99 / page1_p99,
            )
        measure_export(server, token, total)
    finally:
        if server is not None:
            server.stop()
        mysql(f"DROP DATABASE IF EXISTS {DATABASE}")
        subprocess.run(["redis-cli", "-n", "2", "FLUSHDB"], capture_output=True)


if __name__ == "__main__":
    main()
