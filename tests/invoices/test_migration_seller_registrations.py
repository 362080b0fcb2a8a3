"""invoices 0002: documents issued before numbering per registration keep their numbers, and
the year's series carries on from their counters in the new format."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from invoices.models import DocumentCounter, Invoice
from invoices.services import get_or_issue_credit_note, get_or_issue_invoice
from tests.invoices.conftest import KARNATAKA_GSTIN, create_booking, refund

pytestmark = pytest.mark.django_db(transaction=True)

IST = ZoneInfo("Asia/Kolkata")
BEFORE = [("invoices", "0001_initial")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest():
    """Every app's latest migration, not only invoices': going back to invoices 0001 also
    unapplied the other apps' migrations that depend on it, and later tests need them all."""
    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture(autouse=True)
def latest_schema_afterwards():
    yield
    migrate_to_latest()


def old_document(apps, booking, kind, series, sequence, issued_at, **fields):
    """A document as Part 1 issued it: one untaxed line of the booking's total."""
    total = booking.total
    line = {
        "description": "Hire", "sac_code": "997212", "quantity": "1", "unit_price": str(total), "gst_rate": "0.00",
        "taxable_value": str(total), "cgst": "0.00", "sgst": "0.00", "igst": "0.00", "total": str(total),
    }  # fmt: skip
    zero = Decimal("0.00")
    return apps.get_model("invoices", "Invoice").objects.create(
        kind=kind, series=series, financial_year="2026-27", sequence=sequence,
        number=f"{series}/2026-27/{sequence:06d}", booking_id=booking.pk, issued_at=issued_at,
        supply_type="intra", place_of_supply="29",
        seller={"name": "LeBrq", "gstin": KARNATAKA_GSTIN, "state_code": "29"}, buyer={}, particulars={},
        lines=[line], subtotal=total, cgst_total=zero, sgst_total=zero, igst_total=zero, tax_total=zero,
        total=total, content_hash="x" * 64, **fields,
    )  # fmt: skip


def test_old_documents_keep_their_numbers_and_their_series_carry_on(alice, venue):
    first, second = create_booking(alice, venue), create_booking(alice, venue)
    apps = migrate(BEFORE)
    OldCounter = apps.get_model("invoices", "DocumentCounter")
    issued_at = datetime(2026, 11, 20, 12, 0, tzinfo=IST)
    invoices = [
        old_document(apps, booking, "invoice", "LB", index, issued_at)
        for index, booking in enumerate((first, second), 1)
    ]
    old_document(apps, first, "credit_note", "LB-CN", 1, issued_at, original_id=invoices[0].pk)
    OldCounter.objects.create(series="LB", financial_year="2026-27", last_sequence=2)
    OldCounter.objects.create(series="LB-CN", financial_year="2026-27", last_sequence=1)
    OldCounter.objects.create(series="LB", financial_year="2027-28", last_sequence=0)  # numbered nothing

    migrate_to_latest()

    assert sorted(Invoice.objects.values_list("number", "series", "seller_gstin")) == [
        ("LB-CN/2026-27/000001", "CN", KARNATAKA_GSTIN),
        ("LB/2026-27/000001", "LB", KARNATAKA_GSTIN),
        ("LB/2026-27/000002", "LB", KARNATAKA_GSTIN),
    ]
    assert set(DocumentCounter.objects.values_list("seller_gstin", "series", "financial_year", "last_sequence")) == {
        (KARNATAKA_GSTIN, "LB", "2026-27", 2),
        (KARNATAKA_GSTIN, "CN", "2026-27", 1),
        ("", "LB", "2027-28", 0),
    }
    with time_machine.travel(datetime(2026, 12, 2, 10, 0, tzinfo=IST), tick=False):
        third = get_or_issue_invoice(create_booking(alice, venue))
        refund(second, percent=100)
        credit_note = get_or_issue_credit_note(second)

    assert third.number == "LB/26-27/000003"
    assert credit_note.number == "CN/26-27/000002"
    assert credit_note.original.number == "LB/2026-27/000002"


def test_the_migration_runs_backwards_on_a_single_registration(alice, venue):
    with time_machine.travel(datetime(2026, 12, 2, 10, 0, tzinfo=IST), tick=False):
        booking = create_booking(alice, venue)
        get_or_issue_invoice(booking)
        refund(booking, percent=100)  # nothing kept: no cancellation charge, a kind 0001 cannot hold
        get_or_issue_credit_note(booking)

    apps = migrate(BEFORE)

    OldInvoice = apps.get_model("invoices", "Invoice")
    assert sorted(OldInvoice.objects.values_list("series", flat=True)) == ["LB", "LB-CN"]
    migrate_to_latest()
