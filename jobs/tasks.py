"""Background jobs. Enqueue with `enqueue_on_commit` so a rolled-back transaction enqueues nothing.

A job carries the id of the request that enqueued it (`request_id`, a keyword the task never
sees): its log lines, retries included, show the same id as the request's.
"""

import functools
import logging

from django.db import transaction
from django_tasks import task

from jobs.housekeeping import run_housekeeping
from jobs.notifications import send_booking_notification_once
from jobs.retry import retry_with_backoff
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


@task()
@carries_request_id
@retry_with_backoff
def send_booking_notification(booking_id, event, attempt=1):
    return send_booking_notification_once(booking_id, event)


@task()
@carries_request_id
@retry_with_backoff
def housekeeping(attempt=1):
    return run_housekeeping()
