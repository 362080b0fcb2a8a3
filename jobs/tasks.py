"""Background jobs. Enqueue with `enqueue_on_commit` so a rolled-back transaction enqueues nothing."""

import functools

from django.db import transaction
from django_tasks import task

from jobs.housekeeping import run_housekeeping
from jobs.notifications import send_booking_notification_once
from jobs.retry import retry_with_backoff


def enqueue_on_commit(job, *args, **kwargs):
    transaction.on_commit(functools.partial(job.enqueue, *args, **kwargs))


@task()
@retry_with_backoff
def send_booking_notification(booking_id, event, attempt=1):
    return send_booking_notification_once(booking_id, event)


@task()
@retry_with_backoff
def housekeeping(attempt=1):
    return run_housekeeping()
