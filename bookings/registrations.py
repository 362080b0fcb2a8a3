"""Which of the seller's GST registrations issues a venue's documents, and the GST that follows.

Place of supply for hiring a venue is where the venue is (IGST Act s.12(3)), whoever books it.
The registration of the venue's state issues its documents, so they are always CGST+SGST; a
venue in a state where the seller has no registration is invoiced by the head office
(SELLER_HOME_STATE) with IGST, and `manage.py check` warns about it (invoices.checks).

This lives in bookings, not invoices, because the quote (bookings) and the invoice (invoices)
must agree and dependencies point accounts <- bookings <- payments <- invoices.
"""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Registration:
    gstin: str
    state_code: str


def registrations():
    """Every registration of the seller, {state_code: Registration} (settings.SELLER_GSTINS)."""
    return {code: Registration(gstin, code) for code, gstin in settings.SELLER_GSTINS.items()}


def home_registration():
    return registrations()[settings.SELLER_HOME_STATE]


def issuing_registration(place_of_supply):
    """The registration that issues documents for a supply in state `place_of_supply`."""
    return registrations().get(place_of_supply) or home_registration()


def venue_registration(venue):
    """The registration that issues every document for bookings of `venue` (invoices, receipts, refunds)."""
    return issuing_registration(venue.state_code)


def is_registered_state(state_code):
    return state_code in settings.SELLER_GSTINS
