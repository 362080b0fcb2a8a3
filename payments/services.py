"""Money for bookings: ask for it, record it, confirm by it, give it back.

Every change of money runs under the venue's row lock and then the booking's (the order
create_booking takes them in), so a payment that confirms a lapsed hold, a new booking of the
same slot, a verify and its webhook all queue instead of racing. Under those locks the
booking's ledger (`amount_paid`, `amount_refunded`) moves with the Payment and Refund rows in
one transaction: every rupee received is a captured Payment, every rupee returned a Refund.
"""

import logging
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from rest_framework.exceptions import APIException

from bookings.history import Action, record_change, status_change
from bookings.models import Booking, Refund
from bookings.pricing import to_paise
from bookings.rules import RuleViolation
from bookings.services import (
    BookingStateConflict,
    Conflict,
    ItemUnavailable,
    SlotUnavailable,
    announce_on_commit,
    cancel_booking,
    confirm_booking,
    lock_for_money,
    reschedule_booking,
)
from bookings.signals import booking_cancelled, booking_rescheduled
from lebrq.tasks import enqueue_on_commit
from payments.models import Payment, ProviderEvent
from payments.providers import ProviderUnavailable, online_gateway, paise, rupees
from payments.signals import payment_captured, refund_processed, refund_recorded

logger = logging.getLogger("lebrq.payments")

ZERO = Decimal("0.00")
# Money arriving for a booking in one of these states cannot buy anything: it goes back in full.
CLOSED_STATUSES = (Booking.Status.CANCELLED, Booking.Status.REJECTED)


class NothingDue(Conflict):
    default_detail = "Nothing is due on this booking now."
    default_code = "nothing_due"


class HoldExpired(Conflict):
    default_detail = "The hold on this booking has lapsed: book the slot again if it is still free."
    default_code = "hold_expired"


class OnlinePaymentUnavailable(Conflict):
    default_detail = "Online payment is not available: pay the venue, and staff will record the payment."
    default_code = "online_payment_unavailable"


class RefundNotPending(Conflict):
    default_detail = "Only a pending or failed refund can be settled."
    default_code = "refund_not_pending"


class ProviderDown(APIException):
    status_code = 503
    default_detail = "The payment provider could not be reached; nothing was charged. Try again in a minute."
    default_code = "payment_provider_unavailable"

    def __init__(self):
        super().__init__({"detail": self.default_detail, "code": self.default_code})


# --- Asking for money online -----------------------------------------------------------------


def start_online_payment(booking, now=None):
    """A Razorpay order for what is due now (the deposit, else the balance) and its checkout."""
    gateway = online_gateway()
    if gateway is None:
        raise OnlinePaymentUnavailable()
    now = now or timezone.now()
    with transaction.atomic():
        booking = Booking.objects.select_for_update().select_related("user").get(pk=booking.pk)
        amount = _amount_payable_online(booking, now)
        payment = Payment.objects.create(
            booking=booking, provider=Payment.Provider.RAZORPAY, method=Payment.Method.RAZORPAY, amount=amount
        )
    notes = {"booking": str(booking.pk), "payment": str(payment.pk)}
    try:
        order_id = gateway.create_order(amount, receipt=f"payment-{payment.pk}", notes=notes)
    except ProviderUnavailable as error:
        logger.warning("Razorpay order for payment #%s failed: %s", payment.pk, error)
        Payment.objects.filter(pk=payment.pk).update(status=Payment.Status.FAILED, failure_reason=str(error)[:300])
        raise ProviderDown() from error
    Payment.objects.filter(pk=payment.pk).update(provider_order_id=order_id)
    payment.provider_order_id = order_id
    return payment, checkout_of(payment, booking, gateway)


def checkout_of(payment, booking, gateway):
    """What Razorpay's checkout takes as it is (its `amount` in paise)."""
    return {
        "key_id": gateway.key_id,
        "order_id": payment.provider_order_id,
        "amount": paise(payment.amount),
        "currency": payment.currency,
        "name": settings.INVOICE_SELLER["name"],
        "description": f"Booking #{booking.pk}: {booking.title}"[:255],
        "prefill": {"name": booking.user.full_name, "email": booking.user.email},
    }


def _amount_payable_online(booking, now):
    if booking.status == Booking.Status.PENDING and booking.hold_expires_at and booking.hold_expires_at <= now:
        raise HoldExpired()
    if booking.status not in (Booking.Status.PENDING, Booking.Status.CONFIRMED, Booking.Status.COMPLETED):
        raise NothingDue(f"A {booking.status} booking takes no payment.")
    amount = booking.amount_due if booking.status != Booking.Status.COMPLETED else booking.unpaid_total
    if amount <= ZERO:
        raise NothingDue()
    return amount


