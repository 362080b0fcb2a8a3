"""Background jobs of mail and housekeeping (lebrq.tasks: enqueue on commit, request id, retries)."""

from django_tasks import task

from jobs.housekeeping import run_housekeeping
from jobs.notifications import send_booking_notification_once
from lebrq.tasks import carries_request_id, retry_with_backoff


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
