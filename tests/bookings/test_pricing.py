from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from bookings.models import BookingItem
from bookings.pricing import PricedLine, hire_hours, payment_terms, sum_lines, to_paise
from tests.bookings.conftest import book

pytestmark = pytest.mark.django_db


def test_booking_is_priced_per_line_with_gst(alice, hall, chairs, thali):
    booking = book(alice, hall, hours=2.5, items=[{"item": chairs, "quantity": 10}, {"item": thali, "quantity": 3}])

    # hire 2.5 h x 1000 = 2500.00 + 18% = 450.00; chairs 250.00 + 45.00; thali 1349.97 + 5% = 67.4985 -> 67.50
    assert booking.subtotal == Decimal("4099.97")
    assert booking.tax_total == Decimal("562.50")
    assert booking.total == Decimal("4662.47")
    assert booking.venue_hourly_rate == Decimal("1000.00")
    assert booking.venue_gst_rate == Decimal("18.00")


def test_item_prices_are_snapshotted(alice, hall, chairs):
    booking = book(alice, hall, items=[{"item": chairs, "quantity": 4}])
    chairs.unit_price = Decimal("99.00")
    chairs.save()
    hall.hourly_rate = Decimal("5000.00")
    hall.save()

    line = BookingItem.objects.get(booking=booking)
    booking.refresh_from_db()
    assert (line.unit_price, line.gst_rate, line.quantity) == (Decimal("25.00"), Decimal("18.00"), 4)
    assert booking.venue_hourly_rate == Decimal("1000.00")
    assert booking.total == Decimal("2478.00")  # (2000 + 100) * 1.18


def test_the_same_item_twice_is_one_line(alice, hall, chairs):
    booking = book(alice, hall, items=[{"item": chairs, "quantity": 4}, {"item": chairs, "quantity": 6}])

    assert list(booking.items.values_list("quantity", flat=True)) == [10]


def test_tax_rounds_half_up_per_line():
    lines = [
        PricedLine("a", Decimal(1), Decimal("0.25"), Decimal("18")),
        PricedLine("b", Decimal(1), Decimal("0.25"), Decimal("18")),
    ]

    # 0.045 rounds to 0.05 on each line; rounding the sum (0.09) would give 0.09, not 0.10
    assert sum_lines(lines).tax == Decimal("0.10")
    assert to_paise(Decimal("2.675")) == Decimal("2.68")


def test_hire_hours_of_a_ninety_minute_slot(hall):
    from django.utils import timezone

    start = timezone.now()
    assert hire_hours(start, start + timedelta(minutes=90)) == Decimal("1.50")


def test_the_deposit_is_a_share_of_the_total_rounded_half_up():
    now = datetime(2026, 12, 2, 10, 0)
    terms = payment_terms(
        Decimal("1180.10"), start=now + timedelta(days=30), now=now, deposit_percent=25, balance_due_days=7
    )

    assert terms.deposit_due == Decimal("295.03")  # 295.025 rounds up
    assert terms.balance_due == Decimal("885.07")
    assert terms.balance_due_at == now + timedelta(days=23)


def test_when_the_balance_is_already_due_the_deposit_is_the_whole_total():
    now = datetime(2026, 12, 2, 10, 0)
    terms = payment_terms(
        Decimal("1000.00"), start=now + timedelta(days=3), now=now, deposit_percent=25, balance_due_days=7
    )

    assert (terms.deposit_due, terms.balance_due) == (Decimal("1000.00"), Decimal("0.00"))
