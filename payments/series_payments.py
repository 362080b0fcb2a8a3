"""A series is held and paid as one (DESIGN Part 2, changes and series).

One payment (online or at the desk) is shared out over the series' live bookings, deposits
first in date order, then balances: each share is a Payment row of its booking, so every
booking's ledger, receipt and invoice work exactly as for a single booking.
"""

from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from bookings.models import Booking, Venue
from bookings.pricing import to_paise
from bookings.rules import RuleViolation
from bookings.services import announce_on_commit
from bookings.signals import series_cancelled
from payments.models import Payment
from payments.providers import ProviderUnavailable, online_gateway
from payments.services import (
    NothingDue,
    OnlinePaymentUnavailable,
    ProviderDown,
    _receive,
    cancel_with_refund,
    checkout_of,
    logger,
)

ZERO = Decimal("0.00")
PAYABLE_STATUSES = (Booking.Status.PENDING, Booking.Status.CONFIRMED)


def series_amount_due(series, now=None):
    return sum((booking.amount_due for booking in _payable(series, now, lock=False)), ZERO)


def record_series_offline_payment(series, by_user, amount, method, reference="", now=None):
    """Money staff received for a whole series; returns the Payment rows, one per booking."""
    now = now or timezone.now()
    with transaction.atomic():
        bookings = _lock(series, now)
        if not bookings:
            raise NothingDue("No booking of this series is held or confirmed: nothing is due.")
        unpaid = sum((booking.unpaid_total for booking in bookings), ZERO)
        if amount <= ZERO or amount > unpaid or amount != to_paise(amount):
            raise RuleViolation(
                f"A payment is more than 0 and at most the series' unpaid {unpaid} INR, in paise.", "invalid_amount"
            )
        parent = None
        payments = []
        for booking, share in allocate(amount, bookings):
            payment = Payment.objects.create(
                booking=booking, series=series, parent=parent, provider=Payment.Provider.OFFLINE, method=method,
                amount=share, reference=reference, status=Payment.Status.CAPTURED, captured_at=now,
                recorded_by=by_user,
            )  # fmt: skip
            parent = parent or payment
            _receive(booking, payment, now)
            payments.append(payment)
    return payments


def start_series_online_payment(series, now=None):
    """One Razorpay order for what the whole series owes now; returns (payment, checkout)."""
    gateway = online_gateway()
    if gateway is None:
        raise OnlinePaymentUnavailable()
    now = now or timezone.now()
    with transaction.atomic():
        bookings = _lock(series, now)
        amount = sum((booking.amount_due for booking in bookings), ZERO)
        if not bookings or amount <= ZERO:
            raise NothingDue()
        payment = Payment.objects.create(
            booking=bookings[0], series=series, provider=Payment.Provider.RAZORPAY, method=Payment.Method.RAZORPAY,
            amount=amount,
        )  # fmt: skip
    notes = {"series": str(series.pk), "payment": str(payment.pk)}
    try:
        order_id = gateway.create_order(amount, receipt=f"payment-{payment.pk}", notes=notes)
    except ProviderUnavailable as error:
        logger.warning("Razorpay order for series payment #%s failed: %s", payment.pk, error)
        Payment.objects.filter(pk=payment.pk).update(status=Payment.Status.FAILED, failure_reason=str(error)[:300])
        raise ProviderDown() from error
    Payment.objects.filter(pk=payment.pk).update(provider_order_id=order_id)
    payment.provider_order_id = order_id
    return payment, checkout_of(payment, bookings[0], gateway)


def receive_series_capture(payment, now):
    """A captured online payment of a series (`payment` locked, captured): share it out.

    The row the provider took keeps the first share; the rest become rows of their own that
    point at it (refunds of a share go back through the provider's payment of the parent).
    """
    bookings = _lock_for_capture(payment) or [payment.booking]
    shares = allocate(payment.amount, bookings)
    first_booking, first_share = shares[0]
    payment.booking, payment.amount = first_booking, first_share
    payment.save(update_fields=["booking", "amount"])
    _receive(first_booking, payment, now)
    for booking, share in shares[1:]:
        row = Payment.objects.create(
            booking=booking, series=payment.series, parent=payment, provider=payment.provider, method=payment.method,
            amount=share, status=Payment.Status.CAPTURED, captured_at=now,
            reference=f"share of Razorpay payment {payment.provider_payment_id}",
        )  # fmt: skip
        _receive(booking, row, now)


def allocate(amount, bookings):
    """[(booking, share)] of `amount`: every deposit in date order, then every balance; what is
    left over goes on the last booking (which refunds it as paid beyond the total)."""
    shares = {booking.pk: ZERO for booking in bookings}
    left = amount
    for wanted in (_deposit_left, _total_left):
        for booking in bookings:
            take = min(left, max(wanted(booking) - shares[booking.pk], ZERO))
            shares[booking.pk] += take
            left -= take
    shares[bookings[-1].pk] += left
    return [(booking, shares[booking.pk]) for booking in bookings if shares[booking.pk] > ZERO]


def cancel_series_from(series, by_user, from_date, reason=""):
    """Cancel the series' occurrences on `from_date` (local) and after, each refunded by the
    venue's policy; returns the bookings cancelled. Those already started or over stay."""
    now = timezone.now()
    cancelled = []
    with transaction.atomic():
        Venue.objects.select_for_update().only("id").get(pk=series.venue_id)
        for booking in series.bookings.filter(
            status__in=(Booking.Status.PENDING, Booking.Status.REQUESTED, Booking.Status.CONFIRMED),
            start_datetime__gt=now,
        ).order_by("start_datetime"):
            if timezone.localtime(booking.start_datetime, _zone(series)).date() >= from_date:
                cancel_with_refund(booking, by_user, reason or f"Series cancelled from {from_date}.")
                cancelled.append(booking)
        announce_on_commit(series_cancelled, series=series, from_date=from_date, bookings=cancelled, at=None)
    return cancelled


def _zone(series):
    return ZoneInfo(series.venue.timezone)


def _payable(series, now, lock):
    bookings = series.bookings.filter(status__in=PAYABLE_STATUSES).order_by("start_datetime", "id")
    if lock:
        bookings = bookings.select_for_update()
    return [booking for booking in bookings if booking.status == Booking.Status.CONFIRMED or _live(booking, now)]


def _live(booking, now):
    return booking.hold_expires_at is None or booking.hold_expires_at > now


def _lock(series, now):
    """The venue's lock, then the series' payable bookings' (the order every money change takes)."""
    Venue.objects.select_for_update().only("id").get(pk=series.venue_id)
    return _payable(series, now, lock=True)


def _lock_for_capture(payment):
    """The bookings the order was paying: held or confirmed when it was made, lapsed since or not.

    Each share then confirms its booking if the slot is still free, or is refunded
    (payments.services._receive), as for a single booking paid after its hold lapsed.
    """
    Venue.objects.select_for_update().only("id").get(pk=payment.series.venue_id)
    candidates = payment.series.bookings.filter(status__in=(*PAYABLE_STATUSES, Booking.Status.EXPIRED)).order_by(
        "start_datetime", "id"
    )
    return [
        booking
        for booking in candidates.select_for_update()
        if booking.status == Booking.Status.CONFIRMED
        or booking.hold_expires_at is None
        or booking.hold_expires_at > payment.created_at
    ]


def _deposit_left(booking):
    return booking.deposit_amount - booking.net_paid


def _total_left(booking):
    return booking.unpaid_total
