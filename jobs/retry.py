"""Retries with exponential backoff for django-tasks functions.

django-tasks has no retry of its own: a failed run is marked FAILED with its traceback
(visible to staff in the admin under "Task results"). `retry_with_backoff` keeps that record
and enqueues the next attempt with `run_after` pushed back, until the last attempt fails.
"""

import functools
import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from lebrq.request_id import current_request_id

logger = logging.getLogger("lebrq.jobs")


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
