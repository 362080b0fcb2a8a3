"""Run the mail jobs a test queued, in the test process (the worker's own path is tested apart)."""

from django_tasks_db.models import DBTaskResult

from notifications.tasks import send_booking_notification

MAIL_TASK = "notifications.tasks.send_booking_notification"


def deliver_queued_mail():
    """Run every queued mail job once, oldest first; the events they were for."""
    events = []
    for result in DBTaskResult.objects.filter(task_path=MAIL_TASK, status="READY").order_by("enqueued_at", "id"):
        call = result.args_kwargs
        send_booking_notification.call(*call["args"], **call["kwargs"])
        events.append(call["args"][1])
        result.delete()
    return events
