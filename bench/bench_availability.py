"""Availability, search and the venue list under gunicorn on MariaDB, against the page-1 list and
a plain DRF viewset measured in the same run.

Seeds a throwaway MariaDB database `bench_availability` with `seed_demo --bookings 100000`, then
(bench/availability_data.py) a venue booked as densely as its rules allow over its next 62 days
and 1,000 venues with 100 bookings each for search. Two gunicorn servers (2 workers x 4 threads):
one on Redis db 9 for the page-1 list `/api/bookings/` as staff (the baseline of the p99 goals),
cached availability, the venue lists and the staff list; one on `dummy://` (nothing cached),
started beside it, for availability computed on each request and search, each measured right
after a page-1 measurement (the load of a shared machine drifts within a run). Then counts the
queries of one availability answer and one search in-process, before and after the data grows
10x. Drops the database at the end.

The servers' figures are taken in BENCH_ROUNDS rounds (3), each on freshly started servers; each
round's ratios are printed, then their medians: on a shared machine one 8-second pair can move 2x.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import requests
from bench_bookings import auth, manage, mysql, wrk
from common import PROJECT_ROOT, PeakRssSampler, bench_environment, print_result

sys.path.insert(0, str(PROJECT_ROOT))
from tests.server import GunicornServer  # noqa: E402

# Both overridable, so that benchmarks run side by side on one machine do not share them.
DATABASE = os.environ.get("BENCH_AVAILABILITY_DATABASE", "bench_availability")
REDIS_DB = os.environ.get("BENCH_AVAILABILITY_REDIS_DB", "9")
BOOKINGS = int(os.environ.get("BENCH_BOOKINGS", "100000"))
SEARCH_VENUES = int(os.environ.get("BENCH_SEARCH_VENUES", "1000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
PAGE_1 = "/api/bookings/?page=1&page_size=50"
# Throttles still run, never refusing: per second, not per minute. DRF keeps a throttle's history
# of request times in the cache and reads and writes all of it on each request; per minute, at a
# few hundred requests a second, that is ~15,000 timestamps pickled through Redis twice per
# throttle per request, and the throttles, not the views, capped the fast routes' throughput.
UNREACHED_THROTTLE_RATES = {"THROTTLE_RATE_SEARCH": "100000/s", "THROTTLE_RATE_GENERAL": "100000/s"}


def data(env, *args):
    """Run bench/availability_data.py and return the JSON it prints last."""
    output = subprocess.run(
        [sys.executable, "bench/availability_data.py", *args], cwd=PROJECT_ROOT, env={**os.environ, **env},
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return json.loads(output.strip().splitlines()[-1])


def serve(workdir, env, cache_url, flush=True):
    if flush:
        subprocess.run(["redis-cli", "-n", REDIS_DB, "FLUSHDB"], check=True, capture_output=True)
    return GunicornServer(workdir, {**env, "CACHE_URL": cache_url, "WEB_CONCURRENCY": "2", "GUNICORN_THREADS": "4"})


def staff_token(server):
    response = requests.post(
        server.url("/api/auth/token"), json={"email": "admin@lebrq.example", "password": "lebrq-admin-demo"}, timeout=30
    )
    response.raise_for_status()
    return response.json()["access"]


def measure(server, token, name, path, sampler, round_number):
    """wrk on `path` as the staff user of `token`, or anonymously for a token of None."""
    url = server.url(path)
    response = requests.get(url, headers=auth(token) if token else {}, timeout=60)  # warm: caches, connections
    response.raise_for_status()
    rate, p99 = wrk(url, token)
    print_result(
        f"availability_bench_{name}", round=round_number, req_per_s=rate, p99_ms=p99,
        worker_peak_rss_mib=sampler.peak_mib(),
    )  # fmt: skip
    return rate, p99


def availability_path(dense):
    return f"/api/venues/{dense['venue']}/availability?from={dense['from']}&to={dense['to']}"


def server_figures(workdir, env, dense, search_path, round_number):
    """wrk on every route. Each ratio's two routes are measured one after the other (on a shared
    machine the load drifts within a run): the uncached routes run on a second server started
    beside the first, each right after a page-1 measurement on the first."""
    cached = serve(workdir, env, f"redis://127.0.0.1:6379/{REDIS_DB}").start()
    try:
        token = staff_token(cached)
        venue_list = "/api/venues/?page=1&page_size=50"
        paths = {
            "plain_venues": ("/api/bench/plain-venues/?page=1&page_size=50", token),
            "availability_cached": (availability_path(dense), token),
            "venue_list": (venue_list, None),  # the public list: what a visitor sees
            "staff_venue_list": (venue_list, token),  # staff see inactive venues too: another answer
            "plain_bookings": ("/api/bench/plain-bookings/?page=1&page_size=50", token),
            "admin_list": ("/api/admin/bookings/?page=1&page_size=50", token),
            "page1": (PAGE_1, token),
            "search_cached": (search_path, token),
        }
        with PeakRssSampler(cached.worker_pids) as sampler:
            figures = {
                name: measure(cached, caller, name, path, sampler, round_number)
                for name, (path, caller) in paths.items()
            }
            uncached = serve(workdir, env, "dummy://", flush=False).start()
            try:
                with PeakRssSampler(uncached.worker_pids) as uncached_sampler:
                    for name, path in (("availability", availability_path(dense)), ("search", search_path)):
                        figures[f"page1_before_{name}"] = measure(
                            cached, token, f"page1_before_{name}", PAGE_1, sampler, round_number
                        )
                        figures[f"{name}_uncached"] = measure(
                            uncached, token, f"{name}_uncached", path, uncached_sampler, round_number
                        )
            finally:
                uncached.stop()
        return figures, [sampler, uncached_sampler]
    finally:
        cached.stop()


def search_path_of(env):
    from urllib.parse import urlencode

    query = subprocess.run(
        [sys.executable, "-c", "import availability_data, json; print(json.dumps(availability_data.search_query()))"],
        cwd=PROJECT_ROOT / "bench", env={**os.environ, **env}, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return f"/api/venues/available?{urlencode(json.loads(query.strip().splitlines()[-1]))}&page_size=50"


def ratios_of(figures, samplers):
    return dict(
        # goal <= 2
        availability_p99_over_page1_p99=figures["availability_uncached"][1] / figures["page1_before_availability"][1],
        search_p99_over_page1_p99=figures["search_uncached"][1] / figures["page1_before_search"][1],  # goal <= 3
        cached_search_p99_over_page1_p99=figures["search_cached"][1] / figures["page1"][1],
        venue_list_over_plain=figures["venue_list"][0] / figures["plain_venues"][0],  # goal >= 5
        staff_venue_list_over_plain=figures["staff_venue_list"][0] / figures["plain_venues"][0],
        cached_availability_over_plain=figures["availability_cached"][0] / figures["plain_venues"][0],  # goal >= 5
        admin_list_over_plain_bookings=figures["admin_list"][0] / figures["plain_bookings"][0],  # goal >= 2
        worker_peak_rss_mib=max(sampler.peak_mib() for sampler in samplers),
    )


def report(workdir, env, dense, search_path):
    """Each round's ratios, then the median of each over the rounds."""
    rounds = []
    for round_number in range(1, ROUNDS + 1):
        rounds.append(ratios_of(*server_figures(workdir, env, dense, search_path, round_number)))
        print_result("availability_bench_ratios", round=round_number, **rounds[-1])
    print_result(
        "availability_bench_ratios_median", rounds=ROUNDS,
        **{name: statistics.median(ratios[name] for ratios in rounds) for name in rounds[0]},
    )  # fmt: skip


