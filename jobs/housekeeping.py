"""Nightly-style housekeeping: one function, run as a job (`housekeeping` task) or a command."""

import logging

from django.core.mail import mail_managers
from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from bookings.selectors import bookings_with_balance_overdue
from bookings.services import complete_past_bookings, delete_expired_idempotency_keys, expire_lapsed_holds
from jobs.models import BookingNotification
from uploads.maintenance import delete_stale_part_files

logger = logging.getLogger("lebrq.jobs")
REMINDER_BATCH = 500  # per run; the next run takes the rest


def flush_expired_tokens(now):
    """Expired refresh tokens (and, by cascade, their blacklist rows) are dead weight."""
    deleted, _ = OutstandingToken.objects.filter(expires_at__lt=now).delete()
    return deleted


def remind_balance_due(now):
    """Queue one reminder per booking whose balance fell due unpaid (the customer is mailed,
    staff are told); the notification row keeps it to one however often this runs."""
    overdue = bookings_with_balance_overdue(now).exclude(notifications__event=BookingNotification.Event.BALANCE_DUE)
    from jobs.tasks import send_booking_notification  # jobs.tasks imports this module

    booking_ids = []
    for booking_id, email in overdue.values_list("pk", "user__email")[:REMINDER_BATCH]:
        # The row first: a second run (or a second host) finds it and queues nothing.
        _, created = BookingNotification.objects.get_or_create(
            booking_id=booking_id, event=BookingNotification.Event.BALANCE_DUE, defaults={"recipient": email}
        )
        if created:
            send_booking_notification.enqueue(booking_id, BookingNotification.Event.BALANCE_DUE.value)
            booking_ids.append(booking_id)
    if booking_ids:
        logger.warning("Balance overdue on booking(s) %s: reminders queued", ", ".join(map(str, booking_ids)))
        mail_managers(
            f"Balance overdue on {len(booking_ids)} booking(s)",
            "Reminders were sent for bookings " + ", ".join(f"#{pk}" for pk in booking_ids) + ".",
            fail_silently=True,
        )
    return len(booking_ids)


def run_housekeeping(now=None):
    now = now or timezone.now()
    report = {
        "holds_expired": expire_lapsed_holds(now=now),
        "balance_reminders_queued": remind_balance_due(now),
        "bookings_completed": complete_past_bookings(now=now),
        "expired_tokens_deleted": flush_expired_tokens(now),
        "idempotency_keys_deleted": delete_expired_idempotency_keys(now),
        "stale_part_files_deleted": len(delete_stale_part_files()),
    }
    logger.info("Housekeeping: %s", report)
    return report
