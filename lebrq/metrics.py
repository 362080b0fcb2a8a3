"""Prometheus metrics, in prometheus_client's multiprocess mode.

Each gunicorn worker writes its values to memory-mapped files in PROMETHEUS_MULTIPROC_DIR
(settings.py sets it under VAR_DIR before anything imports prometheus_client, which reads it
on import); a scrape, answered by any worker, sums the files of every worker, the dead ones'
counters included. gunicorn.conf.py empties the directory when the master starts and, in
`child_exit`, drops a dead worker's live gauges (its RSS).

Labels are bounded: a route is the URL pattern that matched (never the raw path), a method
outside the HTTP ones counts as "other".
"""

import functools
import logging
import threading

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError
from django.db.backends.signals import connection_created
from django.db.models import Case, Count, F, Min, Q, When
from django.db.models.signals import post_save
from django.utils import timezone

# prometheus_client reads PROMETHEUS_MULTIPROC_DIR when first imported; loading the settings sets it.
settings.PROMETHEUS_MULTIPROC_DIR  # noqa: B018

from prometheus_client import (  # noqa: E402
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
    values,
)
from prometheus_client.core import GaugeMetricFamily  # noqa: E402

if values.ValueClass is values.MutexValue:
    # Imported before the settings: each worker would keep its own values and a scrape see only one.
    raise ImproperlyConfigured("prometheus_client was imported before PROMETHEUS_MULTIPROC_DIR was set.")

logger = logging.getLogger("lebrq.metrics")

UNMATCHED_ROUTE = "unmatched"  # refused before URL resolution (memory guard) or no route matched (404)
HTTP_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

REQUESTS = Counter(
    "lebrq_http_requests", "HTTP responses, by route pattern, method and status.", ["route", "method", "status"]
)
REQUEST_SECONDS = Histogram(
    "lebrq_http_request_duration_seconds",
    "Time to answer a request (up to its first byte), by route pattern and method.",
    ["route", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
DB_QUERIES = Counter("lebrq_db_queries", "Database queries run while answering requests, by route pattern.", ["route"])
CACHE_READS = Counter("lebrq_cache_reads", "Reads of the shared cache (lebrq.cache), by result.", ["result"])
UPLOAD_BYTES = Counter("lebrq_upload_bytes", "Bytes of media stored, by kind.", ["kind"])
MEMORY_GUARD_REJECTIONS = Counter(
    "lebrq_memory_guard_rejections", "Requests the memory guard answered 503, by memory status.", ["status"]
)


@functools.cache
def worker_rss_gauge():
    """Made on first use, by gunicorn's post_request: a gauge defined at import would give every
    process that loads the app (manage.py commands, the master) a live series of its own."""
    return Gauge(
        "lebrq_worker_rss_bytes",
        "Resident set size of each live worker after its latest request.",
        multiprocess_mode="liveall",
    )


_queries = threading.local()


def _count_query(execute, sql, params, many, context):
    _queries.count = getattr(_queries, "count", 0) + 1
    return execute(sql, params, many, context)


def queries_so_far():
    """Queries this thread has run since it started (requests read the difference)."""
    return getattr(_queries, "count", 0)


def _install_query_counter(sender, connection, **kwargs):
    if _count_query not in connection.execute_wrappers:
        connection.execute_wrappers.append(_count_query)


def route_of(request):
    match = getattr(request, "resolver_match", None)
    return match.route if match is not None else UNMATCHED_ROUTE


def record_request(request, response, seconds, queries):
    route = route_of(request)
    method = request.method if request.method in HTTP_METHODS else "other"
    count, latency, database = _request_series(route, method, response.status_code)
    count.inc()
    latency.observe(seconds)
    if queries:
        database.inc(queries)


@functools.lru_cache(maxsize=4096)
def _request_series(route, method, status):
    """The labelled children of one kind of request: `labels()` costs as much as the increment."""
    return REQUESTS.labels(route, method, str(status)), REQUEST_SECONDS.labels(route, method), DB_QUERIES.labels(route)


def _count_stored_upload(sender, instance, created, **kwargs):
    if created:
        UPLOAD_BYTES.labels(instance.kind).inc(instance.size)


def connect_receivers():
    connection_created.connect(_install_query_counter, dispatch_uid="lebrq.metrics.queries")
    # A lazy sender: counting stored bytes does not make the project package import the uploads app.
    post_save.connect(_count_stored_upload, sender="uploads.MediaFile", dispatch_uid="lebrq.metrics.uploads")


class JobQueueCollector:
    """Jobs waiting in django-tasks' database queue, read at scrape time (one query)."""

    def collect(self):
        depth = GaugeMetricFamily("lebrq_job_queue_depth", "Jobs ready to run, due or not, by queue.", labels=["queue"])
        age = GaugeMetricFamily(
            "lebrq_job_queue_oldest_due_seconds",
            "How long the oldest due job has waited since it became due, by queue.",
            labels=["queue"],
        )
        try:
            rows = list(_ready_jobs_by_queue())
        except DatabaseError as error:
            logger.warning("Job queue metrics unavailable: %s", error)
            return
        now = timezone.now()
        waiting = {"default": (0, None)}  # an empty queue reads 0 rather than no series at all
        waiting.update({row["queue_name"]: (row["depth"], row["due_since"]) for row in rows})
        for queue, (count, due_since) in sorted(waiting.items()):
            depth.add_metric([queue], count)
            age.add_metric([queue], max(0.0, (now - due_since).total_seconds()) if due_since else 0.0)
        yield depth
        yield age


def _ready_jobs_by_queue():
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult, get_date_max

    without_delay = Q(run_after=get_date_max())  # django-tasks-db's "no run_after"
    became_due = Case(When(without_delay, then=F("enqueued_at")), default=F("run_after"))
    is_due = without_delay | Q(run_after__lte=timezone.now())
    return (
        DBTaskResult.objects.filter(status=TaskResultStatus.READY)
        .values("queue_name")
        .annotate(depth=Count("id"), due_since=Min(became_due, filter=is_due))
        .order_by("queue_name")
    )


def exposition():
    """The text every worker's files add up to, plus the gauges computed now."""
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=settings.PROMETHEUS_MULTIPROC_DIR)
    registry.register(JobQueueCollector())
    return generate_latest(registry)
