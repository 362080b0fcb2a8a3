"""Jobs of mail, webhooks and the scheduled work (lebrq.tasks: enqueue on commit, request id, retries)."""

from django.core.management import call_command
from django.utils import timezone
from django_tasks import task

from lebrq.tasks import carries_request_id, retry_with_backoff
from notifications.mail import send_booking_notification_once
from notifications.reminders import remind_balance_due, remind_upcoming
from notifications.webhooks import attempt_delivery


@task()
@carries_request_id
@retry_with_backoff
def send_booking_notification(booking_id, event, key="", reason="", attempt=1):
    return send_booking_notification_once(booking_id, event, key, reason)


@task()
@carries_request_id
@retry_with_backoff
def send_reminders(attempt=1):
    now = timezone.now()
    return {"upcoming": remind_upcoming(now), "balance_due": remind_balance_due(now)}


@task()
@carries_request_id
def prune_task_results():
    # django-tasks-db's own command: finished results older than its default age go.
    call_command("prune_db_task_results", verbosity=0)


@task()
@carries_request_id
def deliver_webhook(delivery_id):
    """One attempt at a webhook delivery; a failed attempt enqueues the next one with exponential
    backoff (notifications.webhooks.retry_delay) until WEBHOOK_RETRY_HOURS have passed since the
    event. Failing attempts are logged rows, not exceptions: they are expected."""
    next_at = attempt_delivery(delivery_id)
    if next_at is not None:
        deliver_webhook.using(run_after=next_at).enqueue(delivery_id)
    return next_at is None
