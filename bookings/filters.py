from datetime import date, timedelta

import django_filters

from bookings.models import Booking
from bookings.selectors import start_of_local_day

# Dates outside these are clamped to them: no booking lies beyond, and the far ends of the
# calendar (0001-01-01, 9999-12-31) overflow datetime arithmetic and time-zone conversion.
EARLIEST_FILTER_DATE = date(1970, 1, 1)
LATEST_FILTER_DATE = date(9000, 12, 31)


class BookingFilter(django_filters.FilterSet):
    """`?status=&venue=&kind=&date_from=&date_to=`: dates are local calendar days of the start, inclusive.

    Dates become a range on `start_datetime` (not `__date`), so the index serves the filter
    and MySQL needs no time-zone tables.
    """

    date_from = django_filters.DateFilter(method="filter_date_from")
    date_to = django_filters.DateFilter(method="filter_date_to")

    class Meta:
        model = Booking
        fields = ["status", "venue", "kind"]

    def filter_date_from(self, queryset, name, day):
        return queryset.filter(start_datetime__gte=start_of_local_day(clamped(day)))

    def filter_date_to(self, queryset, name, day):
        return queryset.filter(start_datetime__lt=start_of_local_day(clamped(day) + timedelta(days=1)))


def clamped(day):
    return min(max(day, EARLIEST_FILTER_DATE), LATEST_FILTER_DATE)
