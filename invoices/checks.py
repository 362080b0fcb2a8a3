"""`manage.py check` warns about every venue whose state has no seller registration.

Such a venue is still invoiced, by the head office with IGST (bookings.registrations), which
is lawful but usually means a registration was forgotten in SELLER_GSTINS. The check reads the
database, so it stays silent where there is none yet (before `migrate`, or unreachable):
`migrate` itself runs the checks first.
"""

import logging

from django.core.checks import Warning, register
from django.db import DatabaseError

from bookings.registrations import home_registration, is_registered_state
from lebrq.gstin import state_label

logger = logging.getLogger("lebrq.invoices")


@register("gst")
def every_venue_state_has_a_registration(app_configs, **kwargs):
    from bookings.models import Venue

    try:
        venues = list(
            Venue.objects.filter(is_active=True).order_by("state_code", "pk").values("pk", "name", "state_code")
        )
    except DatabaseError as error:
        logger.debug("GST registration check skipped: %s", error)
        return []
    head_office = home_registration()
    return [
        Warning(
            f"Venue #{venue['pk']} {venue['name']!r} is in {state_label(venue['state_code'])}, where the seller has "
            f"no GST registration: its documents are issued by the head office ({head_office.gstin}) with IGST.",
            hint=f"Add {venue['state_code']}=<GSTIN> to SELLER_GSTINS once registered there (README, GST).",
            obj=f"venue:{venue['pk']}",
            id="invoices.W001",
        )
        for venue in venues
        if not is_registered_state(venue["state_code"])
    ]
