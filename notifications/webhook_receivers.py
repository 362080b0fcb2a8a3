"""Signals from bookings, payments and invoices -> outbound webhook events.

Receivers run after the sender's commit (announce_on_commit); each queues its deliveries in a
transaction of its own, and the delivery jobs are enqueued when that one commits. Seeded history
(`at` in the past) is not announced: those events happened before any endpoint could hear them.
"""

from django.dispatch import receiver

from bookings import signals as booking_signals
from invoices.signals import document_issued
from notifications.webhooks import queue_event
from payments.signals import payment_captured, refund_processed


def booking_data(booking):
    return {
        "booking": {
            "id": booking.pk, "status": booking.status, "title": booking.title, "venue": booking.venue_id,
            "customer_email": booking.user.email, "start": booking.start_datetime.isoformat(),
            "end": booking.end_datetime.isoformat(), "total": booking.total, "amount_paid": booking.amount_paid,
            "amount_refunded": booking.amount_refunded, "series": booking.series_id,
        }
    }  # fmt: skip


def _announce(event_type, booking, at=None, **extra):
    if at is not None:
        return
    booking.refresh_from_db()
    queue_event(event_type, {**booking_data(booking), **extra})


@receiver(booking_signals.booking_held, dispatch_uid="webhook_booking_held")
@receiver(booking_signals.booking_requested, dispatch_uid="webhook_booking_requested")
def on_booking_created(booking, at=None, **kwargs):
    _announce("booking.created", booking, at)


@receiver(booking_signals.booking_confirmed, dispatch_uid="webhook_booking_confirmed")
def on_booking_confirmed(booking, at=None, **kwargs):
    _announce("booking.confirmed", booking, at)


@receiver(booking_signals.booking_cancelled, dispatch_uid="webhook_booking_cancelled")
def on_booking_cancelled(booking, at=None, refunds=(), **kwargs):
    _announce("booking.cancelled", booking, at, refunds=[refund_data(refund) for refund in refunds])


@receiver(booking_signals.booking_rescheduled, dispatch_uid="webhook_booking_rescheduled")
def on_booking_rescheduled(booking, at=None, before=None, **kwargs):
    _announce("booking.rescheduled", booking, at, before=before or {})


@receiver(payment_captured, dispatch_uid="webhook_payment_captured")
def on_payment_captured(booking, payment, at=None, **kwargs):
    payment_fields = {
        "id": payment.pk, "amount": payment.amount, "currency": payment.currency, "method": payment.method,
        "provider": payment.provider, "reference": payment.reference, "status": payment.status,
    }  # fmt: skip
    _announce("payment.received", booking, at, payment=payment_fields)


@receiver(refund_processed, dispatch_uid="webhook_refund_processed")
def on_refund_processed(booking, refund, at=None, **kwargs):
    _announce("refund.processed", booking, at, refund=refund_data(refund))


@receiver(document_issued, dispatch_uid="webhook_document_issued")
def on_document_issued(document, booking, at=None, **kwargs):
    document_fields = {
        "id": document.pk, "kind": document.kind, "number": document.number,
        "issued_at": document.issued_at.isoformat(), "total": document.total,
    }  # fmt: skip
    _announce("invoice.issued", booking, at, document=document_fields)


def refund_data(refund):
    return {
        "id": refund.pk, "amount": refund.amount, "status": refund.status, "provider": refund.provider,
        "reference": refund.reference, "processed_at": refund.processed_at.isoformat() if refund.processed_at else None,
    }  # fmt: skip
