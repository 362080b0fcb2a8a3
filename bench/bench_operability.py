"""Operability benchmark: what the request id and the metrics cost each request, in process.

RequestIdMiddleware and MetricsMiddleware (a counter, a histogram, the query counter read
twice) around a trivial get_response, against calling get_response directly; the request is
resolved as in production (a route pattern for the labels). Also: the per-query cost of the
query counter on a real SQLite cursor, and one scrape of /metrics. The metrics files live in a
temporary VAR_DIR, as gunicorn's do. Peak RSS of this process is printed at the end.

Goal (issue 18): the two middlewares together cost about what the memory guard does (~6 us),
well under 20 us a request.
"""

import os
import resource
import statistics
import tempfile
import timeit

from common import print_result  # noqa: F401  (puts the project on sys.path)


def per_call_microseconds(call, number=20_000, repeat=7):
    """Median over `repeat` runs of `number` calls: robust to a neighbour stealing the CPU."""
    return statistics.median(timeit.repeat(call, number=number, repeat=repeat)) / number * 1e6


def main():
    workdir = tempfile.mkdtemp(prefix="bench-operability-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="lebrq.settings",
        VAR_DIR=workdir,
        SECRET_KEY="bench-operability-secret-key-0123456789abcdefghijklmnop",
        DATABASE_URL=f"sqlite:///{workdir}/bench.sqlite3",
        CACHE_URL="locmem://",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.http import HttpResponse
    from django.test import RequestFactory
    from django.urls import resolve

    from lebrq.metrics import exposition
    from lebrq.middleware import MetricsMiddleware
    from lebrq.request_id import RequestIdMiddleware

    call_command("migrate", verbosity=0)  # the scrape reads the job queue
    answer = HttpResponse("ok")

    def bare_view(request):
        request.resolver_match = match  # URL resolution happens inside the chain in production
        return answer

    match = resolve("/api/venues/3/")
    request = RequestFactory().get("/api/venues/3/", HTTP_X_REQUEST_ID="bench-request-1")
    chains = {
        "request_id": RequestIdMiddleware(bare_view),
        "metrics": MetricsMiddleware(bare_view),
        "both": RequestIdMiddleware(MetricsMiddleware(bare_view)),
    }
    without = per_call_microseconds(lambda: bare_view(request))
    for name, chain in chains.items():
        with_chain = per_call_microseconds(lambda chain=chain: chain(request))
        print_result(
            f"operability_middleware_{name}",
            overhead_us=with_chain - without,
            with_us=with_chain,
            without_us=without,
            goal="<20us (both; the memory guard costs ~6us)",
        )

    with connection.cursor() as cursor:
        counted = per_call_microseconds(lambda: cursor.execute("SELECT 1"), number=5000)
        wrappers, connection.execute_wrappers = connection.execute_wrappers, []
        uncounted = per_call_microseconds(lambda: cursor.execute("SELECT 1"), number=5000)
        connection.execute_wrappers = wrappers
    print_result("query_counter", overhead_us=counted - uncounted, with_us=counted, without_us=uncounted)

    scrape_ms = per_call_microseconds(exposition, number=20, repeat=5) / 1000
    peak_rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print_result("metrics_scrape", scrape_ms=scrape_ms, metric_files=len(os.listdir(f"{workdir}/metrics")))
    print_result("peak_rss", peak_rss_mib=peak_rss_mib)


if __name__ == "__main__":
    main()
