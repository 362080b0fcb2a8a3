import logging
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from bookings import services as booking_services
from bookings.models import Booking
from bookings.signals import booking_cancelled, booking_confirmed
from invoices.models import Invoice
from payments.services import cancel_with_refund
from tests.conftest import pay
from tests.invoices.conftest import create_booking, refund


def test_confirmation_issues_the_invoice(alice_booking):
    booking_confirmed.send(sender=Booking, booking=alice_booking)

    invoice = Invoice.objects.get(booking=alice_booking)
    assert invoice.kind == Invoice.Kind.INVOICE
    assert invoice.total == alice_booking.total


def test_a_repeated_signal_issues_nothing_new(alice_booking):
    booking_confirmed.send(sender=Booking, booking=alice_booking)
    booking_confirmed.send(sender=Booking, booking=alice_booking)

    assert Invoice.objects.filter(booking=alice_booking).count() == 1


def test_cancellation_with_a_refund_issues_a_credit_note(alice_booking, alice_invoice):
    refunded = refund(alice_booking, percent=100)

    booking_cancelled.send(sender=Booking, booking=alice_booking, refunds=[refunded])

    credit_note = Invoice.objects.get(booking=alice_booking, kind=Invoice.Kind.CREDIT_NOTE)
    assert credit_note.original == alice_invoice
    assert credit_note.refund == refunded
    assert credit_note.total == -alice_invoice.total


def test_a_cancellation_with_nothing_back_credits_the_invoice_and_charges_what_was_kept(alice_booking, alice_invoice):
    refunded = refund(alice_booking, percent=0)

    booking_cancelled.send(sender=Booking, booking=alice_booking, refunds=[refunded])

    assert Invoice.objects.get(kind=Invoice.Kind.CREDIT_NOTE).total == -alice_invoice.total
    charge = Invoice.objects.get(kind=Invoice.Kind.CANCELLATION_CHARGE)
    assert (charge.total, charge.original, charge.number[:3]) == (alice_booking.total, alice_invoice, "LB/")


def test_a_failure_is_logged_and_does_not_reach_the_booking_request(alice_booking, monkeypatch, caplog):
    def failing_issue(booking, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("invoices.receivers.get_or_issue_invoice", failing_issue)

    with caplog.at_level(logging.ERROR, logger="lebrq.invoices"):
        booking_confirmed.send(sender=Booking, booking=alice_booking)

    assert "will be issued on first download" in caplog.text
    assert not Invoice.objects.exists()


def test_the_services_issue_documents_on_confirmation_and_refund(
    alice, venue, charlie, django_capture_on_commit_callbacks
):
    start = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=20)
    with django_capture_on_commit_callbacks(execute=True):
        booking = booking_services.create_booking(
            alice, venue, start, start + timedelta(hours=2), "event", "Launch", []
        )
    assert not Invoice.objects.filter(booking=booking).exists()  # a hold takes no invoice number

    with django_capture_on_commit_callbacks(execute=True):
        pay(booking, booking.total)
    invoice = Invoice.objects.get(booking=booking, kind=Invoice.Kind.INVOICE)
    assert invoice.total == booking.total == Decimal("5900.00")  # 2 h x 2,500 + 18% GST

    with django_capture_on_commit_callbacks(execute=True):
        cancel_with_refund(booking, by_user=charlie, reason="Hall flooded", percent=100)

    credit_note = Invoice.objects.get(booking=booking, kind=Invoice.Kind.CREDIT_NOTE)
    assert credit_note.total == Decimal("-5900.00")
    assert credit_note.particulars["refund_reason"] == "Hall flooded"


def test_money_returned_for_a_booking_never_invoiced_takes_no_credit_note(alice, venue):
    booking = create_booking(alice, venue, status=Booking.Status.PENDING)
    refunded = refund(booking, percent=50)

    booking_cancelled.send(sender=Booking, booking=booking, refunds=[refunded])

    assert not Invoice.objects.filter(booking=booking).exists()
