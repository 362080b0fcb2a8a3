import os
import sys
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rest_framework.exceptions import NotFound

from bookings.models import Booking
from invoices.pdf import render_invoice_pdf
from invoices.services import get_or_issue_credit_note, get_or_issue_invoice


class Command(BaseCommand):
    help = "Render a booking's tax invoice (or, with --credit-note, its credit note) to a PDF file."

    def add_arguments(self, parser):
        parser.add_argument("booking_id", type=int)
        parser.add_argument("-o", "--output", required=True, help="PDF file to write, or - for standard output.")
        parser.add_argument(
            "--credit-note", action="store_true", help="Render the credit note for the booking's refund."
        )

    def handle(self, booking_id, output, credit_note, **options):
        try:
            booking = Booking.objects.only("id").get(pk=booking_id)
        except Booking.DoesNotExist:
            raise CommandError(f"Booking #{booking_id} does not exist.") from None
        get_or_issue = get_or_issue_credit_note if credit_note else get_or_issue_invoice
        try:
            document = get_or_issue(booking)
        except NotFound as missing:
            raise CommandError(str(missing.detail)) from None
        if output == "-":
            render_invoice_pdf(document, sys.stdout.buffer)
            return
        _write_atomically(Path(output), document)
        self.stderr.write(f"{document.number} written to {output}")


def _write_atomically(target, document):
    """Render next to the target and rename into place: a failed render leaves no partial file."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or ".")
    try:
        with os.fdopen(descriptor, "wb") as pdf_file:
            render_invoice_pdf(document, pdf_file)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise
