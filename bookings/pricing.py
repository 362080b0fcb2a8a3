"""Money maths for bookings: one place, used when a booking is priced, quoted and invoiced.

Amounts are Decimal rupees. Tax is computed and rounded per line (half up, to the paisa),
then summed, which is how GST invoices are drawn up line by line. The GST split of a line
(CGST+SGST or IGST) lives here too, so a quote and the invoice printed later cannot disagree.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from bookings.registrations import issuing_registration

# Column shapes of money and GST rates (percent, e.g. 18.00), shared by every model that stores them.
MONEY = {"max_digits": 12, "decimal_places": 2}
RATE = {"max_digits": 5, "decimal_places": 2}
PAISA = Decimal("0.01")
SECONDS_PER_HOUR = Decimal(3600)
ZERO_PERCENT = Decimal("0.00")


def to_paise(amount):
    return Decimal(amount).quantize(PAISA, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PricedLine:
    description: str
    quantity: Decimal
    unit_price: Decimal
    gst_rate: Decimal  # percent
    sac_code: str = ""

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


def venue_hire_line(venue_name, hours, hourly_rate, gst_rate, sac_code=""):
    return PricedLine(f"Hire of {venue_name}", Decimal(hours), Decimal(hourly_rate), Decimal(gst_rate), sac_code)


def sum_lines(lines):
    subtotal = sum((line.taxable_value for line in lines), Decimal("0.00"))
    tax = sum((line.tax for line in lines), Decimal("0.00"))
    return Totals(subtotal=subtotal, tax=tax, total=subtotal + tax)


def discounted(price, percent):
    """A price less `percent` off, rounded half-up to the paisa (staff discounts)."""
    if not percent:
        return price
    return to_paise(Decimal(price) * (100 - Decimal(percent)) / 100)


def quote_lines(venue, start, end, quantities, discount_percent=ZERO_PERCENT):
    """The priced lines of a booking about to be made, at today's prices less any staff discount.

    `quantities` is [(Item, quantity)].
    """
    hourly_rate = discounted(venue.hourly_rate, discount_percent)
    lines = [venue_hire_line(venue.name, hire_hours(start, end), hourly_rate, venue.gst_rate, venue.sac_code)]
    lines += [
        PricedLine(item.name, Decimal(quantity), discounted(item.unit_price, discount_percent), item.gst_rate,
                   item.sac_code)
        for item, quantity in quantities
    ]  # fmt: skip
    return lines


def booking_lines(booking):
    """The priced lines of a stored booking, from its snapshot (never from today's prices).

    Expects `booking.items` prefetched with `item` when called for many bookings.
    """
    hours = hire_hours(booking.start_datetime, booking.end_datetime)
    venue = booking.venue
    lines = [venue_hire_line(venue.name, hours, booking.venue_hourly_rate, booking.venue_gst_rate, venue.sac_code)]
    lines += [
        PricedLine(
            booking_item.item.name,
            Decimal(booking_item.quantity),
            booking_item.unit_price,
            booking_item.gst_rate,
            booking_item.item.sac_code,
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


# --- GST split -------------------------------------------------------------------------------
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class TaxSplit:
    cgst: Decimal
    sgst: Decimal
    igst: Decimal


def split_tax(tax, intra_state):
    """CGST+SGST halves within a state, IGST across states.

    The CGST half is rounded half up and SGST takes the remainder, so the two always add up
    to the line's tax to the paisa (a tax of 0.05 becomes 0.03 + 0.02).
    """
    if not intra_state:
        return TaxSplit(cgst=ZERO, sgst=ZERO, igst=tax)
    cgst = (tax / 2).quantize(PAISA, rounding=ROUND_HALF_UP)
    return TaxSplit(cgst=cgst, sgst=tax - cgst, igst=ZERO)


def is_intra_state(place_of_supply, registration_state_code):
    """CGST+SGST when the supply is in the issuing registration's own state, IGST otherwise."""
    return place_of_supply == registration_state_code


def place_of_supply(venue):
    """Hiring a venue is supplied where the venue is (IGST Act s.12(3)), whoever books it."""
    return venue.state_code


def supply_is_intra_state(venue):
    """Whether a booking of `venue` is billed CGST+SGST (else IGST) by the registration issuing it."""
    state = place_of_supply(venue)
    return is_intra_state(state, issuing_registration(state).state_code)


def buyer_state_code(user, venue):
    """The buyer's GST state for the "bill to" box; a buyer who gave none is taken to be where the venue is."""
    return getattr(user, "state_code", "") or venue.state_code


def taxed_lines(lines, intra_state):
    """Each priced line as the invoice prints it: taxable value, CGST, SGST, IGST and amount."""
    taxed = []
    for line in lines:
        split = split_tax(line.tax, intra_state)
        taxed.append(
            {
                "description": line.description,
                "sac_code": line.sac_code,
                "quantity": line.quantity,
                "unit_price": line.unit_price,
                "gst_rate": line.gst_rate,
                "taxable_value": line.taxable_value,
                "cgst": split.cgst,
                "sgst": split.sgst,
                "igst": split.igst,
                "amount": line.total,
            }
        )
    return taxed
