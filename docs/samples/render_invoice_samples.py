"""Write sample tax invoices and credit notes as PDFs, to look at the layout as a person would.

    .venv/bin/python docs/samples/render_invoice_samples.py /tmp/samples [--lines 60]
    pdftoppm -r 80 -png /tmp/samples/sample-invoice-intra.pdf /tmp/samples/invoice-intra

One pair is intra-state (a Bengaluru hall: the Karnataka registration, CGST+SGST), one
inter-state (a Kochi hall, in a state without a registration: the head office, IGST); the
buyer is from Kerala in both, since the place of supply is the venue's state.

Uses a throwaway SQLite database and the real services (pricing, numbering, credit note
apportioning), so the samples show exactly what customers get. PDFs and PNGs are not committed.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT_ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output_dir", type=Path)
    parser.add_argument("--lines", type=int, default=60, help="line items on the sample invoice")
    args = parser.parse_args()
    args.output_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="invoice-samples-") as workdir:
        os.environ.update(
            DATABASE_URL=f"sqlite:///{workdir}/samples.sqlite3",
            VAR_DIR=workdir,
            INVOICE_TEMP_DIR=workdir,
            SECRET_KEY=os.environ.get("SECRET_KEY", "samples-only-secret-key-0123456789abcdefghijklmnop"),
            DJANGO_SETTINGS_MODULE="lebrq.settings",
        )
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"], cwd=PROJECT_ROOT, check=True
        )
        import django

        django.setup()
        for name, document in sample_documents(args.lines):
            from invoices.pdf import render_invoice_pdf

            path = args.output_dir / f"sample-{name}.pdf"
            with open(path, "wb") as pdf_file:
                render_invoice_pdf(document, pdf_file)
            print(f"{document.number} -> {path}")


def sample_documents(lines):
    from django.utils import timezone

    from accounts.models import User
    from bookings.models import Item, Venue
    from bookings.services import cancel_booking, create_booking
    from invoices.services import get_or_issue_credit_note, get_or_issue_invoice

    buyer = User.objects.create_user(
        "priya@example.com", full_name="Priya Menon", phone="+91 98450 12345", state_code="32", gstin="32AAACM1234A1ZH"
    )
    venues = {
        "intra": Venue.objects.create(
            name="Lalbagh Convention Hall", slug="lalbagh", city="Bengaluru", address="Lalbagh Fort Road",
            state_code="29", capacity=400, hourly_rate=Decimal("4500.00"),
        ),
        "inter": Venue.objects.create(
            name="Marine Drive Pavilion", slug="marine-drive", city="Kochi", address="Marine Drive, Ernakulam",
            state_code="32", capacity=400, hourly_rate=Decimal("4500.00"),
        ),
    }  # fmt: skip
    catalogue = [
        ("Banquet chair with cover", "45.00", "18.00"),
        ("Round table, 8 seats, with linen", "350.00", "18.00"),
        (
            "Catering: South Indian vegetarian buffet per plate "
            "(welcome drink, two starters, four mains, two desserts)",
            "649.00",
            "5.00",
        ),
        ("Sound system with two wireless microphones", "6500.00", "18.00"),
        ("Stage decoration, flowers", "12500.00", "18.00"),
    ]
    items = [
        Item.objects.create(
            name=f"{name}" if index < len(catalogue) else f"{name} (set {index // len(catalogue) + 1})",
            unit_price=Decimal(price),
            gst_rate=Decimal(rate),
        )
        for index, (name, price, rate) in (
            (index, catalogue[index % len(catalogue)]) for index in range(max(lines - 1, 0))
        )
    ]
    start = timezone.localtime().replace(hour=18, minute=0, second=0, microsecond=0) + timedelta(days=30)
    documents = []
    for supply, venue in venues.items():
        booking = create_booking(
            buyer, venue, start, start + timedelta(hours=5), "event", "Menon-Iyer wedding reception",
            [{"item": item, "quantity": index % 9 + 1} for index, item in enumerate(items)],
        )  # fmt: skip
        invoice = get_or_issue_invoice(booking)
        cancel_booking(booking, by_user=buyer, reason="Change of plans")  # 30 days ahead: full refund
        documents += [(f"invoice-{supply}", invoice), (f"credit-note-{supply}", get_or_issue_credit_note(booking))]
    return documents


if __name__ == "__main__":
    main()