def verify_online_payment(payment, order_id, provider_payment_id, signature):
    """The checkout's answer, signed with our key secret: captured if the signature holds.

    A wrong signature, or one for another order, is 400 `invalid_signature` and changes nothing.
    """
    gateway = online_gateway()
    if gateway is None:
        raise OnlinePaymentUnavailable()
    if (
        payment.provider != Payment.Provider.RAZORPAY
        or order_id != payment.provider_order_id
        or not gateway.checkout_signature_is_valid(order_id, provider_payment_id, signature)
    ):
        raise RuleViolation("The payment signature does not match this order.", "invalid_signature")
    return capture_payment(payment, provider_payment_id=provider_payment_id)


# --- Recording money received ----------------------------------------------------------------


def record_offline_payment(booking, by_user, amount, method, reference="", now=None):
    """Money staff received (UPI, bank transfer, cash, cheque, card terminal): captured at once."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = lock_for_money(booking)
        if booking.status in CLOSED_STATUSES:
            raise BookingStateConflict(f"A {booking.status} booking takes no payment.")
        if booking.status == Booking.Status.REQUESTED:
            raise BookingStateConflict("A requested booking takes no payment until staff approve it.")
        _check_amount(amount, booking)
        payment = Payment.objects.create(
            booking=booking, provider=Payment.Provider.OFFLINE, method=method, amount=amount, reference=reference,
            status=Payment.Status.CAPTURED, captured_at=now, recorded_by=by_user,
        )  # fmt: skip
        _receive(booking, payment, now)
    return payment


def capture_payment(payment, provider_payment_id=None, amount=None, now=None):
    """A provider says `payment` (or another payment on its order) captured `amount`.

    Applied once: a repeat for the same provider payment changes nothing. A second, different
    payment on an order already paid is money too: it gets a Payment row of its own and, like
    anything paid beyond the total, is refunded.
    """
    now = now or timezone.now()
    with transaction.atomic():
        booking = lock_for_money(payment.booking)
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if provider_payment_id and payment.provider_payment_id == provider_payment_id:
            return payment  # this capture was applied already
        if provider_payment_id and Payment.objects.filter(provider_payment_id=provider_payment_id).exists():
            return payment
        if payment.status == Payment.Status.CAPTURED:
            payment = Payment.objects.create(
                booking=booking, provider=payment.provider, method=payment.method,
                amount=amount or payment.amount, reference=f"second payment on order {payment.provider_order_id}",
            )  # fmt: skip
        payment.status = Payment.Status.CAPTURED
        payment.captured_at = now
        payment.provider_payment_id = provider_payment_id or payment.provider_payment_id
        if amount is not None:
            payment.amount = amount
        payment.save()
        if payment.series_id and payment.parent_id is None:
            from payments.series_payments import receive_series_capture  # it builds on this module

            receive_series_capture(payment, now)
        else:
            _receive(booking, payment, now)
    return payment


def _check_amount(amount, booking):
    if amount <= ZERO or amount > booking.unpaid_total or amount != to_paise(amount):
        raise RuleViolation(
            f"A payment is more than 0 and at most the unpaid {booking.unpaid_total} INR, in paise.", "invalid_amount"
        )


def _receive(booking, payment, now):
    """Book captured money on the locked booking, then let it confirm, or give back what it cannot buy."""
    before = booking.amount_paid
    booking.amount_paid += payment.amount
    booking.save(update_fields=["amount_paid", "updated_at"])
    record_change(
        booking, payment.recorded_by, Action.PAYMENT_RECEIVED, {"amount_paid": (before, booking.amount_paid)}, at=now
    )
    announce_on_commit(payment_captured, booking=booking, payment=payment, at=None)
    if booking.status in CLOSED_STATUSES:
        _refund(booking, payment, payment.amount, 100, "Paid after the booking was closed.")
        return
    if booking.status in (Booking.Status.PENDING, Booking.Status.EXPIRED):
        _confirm_or_give_back(booking, now)
        booking.refresh_from_db()
    excess = booking.net_paid - booking.total
    if excess > ZERO:
        _refund(booking, payment, min(excess, payment.amount), 100, "Paid more than the booking's total.")


def _confirm_or_give_back(booking, now):
    lapsed = booking.status == Booking.Status.EXPIRED or (booking.hold_expires_at and booking.hold_expires_at <= now)
    if booking.net_paid < booking.deposit_amount:
        if lapsed:
            _give_everything_back(booking, "The hold lapsed before the deposit was paid.")
        return
    try:
        with transaction.atomic():
            confirm_booking(booking, now=now)
    except (SlotUnavailable, ItemUnavailable):
        _give_everything_back(booking, "The slot was taken after the hold lapsed.")


def _give_everything_back(booking, reason):
    if booking.status == Booking.Status.PENDING:
        changes = status_change(booking, Booking.Status.EXPIRED)
        booking.save(update_fields=["status", "updated_at"])
        record_change(booking, None, Action.EXPIRED, changes)
    for payment, unrefunded in _refundable_payments(booking):
        _refund(booking, payment, unrefunded, 100, reason)


# --- Giving money back -----------------------------------------------------------------------


def cancel_with_refund(booking, by_user, reason="", percent=None, at=None):
    """Cancel, and give back `percent` (the venue policy by default) of what was kept so far.

    The refund goes back through the payments that took the money, online ones first (each
    its own Refund row); all in one transaction with the cancellation.
    """
    with transaction.atomic():
        booking = lock_for_money(booking)
        booking, percent = cancel_booking(booking, by_user=by_user, reason=reason, at=at, percent=percent)
        refunds = _refund_share(booking, percent, reason or "Cancelled.", at)
        announce_on_commit(booking_cancelled, booking=booking, refunds=refunds, at=at)
    return booking, refunds


def reschedule_with_refund(booking, by_user, start, end, as_staff=False, override_rules=False):
    """Move a booking (bookings.services.reschedule_booking) and settle the new price in the same
    transaction: a higher one raises `amount_due`, a lower one gives the difference back through
    the payments that took the money. Announces the change once it commits.
    """
    with transaction.atomic():
        booking, before = reschedule_booking(
            booking, by_user, start, end, as_staff=as_staff, override_rules=override_rules
        )
        refunds = []
        excess = booking.net_paid - booking.total
        if excess > ZERO:
            percent = max(1, round(excess * 100 / booking.net_paid))
            refunds = _refund_amount(booking, excess, percent, "Rescheduled to a lower price.")
        if booking.status == Booking.Status.PENDING and booking.net_paid >= booking.deposit_amount:
            _confirm_or_give_back(booking, timezone.now())  # a lower price's deposit is paid already
        announce_on_commit(booking_rescheduled, booking=booking, before=before, refunds=refunds, at=None)
    return booking, refunds


def _refund_share(booking, percent, reason, at=None):
    return _refund_amount(booking, to_paise(booking.net_paid * percent / 100), percent, reason, at)


def _refund_amount(booking, to_return, percent, reason, at=None):
    """Give `to_return` back through the payments that took the money, online ones first."""
    refunds = []
    for payment, unrefunded in _refundable_payments(booking):
        if to_return <= ZERO:
            break
        amount = min(to_return, unrefunded)
        refunds.append(_refund(booking, payment, amount, percent, reason, at))
        to_return -= amount
    return refunds


def _refundable_payments(booking):
    """[(captured Payment, amount not yet refunded)], online ones first, newest first."""
    refunded = dict(
        Refund.objects.filter(booking=booking, payment_id__isnull=False)
        .values("payment_id")
        .annotate(total=Sum("amount"))
        .values_list("payment_id", "total")
    )
    payments = booking.payments.filter(status=Payment.Status.CAPTURED).order_by("provider", "-captured_at", "-id")
    online_first = sorted(payments, key=lambda payment: payment.provider != Payment.Provider.RAZORPAY)
    left = [(payment, payment.amount - refunded.get(payment.pk, ZERO)) for payment in online_first]
    return [(payment, amount) for payment, amount in left if amount > ZERO]


def _refund(booking, payment, amount, percent, reason, at=None):
    refund = Refund.objects.create(
        booking=booking, amount=amount, percent=percent, reason=reason[:300], provider=payment.provider,
        payment_id=payment.pk,
    )  # fmt: skip
    if at is not None:
        Refund.objects.filter(pk=refund.pk).update(created_at=at)  # auto_now_add would say now
        refund.created_at = at
    booking.amount_refunded += amount
    booking.save(update_fields=["amount_refunded", "updated_at"])
    announce_on_commit(refund_recorded, booking=booking, refund=refund, at=at)
    if refund.provider == Refund.Provider.RAZORPAY:
        from payments.tasks import pay_out_refund  # the task module imports this one

        enqueue_on_commit(pay_out_refund, refund.pk)
    return refund


def pay_out_refund_now(refund_id):
    """Send a pending Razorpay refund to Razorpay (the job `pay_out_refund` runs this).

    The refund row stays locked during the call, so two workers never send it twice; a
    provider error leaves it pending and the job retries with backoff.
    """
    gateway = online_gateway()
    with transaction.atomic():
        refund = Refund.objects.select_for_update().get(pk=refund_id)
        if refund.status != Refund.Status.PENDING or refund.provider_refund_id or refund.provider != "razorpay":
            return refund
        if gateway is None:
            raise ProviderUnavailable("Razorpay is not configured: the refund waits until it is.")
        payment = Payment.objects.select_related("parent").get(pk=refund.payment_id)
        taken_on = payment.parent or payment  # a share of a series payment goes back through the whole
        sent = gateway.refund(taken_on.provider_payment_id, refund.amount, notes={"refund": str(refund.pk)})
        refund.provider_refund_id = sent.refund_id
        refund.reference = sent.refund_id
        if sent.processed:
            refund.status = Refund.Status.PROCESSED
            refund.processed_at = timezone.now()
        refund.save()
        if sent.processed:
            _record_refund_processed(refund, None)
    return refund


def settle_refund(refund, processed, reference="", by_user=None):
    """Staff say a payout was made (`processed`, with the bank's reference) or failed."""
    with transaction.atomic():
        refund = Refund.objects.select_for_update().get(pk=refund.pk)
        if refund.status == Refund.Status.PROCESSED:
            raise RefundNotPending()
        refund.status = Refund.Status.PROCESSED if processed else Refund.Status.FAILED
        refund.reference = reference or refund.reference
        refund.processed_at = timezone.now() if processed else None
        refund.save()
        if processed:
            _record_refund_processed(refund, by_user)
    return refund


def _record_refund_processed(refund, actor):
    record_change(
        refund.booking, actor, Action.REFUND_PROCESSED, {f"refund {refund.pk}": ("pending", "processed")},
        at=refund.processed_at,
    )  # fmt: skip
    announce_on_commit(refund_processed, booking=refund.booking, refund=refund)


# --- Provider webhooks -----------------------------------------------------------------------


def apply_razorpay_event(event_id, body):
    """Apply one signed Razorpay event once; returns what happened, for the log.

    The event id is recorded in the same transaction as its effect: a replay (even a
    concurrent one, which waits on the unique key) changes nothing.
    """
    event = body.get("event", "") if isinstance(body, dict) else ""
    try:
        with transaction.atomic():
            ProviderEvent.objects.create(provider="razorpay", event_id=event_id, event=str(event)[:64])
            handler = RAZORPAY_EVENT_HANDLERS.get(event) if isinstance(event, str) else None
            payload = body.get("payload")
            payload = payload if isinstance(payload, dict) else {}
            outcome = handler(payload) if handler else "ignored: not an event LeBrq handles"
            ProviderEvent.objects.filter(provider="razorpay", event_id=event_id).update(outcome=outcome[:200])
    except IntegrityError:
        return "replay: applied before"
    logger.info("Razorpay event %s (%s): %s", event_id, event, outcome)
    return outcome


def _entity(payload, name):
    entity = payload.get(name, {}).get("entity") if isinstance(payload.get(name), dict) else None
    return entity if isinstance(entity, dict) else {}


def _on_payment_captured(payload):
    entity = _entity(payload, "payment")
    payment = Payment.objects.filter(provider_order_id=str(entity.get("order_id", ""))).first()
    if payment is None or not isinstance(entity.get("id"), str) or not entity["id"]:
        return "ignored: unknown order"
    amount = entity.get("amount")
    if type(amount) is not int or amount <= 0:  # bool is an int too
        return "ignored: no amount in paise"
    capture_payment(payment, provider_payment_id=entity["id"][:64], amount=rupees(amount))
    return f"captured payment #{payment.pk}"


def _on_payment_failed(payload):
    entity = _entity(payload, "payment")
    updated = Payment.objects.filter(
        provider_order_id=str(entity.get("order_id", "")), status=Payment.Status.CREATED
    ).update(status=Payment.Status.FAILED, failure_reason=str(entity.get("error_description") or "")[:300])
    return "payment failed" if updated else "ignored: unknown or settled order"


def _on_refund(status):
    def apply(payload):
        entity = _entity(payload, "refund")
        refund_id = str(entity.get("id") or "")
        if not refund_id:
            return "ignored: no refund id"
        with transaction.atomic():
            refund = Refund.objects.select_for_update().filter(provider_refund_id=refund_id).first()
            if refund is None:
                return "ignored: unknown refund"
            if refund.status != Refund.Status.PROCESSED:
                refund.status = status
                refund.processed_at = timezone.now() if status == Refund.Status.PROCESSED else None
                refund.save(update_fields=["status", "processed_at"])
                if status == Refund.Status.PROCESSED:
                    _record_refund_processed(refund, None)
        return f"refund #{refund.pk} {status}"

    return apply


RAZORPAY_EVENT_HANDLERS = {
    "payment.captured": _on_payment_captured,
    "order.paid": _on_payment_captured,
    "payment.failed": _on_payment_failed,
    "refund.processed": _on_refund(Refund.Status.PROCESSED),
    "refund.failed": _on_refund(Refund.Status.FAILED),
}
