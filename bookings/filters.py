from datetime import timedelta

import django_filters

from bookings.models import Booking
from bookings.selectors import start_of_local_day


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
        return queryset.filter(start_datetime__gte=start_of_local_day(day))

    def filter_date_to(self, queryset, name, day):
        return queryset.filter(start_datetime__lt=start_of_local_day(day + timedelta(days=1)))
