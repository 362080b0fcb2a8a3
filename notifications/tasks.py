"""Webhook delivery jobs: one attempt per run; a failed attempt enqueues the next one with
exponential backoff (notifications.webhooks.retry_delay) until WEBHOOK_RETRY_HOURS have passed
since the event. Failing attempts are logged rows, not exceptions: they are expected."""

from django_tasks import task

from lebrq.tasks import carries_request_id
from notifications.webhooks import attempt_delivery


@task()
@carries_request_id
def deliver_webhook(delivery_id):
    next_at = attempt_delivery(delivery_id)
    if next_at is not None:
        deliver_webhook.using(run_after=next_at).enqueue(delivery_id)
    return next_at is None
