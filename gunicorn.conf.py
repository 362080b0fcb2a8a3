"""Gunicorn settings for LeBrq. Every value can be overridden from the environment.

Why each setting is what it is:
- gthread workers: the Django code is synchronous. With threads, the worker's main thread
  keeps notifying the arbiter while a request thread streams a 2 GiB upload, so a slow
  upload is not mistaken for a hung worker; a `sync` worker is killed once a request
  outlasts `timeout`.
- preload_app: the app is imported once in the master and the workers share those pages
  copy-on-write. Database connections opened during import are closed before forking
  (a socket shared by two processes corrupts the protocol), and gc.freeze() moves the
  preloaded objects out of the collector's reach so its passes do not write to (and so
  un-share) those pages.
- max_requests + jitter: a slow leak in any library cannot grow a worker for ever; the
  jitter keeps workers from restarting all at once. 50,000, not the usual 1,000-2,000: a
  replacement worker starts with no connections while kept-alive clients (nginx's upstream
  pool, load generators) stay on the others, so each recycle idles a core for a while; at 2,000
  a fast route recycled each worker every 2-4 s under load and halved throughput (measured,
  docs/decisions.md). Memory growth is bounded by post_request's RSS check, not by this count.
- worker_tmp_dir=/dev/shm: the heartbeat file is touched constantly; on a disk-backed /tmp
  that can stall a worker when the disk is busy (documented gunicorn advice).
- on_starting: the demo's staff password is published in the README; a server bound to
  anything but loopback refuses to start while that account still accepts it.
- post_request: a worker whose RSS passed WORKER_MAX_RSS_MB finishes its in-flight
  requests and exits; the arbiter starts a fresh one. The request that tipped it over
  still gets its answer. The same reading is the worker's RSS gauge on /metrics.
- metrics (prometheus_client multiprocess mode, lebrq/metrics.py): on_starting empties the
  directory the workers write their values to, so a restart does not add up the previous
  run's processes; child_exit drops a dead worker's live gauges (its counters still count).
"""

import gc
import glob
import os

from lebrq.env import env_bool, env_int, env_str

_MEBIBYTE = 1024 * 1024

bind = env_str("BIND", "127.0.0.1:8000")
wsgi_app = "lebrq.wsgi:application"
worker_class = "gthread"
workers = env_int("WEB_CONCURRENCY", 2, minimum=1)
threads = env_int("GUNICORN_THREADS", 4, minimum=1)
preload_app = env_bool("GUNICORN_PRELOAD", True)
timeout = env_int("GUNICORN_TIMEOUT", 120, minimum=0)
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30, minimum=0)
keepalive = env_int("GUNICORN_KEEPALIVE", 5, minimum=0)
max_requests = env_int("GUNICORN_MAX_REQUESTS", 50000, minimum=0)
max_requests_jitter = env_int("GUNICORN_MAX_REQUESTS_JITTER", 5000, minimum=0)
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Bounded headers: oversized request lines and header blocks are refused by gunicorn itself.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = env_str("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
# The default format with the request line as method, path and protocol (never the query
# string: signed media URLs are bearer capabilities), plus duration and the worker's pid: which
# worker served a request matters when one is retired for its RSS.
access_log_format = (
    '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms pid=%(p)s rid=%({x-request-id}o)s'
)
# %(U)s as sent, never percent-decoded; JSON lines when LOG_FORMAT=json (an unknown value stops the start)
logger_class = "lebrq.gunicorn_logging.AccessLogger"
errorlog = "-"
loglevel = env_str("GUNICORN_LOG_LEVEL", "info")

WORKER_MAX_RSS_MB = env_int("WORKER_MAX_RSS_MB", 512, minimum=1)


def on_starting(server):
    """Empty the metrics directory, and refuse a public bind while the demo's published staff
    password still works.

    Runs in the master before any socket is bound; with preload the app is already loaded."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lebrq.settings")
    _empty_metrics_directory()
    from lebrq.checks import is_loopback_address

    public = [address for address in server.cfg.address if not is_loopback_address(address)]
    if not public:
        return
    import django

    django.setup()
    from django.db import connections

    from lebrq.checks import published_demo_password_works
    from payments.management.commands.seed_demo import ADMIN

    try:
        demo_password_works = published_demo_password_works()
    finally:
        connections.close_all()  # the workers are forked from this process: they must not share its socket
    if demo_password_works:
        # gunicorn prints a RuntimeError raised here as "Error: ..." and exits 1.
        raise RuntimeError(
            f"Refusing to serve on {bind}: a demo staff account ({ADMIN[0]} or the desk and manager accounts) "
            "still has its published password. Change it (manage.py changepassword) or delete the account, "
            "or bind to 127.0.0.1."
        )


def _empty_metrics_directory():
    # Only the settings (which set PROMETHEUS_MULTIPROC_DIR): without preload the master loads no app.
    from django.conf import settings

    for stale in glob.glob(os.path.join(settings.PROMETHEUS_MULTIPROC_DIR, "*.db")):
        os.remove(stale)


def when_ready(server):
    """With preload, do in the master the imports a worker's first request would do.

    get_wsgi_application() only sets up apps and models; the URLconf (and through it every
    view, serializer and filter) is imported on the first request, separately in each worker.
    Importing it here puts those objects in the pages the workers share.
    """
    if preload_app:
        from django.urls import get_resolver

        get_resolver().reverse_dict  # noqa: B018 - imports every URLconf and compiles all patterns


def pre_fork(server, worker):
    if preload_app:
        from django.db import connections

        connections.close_all()
    gc.freeze()


def child_exit(server, worker):
    # prometheus_client alone, not lebrq.metrics: defining the metrics here would give the master
    # an RSS gauge of its own on /metrics.
    from django.conf import settings
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid, settings.PROMETHEUS_MULTIPROC_DIR)


def post_request(worker, req, environ, resp):
    from health.memory import process_rss_bytes  # the app is loaded in the worker by now
    from lebrq.metrics import worker_rss_gauge

    rss_bytes = process_rss_bytes()
    worker_rss_gauge().set(rss_bytes)
    rss_mb = rss_bytes / _MEBIBYTE
    if rss_mb > WORKER_MAX_RSS_MB and worker.alive:
        worker.log.warning(
            "Worker %s RSS %.0f MiB passed WORKER_MAX_RSS_MB=%d: retiring it after in-flight requests",
            worker.pid,
            rss_mb,
            WORKER_MAX_RSS_MB,
        )
        worker.alive = False
