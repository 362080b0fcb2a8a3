import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from bookings.models import Booking
from jobs.models import BookingNotification

logger = logging.getLogger("lebrq.jobs")

# A claim older than this belongs to a run that died mid-send (an SMTP exchange is a few round
# trips of at most EMAIL_TIMEOUT each). It is shorter than the default retry back-off
# (30 + 60 + 120 + 240 s), so the last retry of a duplicate job takes over a dead claim.
CLAIM_LIFETIME = timedelta(minutes=5)


class NotificationInFlight(RuntimeError):
    """Another run holds a live claim on this notification; retrying later finds it sent."""


def send_booking_notification_once(booking_id, event):
    """Email the customer about `event` (a BookingNotification.Event value) unless already sent.

    No database transaction is open while the mail goes out (on SQLite one would hold the
    whole database's write lock for the length of the SMTP exchange). Instead the run claims
    the notification row in one UPDATE, sends, then records `sent_at`: a second run meanwhile
    finds the claim and raises NotificationInFlight, a run after it finds `sent_at` and does
    nothing. A crash between the send and `sent_at` can resend once, after CLAIM_LIFETIME.
    Returns True when this call sent the email.
    """
    booking = Booking.objects.select_related("user", "venue").get(pk=booking_id)
    context = {"booking": booking, "refunds": list(booking.refunds.all()), "event": event}
    subject = render_to_string(f"jobs/email/booking_{event}_subject.txt", context).strip()
    message = render_to_string(f"jobs/email/booking_{event}.txt", context)
    notification, claimed_at = _claim(booking, event)
    if claimed_at is None:
        logger.info("Notification %s for booking %s already sent", event, booking_id)
        return False
    try:
        send_mail(subject, message, settings.DEFAULT_FROM_EMAIL, [notification.recipient])
    except Exception:
        # Nothing went out: let the retry claim it again at once instead of after CLAIM_LIFETIME.
        BookingNotification.objects.filter(pk=notification.pk, claimed_at=claimed_at).update(claimed_at=None)
        raise
    BookingNotification.objects.filter(pk=notification.pk).update(sent_at=timezone.now())
    return True


def _claim(booking, event):
    """(notification, claimed_at) once this run owns the send; claimed_at is None when it was sent before."""
    notification, _ = BookingNotification.objects.get_or_create(
        booking=booking, event=event, defaults={"recipient": booking.user.email}
    )
    now = timezone.now()
    unclaimed = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_LIFETIME)
    # One conditional UPDATE is atomic on its own: of two runs, exactly one matches the row.
    if BookingNotification.objects.filter(unclaimed, pk=notification.pk, sent_at__isnull=True).update(claimed_at=now):
        return notification, now
    notification.refresh_from_db()
    if notification.sent_at is not None:
        return notification, None
    raise NotificationInFlight(f"Notification {event} for booking {booking.pk} is being sent by another run.")
