"""Bookings for invoice tests, built with model_bakery and priced like bookings.services does."""

import os
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from model_bakery import baker

from bookings.models import Booking, BookingItem, Item, Refund
from bookings.pricing import booking_lines, sum_lines
from invoices.services import get_or_issue_invoice

KARNATAKA_GSTIN = "29AABCL1234M1ZF"
MAHARASHTRA_GSTIN = "27AABCL1234M1ZJ"


@pytest.fixture(autouse=True)
def seller_registrations(settings):
    """The seller is registered in Karnataka (head office) and Maharashtra, nowhere else."""
    settings.SELLER_GSTINS = {"29": KARNATAKA_GSTIN, "27": MAHARASHTRA_GSTIN}
    settings.SELLER_HOME_STATE = "29"
    return settings.SELLER_GSTINS


@pytest.fixture(autouse=True)
def invoice_temp_dir(settings, tmp_path):
    """Each test renders into its own temp directory, so it can count what is left there."""
    path = tmp_path / "invoice-tmp"
    path.mkdir()
    settings.INVOICE_TEMP_DIR = str(path)
    return path


@pytest.fixture
def venue(db):
    return baker.make(
        "bookings.Venue", name="Grand Hall", slug="grand-hall", city="Bengaluru", address="1 Palace Road",
        state_code="29", capacity=300, hourly_rate=Decimal("2500.00"), gst_rate=Decimal("18.00"),
    )  # fmt: skip


@pytest.fixture
def mumbai_venue(db):
    """A venue in Maharashtra, where the seller has a registration of its own."""
    return baker.make(
        "bookings.Venue", name="Sea Breeze Terrace", slug="sea-breeze-terrace", city="Mumbai",
        address="Carter Road", state_code="27", capacity=200, hourly_rate=Decimal("3000.00"),
        gst_rate=Decimal("18.00"),
    )  # fmt: skip


@pytest.fixture
def chennai_venue(db):
    """A venue in Tamil Nadu, where the seller has no registration: the head office invoices it."""
    return baker.make(
        "bookings.Venue", name="Marina Mandapam", slug="marina-mandapam", city="Chennai", address="TTK Road",
        state_code="33", capacity=800, hourly_rate=Decimal("4000.00"), gst_rate=Decimal("18.00"),
    )  # fmt: skip


def create_booking(
    user, venue, *, lines=2, status=Booking.Status.CONFIRMED, hours=3, days_ahead=30, distinct_items=False
):
    """A booking of `hours` at `venue` with `lines - 1` add-on lines (the venue hire is the first line).

    Add-ons cycle through three items, or with `distinct_items` each line has an item of its own.
    """
    start = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=days_ahead)
    booking = baker.make(
        Booking, user=user, venue=venue, title="Rao wedding reception", kind=Booking.Kind.EVENT, status=status,
        start_datetime=start, end_datetime=start + timedelta(hours=hours),
        venue_hourly_rate=venue.hourly_rate, venue_gst_rate=venue.gst_rate,
    )  # fmt: skip
    add_ons = [
        ("Banquet chair", Decimal("45.50"), Decimal("18.00")),
        ("Catering, vegetarian buffet per plate", Decimal("649.99"), Decimal("5.00")),
        ("Sound system", Decimal("3333.33"), Decimal("28.00")),
    ]
    if distinct_items:
        add_ons = [(f"{add_ons[index % 3][0]} #{index}", *add_ons[index % 3][1:]) for index in range(lines - 1)]
    items = [
        Item.objects.get_or_create(name=name, defaults={"unit_price": price, "gst_rate": rate})[0]
        for name, price, rate in add_ons
    ]
    BookingItem.objects.bulk_create(
        BookingItem(
            booking=booking, item=item, quantity=index % 7 + 1, unit_price=item.unit_price, gst_rate=item.gst_rate
        )
        for index, item in ((index, items[index % len(items)]) for index in range(lines - 1))
    )
    totals = sum_lines(booking_lines(booking))
    Booking.objects.filter(pk=booking.pk).update(subtotal=totals.subtotal, tax_total=totals.tax, total=totals.total)
    booking.refresh_from_db()
    return booking


def refund(booking, percent=50):
    """Cancel `booking` as if it had been paid in full and `percent` of it refunded."""
    amount = (booking.total * percent / 100).quantize(Decimal("0.01"))
    booking.status = Booking.Status.CANCELLED
    booking.amount_paid, booking.amount_refunded = booking.total, amount
    booking.save(update_fields=["status", "amount_paid", "amount_refunded"])
    return Refund.objects.create(booking=booking, amount=amount, percent=percent, reason="Cancelled by the customer")


@pytest.fixture
def alice_booking(alice, venue):
    return create_booking(alice, venue)


@pytest.fixture
def alice_invoice(alice_booking):
    return get_or_issue_invoice(alice_booking)


def descriptors_into(directory, pid="self"):
    """Paths of the files under `directory` that process `pid` holds open (unlinked ones end in ' (deleted)')."""
    fd_dir = f"/proc/{pid}/fd"
    held = []
    for name in os.listdir(fd_dir):
        try:
            target = os.readlink(os.path.join(fd_dir, name))
        except FileNotFoundError:
            continue
        if target.startswith(str(directory) + os.sep):
            held.append(target)
    return held
