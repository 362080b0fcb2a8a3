"""Time-based mail: the reminder 24 h before a booking and the balance-due reminder.

Each is queued once per booking: the notification row is created first (unique per booking and
event), so a second run, or a second scheduler host, finds it and queues nothing.
"""

import logging
from datetime import timedelta

from django.core.mail import mail_managers

from bookings.models import Booking
from bookings.selectors import bookings_with_balance_overdue
from jobs.models import BookingNotification

logger = logging.getLogger("lebrq.jobs")
REMINDER_BATCH = 500  # per run; the next run takes the rest
REMINDER_AHEAD = timedelta(hours=24)


def _queue_once(bookings, event):
    from notifications.tasks import send_booking_notification  # notifications.tasks imports this module

    queued = []
    fresh = bookings.exclude(notifications__event=event).values_list("pk", "user__email")
    for booking_id, email in fresh[:REMINDER_BATCH]:
        # The row first: a second run (or a second host) finds it and queues nothing.
        _, created = BookingNotification.objects.get_or_create(
            booking_id=booking_id, event=event, key="", defaults={"recipient": email}
        )
        if created:
            send_booking_notification.enqueue(booking_id, event.value)
            queued.append(booking_id)
    return queued


def remind_upcoming(now):
    """Confirmed bookings starting within the next 24 hours get their reminder (with the .ics)."""
    upcoming = Booking.objects.filter(
        status=Booking.Status.CONFIRMED, start_datetime__gt=now, start_datetime__lte=now + REMINDER_AHEAD
    )
    return len(_queue_once(upcoming, BookingNotification.Event.REMINDER))


def remind_balance_due(now):
    """One reminder per booking whose balance fell due unpaid (the customer is mailed, staff are told)."""
    booking_ids = _queue_once(bookings_with_balance_overdue(now), BookingNotification.Event.BALANCE_DUE)
    if booking_ids:
        logger.warning("Balance overdue on booking(s) %s: reminders queued", ", ".join(map(str, booking_ids)))
        mail_managers(
            f"Balance overdue on {len(booking_ids)} booking(s)",
            "Reminders were sent for bookings " + ", ".join(f"#{pk}" for pk in booking_ids) + ".",
            fail_silently=True,
        )
    return len(booking_ids)
