"""What every app's background jobs share: enqueue on commit, the request id, retry with backoff.

Enqueue with `enqueue_on_commit` so a rolled-back transaction enqueues nothing. A job carries
the id of the request that enqueued it (`request_id`, a keyword the task never sees): its log
lines, retries included, show the same id as the request's.

django-tasks has no retry of its own: a failed run is marked FAILED with its traceback
(visible to staff in the admin under "Task results"). `retry_with_backoff` keeps that record
and enqueues the next attempt with `run_after` pushed back, until the last attempt fails.
"""

import functools
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from lebrq.request_id import NO_REQUEST, bound_request_id, current_request_id, new_request_id

logger = logging.getLogger("lebrq.jobs")


def enqueue_on_commit(job, *args, **kwargs):
    # Read now: on_commit may run the enqueue after the request that caused it has answered.
    kwargs.setdefault("request_id", current_request_id())
    transaction.on_commit(functools.partial(job.enqueue, *args, **kwargs))


def carries_request_id(function):
    """Put right under @task(): the run is logged under the enqueuing request's id (a new one
    for a job that no request enqueued), and the retries it enqueues keep that id."""

    @functools.wraps(function)
    def run(*args, request_id=NO_REQUEST, **kwargs):
        with bound_request_id(request_id if request_id != NO_REQUEST else new_request_id()):
            logger.info("Job %s started", function.__name__)
            return function(*args, **kwargs)

    return run


def backoff_delay(attempt):
    """Seconds to wait before attempt `attempt + 1`: base, 2*base, 4*base, ..."""
    return settings.JOB_RETRY_BASE_SECONDS * 2 ** (attempt - 1)


def retry_with_backoff(function):
    """Put between @task() and the function; the function gets an `attempt` keyword (1-based)."""

    @functools.wraps(function)
    def run(*args, attempt=1, **kwargs):
        try:
            return function(*args, attempt=attempt, **kwargs)
        except Exception:
            if attempt >= settings.JOB_MAX_ATTEMPTS:
                logger.error("Job %s failed for good after %d attempts", function.__name__, attempt)
                raise
            delay = backoff_delay(attempt)
            task = import_string(f"{function.__module__}.{function.__name__}")
            task.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
                *args, attempt=attempt + 1, request_id=current_request_id(), **kwargs
            )
            logger.warning("Job %s attempt %d failed; retrying in %.0fs", function.__name__, attempt, delay)
            raise

    return run
