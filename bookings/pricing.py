"""Money maths for bookings: one place, used when a booking is priced and when it is invoiced.

Amounts are Decimal rupees. Tax is computed and rounded per line (half up, to the paisa),
then summed, which is how GST invoices are drawn up line by line.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

# Column shapes of money and GST rates (percent, e.g. 18.00), shared by every model that stores them.
MONEY = {"max_digits": 12, "decimal_places": 2}
RATE = {"max_digits": 5, "decimal_places": 2}
PAISA = Decimal("0.01")
SECONDS_PER_HOUR = Decimal(3600)


def to_paise(amount):
    return Decimal(amount).quantize(PAISA, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PricedLine:
    description: str
    quantity: Decimal
    unit_price: Decimal
    gst_rate: Decimal  # percent

    @property
    def taxable_value(self):
        return to_paise(self.quantity * self.unit_price)

    @property
    def tax(self):
        return to_paise(self.taxable_value * self.gst_rate / 100)

    @property
    def total(self):
        return self.taxable_value + self.tax


@dataclass(frozen=True)
class Totals:
    subtotal: Decimal
    tax: Decimal
    total: Decimal


def hire_hours(start, end):
    """Length of a slot in hours, to two decimals (a 90-minute slot is 1.50 hours)."""
    return to_paise(Decimal(int((end - start).total_seconds())) / SECONDS_PER_HOUR)


def venue_hire_line(venue_name, hours, hourly_rate, gst_rate):
    return PricedLine(f"Hire of {venue_name}", Decimal(hours), Decimal(hourly_rate), Decimal(gst_rate))


def sum_lines(lines):
    subtotal = sum((line.taxable_value for line in lines), Decimal("0.00"))
    tax = sum((line.tax for line in lines), Decimal("0.00"))
    return Totals(subtotal=subtotal, tax=tax, total=subtotal + tax)


def quote_lines(venue, start, end, quantities):
    """The priced lines of a booking about to be made, at today's prices.

    `quantities` is [(Item, quantity)].
    """
    lines = [venue_hire_line(venue.name, hire_hours(start, end), venue.hourly_rate, venue.gst_rate)]
    lines += [PricedLine(item.name, Decimal(quantity), item.unit_price, item.gst_rate) for item, quantity in quantities]
    return lines


def booking_lines(booking):
    """The priced lines of a stored booking, from its snapshot (never from today's prices).

    Expects `booking.items` prefetched with `item` when called for many bookings.
    """
    hours = hire_hours(booking.start_datetime, booking.end_datetime)
    lines = [venue_hire_line(booking.venue.name, hours, booking.venue_hourly_rate, booking.venue_gst_rate)]
    lines += [
        PricedLine(
            booking_item.item.name, Decimal(booking_item.quantity), booking_item.unit_price, booking_item.gst_rate
        )
        for booking_item in booking.items.all()
    ]
    return lines


@dataclass(frozen=True)
class PaymentTerms:
    """What confirms a booking and what is left to pay (DESIGN Part 2, precise points: money)."""

    deposit_due: Decimal
    balance_due: Decimal
    balance_due_at: object  # datetime


def payment_terms(total, *, start, now, deposit_percent, balance_due_days):
    """The deposit is the total (GST included) x deposit_percent / 100, rounded half-up to the
    paisa; when the balance would already be due at `now`, the deposit is the whole total."""
    balance_due_at = start - timedelta(days=balance_due_days)
    deposit = total if balance_due_at <= now else to_paise(total * deposit_percent / 100)
    return PaymentTerms(deposit_due=deposit, balance_due=total - deposit, balance_due_at=balance_due_at)