def main():
    mysql(
        f"DROP DATABASE IF EXISTS {DATABASE}; "
        f"CREATE DATABASE {DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    )
    workdir = tempfile.mkdtemp(prefix="bench-availability-")
    env = bench_environment(
        DATABASE_URL=f"mysql://root@127.0.0.1:3306/{DATABASE}", CACHE_URL=f"redis://127.0.0.1:6379/{REDIS_DB}",
        VAR_DIR=f"{workdir}/var", MEDIA_ROOT=f"{workdir}/media",
        DJANGO_SETTINGS_MODULE="bench.bookings_baseline_settings", **UNREACHED_THROTTLE_RATES,
    )  # fmt: skip
    try:
        started = time.perf_counter()
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "seed_demo", "--bookings", str(BOOKINGS))
        dense = data(env, "dense")
        data(env, "search", str(SEARCH_VENUES))
        print_result(
            "availability_bench_seed", bookings=BOOKINGS, dense_bookings=dense["bookings"],
            search_venues=SEARCH_VENUES, seconds=time.perf_counter() - started,
        )  # fmt: skip
        search_path = search_path_of(env)
        report(workdir, env, dense, search_path)
        uncounted = {**env, "CACHE_URL": "dummy://"}
        at_1x = data(uncounted, "count-queries")
        data(env, "grow-dense")
        data(env, "search", str(9 * SEARCH_VENUES), "10")
        at_10x = data(uncounted, "count-queries")
        print_result(
            "availability_bench_queries",
            availability_1x=at_1x["availability"], availability_10x=at_10x["availability"],
            search_1x=at_1x["search"], search_10x=at_10x["search"],
            search_results_1x=at_1x["search_results"], search_results_10x=at_10x["search_results"],
        )  # fmt: skip
    finally:
        mysql(f"DROP DATABASE IF EXISTS {DATABASE}")
        subprocess.run(["redis-cli", "-n", REDIS_DB, "FLUSHDB"], capture_output=True)


if __name__ == "__main__":
    main()
