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
  jitter keeps workers from restarting all at once.
- worker_tmp_dir=/dev/shm: the heartbeat file is touched constantly; on a disk-backed /tmp
  that can stall a worker when the disk is busy (documented gunicorn advice).
- post_request: a worker whose RSS passed WORKER_MAX_RSS_MB finishes its in-flight
  requests and exits; the arbiter starts a fresh one. The request that tipped it over
  still gets its answer.
"""

import gc
import os

_MEBIBYTE = 1024 * 1024


def _env_int(name, default):
    return int(os.environ.get(name, default))


bind = os.environ.get("BIND", "127.0.0.1:8000")
wsgi_app = "lebrq.wsgi:application"
worker_class = "gthread"
workers = _env_int("WEB_CONCURRENCY", 2)
threads = _env_int("GUNICORN_THREADS", 4)
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() in ("1", "true", "yes")
timeout = _env_int("GUNICORN_TIMEOUT", 120)
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _env_int("GUNICORN_KEEPALIVE", 5)
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _env_int("GUNICORN_MAX_REQUESTS_JITTER", 200)
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Bounded headers: oversized request lines and header blocks are refused by gunicorn itself.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
# The default format plus duration and the worker's pid: which worker served a request
# matters when one is retired for its RSS or throttles are checked across workers.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms pid=%(p)s'
logger_class = "lebrq.gunicorn_logging.AccessLogger"  # %(U)s as sent, never percent-decoded
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

WORKER_MAX_RSS_MB = _env_int("WORKER_MAX_RSS_MB", 512)


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


def post_request(worker, req, environ, resp):
    from health.memory import process_rss_bytes  # the app is loaded in the worker by now

    rss_mb = process_rss_bytes() / _MEBIBYTE
    if rss_mb > WORKER_MAX_RSS_MB and worker.alive:
        worker.log.warning(
            "Worker %s RSS %.0f MiB passed WORKER_MAX_RSS_MB=%d: retiring it after in-flight requests",
            worker.pid,
            rss_mb,
            WORKER_MAX_RSS_MB,
        )
        worker.alive = False
