import io

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from bookings.models import Booking
from invoices.models import Invoice
from tests.invoices.conftest import create_booking, refund


def test_writes_the_invoice_pdf(alice_booking, tmp_path):
    target = tmp_path / "invoice.pdf"

    call_command("render_invoice", alice_booking.pk, "-o", str(target), stderr=io.StringIO())

    number = Invoice.objects.get(booking=alice_booking).number
    assert number in PdfReader(target).pages[0].extract_text()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["invoice-tmp", "invoice.pdf"]  # no .part left


def test_writes_the_credit_note_pdf(alice_booking, alice_invoice, tmp_path):
    refund(alice_booking, percent=50)
    target = tmp_path / "credit-note.pdf"

    call_command("render_invoice", alice_booking.pk, "-o", str(target), "--credit-note", stderr=io.StringIO())

    assert "CREDIT NOTE" in PdfReader(target).pages[0].extract_text()


def test_refuses_unknown_and_pending_bookings_without_writing(alice, venue, tmp_path):
    pending = create_booking(alice, venue, status=Booking.Status.PENDING)

    with pytest.raises(CommandError, match="does not exist"):
        call_command("render_invoice", 424242, "-o", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="issued on confirmation"):
        call_command("render_invoice", pending.pk, "-o", str(tmp_path / "x.pdf"))
    assert list(tmp_path.iterdir()) == [tmp_path / "invoice-tmp"]
