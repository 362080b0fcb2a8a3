from django.dispatch import receiver

from bookings.signals import booking_cancelled, booking_confirmed, booking_expired
from jobs.models import BookingNotification
from jobs.tasks import send_booking_notification
from lebrq.tasks import enqueue_on_commit


@receiver(booking_confirmed, dispatch_uid="jobs.notify_confirmed")
def notify_confirmed(sender, booking, at=None, **kwargs):
    if at is not None:
        return  # a past event replayed (the demo seed's history) is no news to mail about
    enqueue_on_commit(send_booking_notification, booking.pk, BookingNotification.Event.CONFIRMED.value)


@receiver(booking_cancelled, dispatch_uid="jobs.notify_cancelled")
def notify_cancelled(sender, booking, at=None, **kwargs):
    if at is not None:
        return
    enqueue_on_commit(send_booking_notification, booking.pk, BookingNotification.Event.CANCELLED.value)


@receiver(booking_expired, dispatch_uid="jobs.notify_expired")
def notify_expired(sender, booking, at=None, **kwargs):
    enqueue_on_commit(send_booking_notification, booking.pk, BookingNotification.Event.EXPIRED.value)
