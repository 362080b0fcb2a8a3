"""Booking and payment signals -> mail jobs, enqueued when the transaction commits.

A signal with `at` set is a past event the demo seed replays: no news to mail about.
"""

from django.dispatch import receiver

from bookings import signals as bookings
from bookings.models import Booking
from jobs.models import BookingNotification
from lebrq.tasks import enqueue_on_commit
from notifications.tasks import send_booking_notification
from payments import signals as payments

Event = BookingNotification.Event
SIMPLE = {
    bookings.booking_requested: Event.REQUESTED,
    bookings.booking_approved: Event.APPROVED,
    bookings.booking_held: Event.HELD,
    bookings.booking_confirmed: Event.CONFIRMED,
    bookings.booking_cancelled: Event.CANCELLED,
    bookings.booking_expired: Event.EXPIRED,
}


# A series (up to 104 dates) is held, paid and confirmed as one: these events mail once, on its
# first date, instead of once a date. A change of one date (reschedule, cancel) mails that date.
ONCE_PER_SERIES = frozenset(
    {Event.HELD, Event.REQUESTED, Event.APPROVED, Event.CONFIRMED, Event.EXPIRED, Event.PAYMENT}
)


def _mail(event, booking, **kwargs):
    if event in ONCE_PER_SERIES and booking.series_id and not _first_of_its_series(booking):
        return
    enqueue_on_commit(send_booking_notification, booking.pk, event.value, **kwargs)


def _first_of_its_series(booking):
    first = Booking.objects.filter(series_id=booking.series_id).order_by("start_datetime", "id").first()
    return first is not None and first.pk == booking.pk


def _simple_receiver(event):
    def notify(sender, booking, at=None, **kwargs):
        if at is None:
            _mail(event, booking)

    return notify


_receivers = []  # strong references: Signal.connect keeps weak ones
for _signal, _event in SIMPLE.items():
    _receivers.append(_simple_receiver(_event))
    _signal.connect(_receivers[-1], dispatch_uid=f"notifications.mail_{_event.value}")


@receiver(bookings.booking_rejected, dispatch_uid="notifications.mail_rejected")
def notify_rejected(sender, booking, reason="", at=None, **kwargs):
    if at is None:
        _mail(Event.REJECTED, booking, reason=reason or "")


@receiver(bookings.booking_rescheduled, dispatch_uid="notifications.mail_rescheduled")
def notify_rescheduled(sender, booking, at=None, **kwargs):
    # Each reschedule is its own mail: the sequence the change raised tells them apart.
    if at is None:
        _mail(Event.RESCHEDULED, booking, key=str(booking.sequence))


@receiver(payments.payment_captured, dispatch_uid="notifications.mail_payment")
def notify_payment(sender, booking, payment, at=None, **kwargs):
    if at is None:
        _mail(Event.PAYMENT, booking, key=str(payment.pk))
