"""Read paths for bookings. Object-level access lives here so every app asks the same question."""

from bookings.models import Booking


def bookings_visible_to(user):
    """Staff see every booking; a customer only their own; anonymous users none.

    Views look objects up in this queryset, so another user's booking is a 404, never a 403
    that would confirm it exists.
    """
    if not user.is_authenticated:
        return Booking.objects.none()
    if user.is_staff:
        return Booking.objects.all()
    return Booking.objects.filter(user=user)
