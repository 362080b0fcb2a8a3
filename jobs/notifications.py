import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from bookings.models import Booking
from jobs.models import BookingNotification

logger = logging.getLogger("lebrq.jobs")


def send_booking_notification_once(booking_id, event):
    """Email the customer about `event` ("confirmed" or "cancelled") unless already sent.

    The notification row is locked while the mail goes out, so two runs of the same job
    cannot both send; a run after a successful send finds `sent_at` set and does nothing.
    Returns True when this call sent the email.
    """
    booking = Booking.objects.select_related("user", "venue").get(pk=booking_id)
    with transaction.atomic():
        notification, _ = BookingNotification.objects.get_or_create(
            booking=booking, event=event, defaults={"recipient": booking.user.email}
        )
        notification = BookingNotification.objects.select_for_update().get(pk=notification.pk)
        if notification.sent_at is not None:
            logger.info("Notification %s for booking %s already sent", event, booking_id)
            return False
        context = {"booking": booking, "refund": getattr(booking, "refund", None), "event": event}
        send_mail(
            subject=render_to_string(f"jobs/email/booking_{event}_subject.txt", context).strip(),
            message=render_to_string(f"jobs/email/booking_{event}.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[notification.recipient],
        )
        notification.sent_at = timezone.now()
        notification.save(update_fields=["sent_at"])
    return True
