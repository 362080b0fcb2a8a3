"""Read paths for bookings. Object-level access lives here so every app asks the same question."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import F, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from bookings.models import Booking, BookingItem, BookingSeries, Item, Venue

User = get_user_model()

BOOKED_STATUSES = (Booking.Status.CONFIRMED, Booking.Status.COMPLETED)
# A `requested` booking (awaiting staff) blocks its slot like a hold, once that status exists.
HELD_STATUSES = tuple(
    status for status in (Booking.Status.PENDING, getattr(Booking.Status, "REQUESTED", None)) if status
)

# The columns the list endpoints show; nothing else is read. Lists read plain rows (dicts):
# building model instances for them cost more than the queries did.
LIST_COLUMNS = (
    "id", "venue_id", "venue__name", "kind", "title", "start_datetime", "end_datetime", "status", "is_public",
    "total", "created_at",
)  # fmt: skip
ADMIN_LIST_COLUMNS = (*LIST_COLUMNS, "user_id", "user__email")
EXPORT_SOURCE_COLUMNS = (
    "id", "user_id", "venue_id", "kind", "title", "start_datetime", "end_datetime", "status",
    "is_public", "subtotal", "tax_total", "total", "created_at",
)  # fmt: skip


def bookings_holding_their_slot(now):
    """Bookings that keep their slot at `now`: confirmed, completed, and holds not lapsed yet
    (pending, or requested once that status exists). A hold without an expiry keeps its slot:
    better a slot shown taken than one shown free that create then refuses. The one answer
    create, quote, search, availability and closures all use."""
    live_hold = Q(hold_expires_at__isnull=True) | Q(hold_expires_at__gt=now)
    return Booking.objects.filter(Q(status__in=BOOKED_STATUSES) | (Q(status__in=HELD_STATUSES) & live_hold))


def bookings_with_balance_overdue(now):
    """Confirmed bookings still to come whose balance fell due (balance_due_at) and is unpaid."""
    return Booking.objects.filter(
        status=Booking.Status.CONFIRMED,
        balance_due_at__lte=now,
        start_datetime__gt=now,
        total__gt=F("amount_paid") - F("amount_refunded"),
    )


def bookings_visible_to(user):
    """Staff with `view_booking` see every booking; anyone else only their own; anonymous users none.

    Views look objects up in this queryset, so another user's booking is a 404, never a 403
    that would confirm it exists.
    """
    if not user.is_authenticated:
        return Booking.objects.none()
    if _may_view_all(user, "bookings.view_booking"):
        return Booking.objects.all()
    return Booking.objects.filter(user=user)


def booking_list(user):
    """The bookings a list shows to `user`, bare: filter, count and page it, then `list_rows()`."""
    return bookings_visible_to(user)


def admin_booking_list():
    return Booking.objects.all()


def list_rows(bookings):
    """LIST_COLUMNS dicts for one page (`bookings` is the page's keys). The names are read by
    scalar subqueries, not joins, here too: with a join MariaDB may start from the venue table
    and scan every booking of each venue for the page's keys (it did, 10x slower, while its
    statistics lagged a bulk insert); a subquery leaves it nothing to read but the keys."""
    return bookings.values(*_own_columns(LIST_COLUMNS), venue__name=_venue_name())


def admin_list_rows(bookings):
    return bookings.values(*_own_columns(ADMIN_LIST_COLUMNS), venue__name=_venue_name(), user__email=_user_email())


def _own_columns(columns):
    return [column for column in columns if "__" not in column]


def _venue_name():
    return Subquery(Venue.objects.filter(pk=OuterRef("venue_id")).order_by().values("name"))


def _user_email():
    return Subquery(User.objects.filter(pk=OuterRef("user_id")).order_by().values("email"))


def start_of_local_day(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def bookings_starting_on(queryset, day):
    """Bookings of `queryset` that start on the local calendar day `day`."""
    start = start_of_local_day(day)
    return queryset.filter(start_datetime__gte=start, start_datetime__lt=start + timedelta(days=1))


def booking_detail(user):
    items = BookingItem.objects.select_related("item").only(
        "id", "booking_id", "quantity", "unit_price", "gst_rate", "item__id", "item__name"
    )
    return (
        bookings_visible_to(user)
        .select_related("venue", "user")
        .prefetch_related(Prefetch("items", queryset=items), "refunds")
    )


def regular_programs(now=None):
    """Public series with a confirmed occurrence still to come (or running), by the next one.

    Each row carries `next_occurrence` and `next_occurrence_end`: one query for the page, one
    for the count, however many series and dates there are.
    """
    now = now or timezone.now()
    upcoming = Booking.objects.filter(
        series=OuterRef("pk"), status=Booking.Status.CONFIRMED, end_datetime__gt=now
    ).order_by("start_datetime", "id")
    return (
        BookingSeries.objects.filter(is_public=True)
        .annotate(
            next_occurrence=Subquery(upcoming.values("start_datetime")[:1]),
            next_occurrence_end=Subquery(upcoming.values("end_datetime")[:1]),
        )
        .filter(next_occurrence__isnull=False)
        .select_related("venue")
        .only("id", "title", "kind", "rrule", "venue__id", "venue__name", "venue__city")
        .order_by("next_occurrence", "id")
    )


def series_visible_to(user):
    """A customer's own series; staff with view_booking see every one."""
    if not user.is_authenticated:
        return BookingSeries.objects.none()
    if _may_view_all(user, "bookings.view_booking"):
        return BookingSeries.objects.all()
    return BookingSeries.objects.filter(user=user)


def venues_visible_to(user):
    return Venue.objects.all() if _may_view_all(user, "bookings.view_venue") else Venue.objects.filter(is_active=True)


def items_visible_to(user):
    return Item.objects.all() if _may_view_all(user, "bookings.view_item") else Item.objects.filter(is_active=True)


def _may_view_all(user, permission):
    return user.is_staff and user.has_perm(permission)


def export_rows(queryset, chunk_size=2000):
    """Every row of `queryset` as (id, user email, venue name, ...EXPORT_SOURCE_COLUMNS[3:]) tuples,
    read in primary-key order in chunks.

    Keyset iteration (`id > last`) keeps each query cheap and memory bounded whatever the
    table size; an OFFSET would rescan what was already sent. Emails and venue names are
    looked up per chunk instead of joined: with the joins MariaDB starts from the small venue
    table and sorts the whole bookings table for every chunk (0.8 s per 2,000 rows).
    """
    rows = queryset.order_by("id").values_list(*EXPORT_SOURCE_COLUMNS)
    last_id = 0
    while chunk := list(rows.filter(id__gt=last_id)[:chunk_size]):
        emails = dict(User.objects.filter(pk__in={row[1] for row in chunk}).values_list("pk", "email"))
        venue_names = dict(Venue.objects.filter(pk__in={row[2] for row in chunk}).values_list("pk", "name"))
        for booking_id, user_id, venue_id, *rest in chunk:
            yield (booking_id, emails[user_id], venue_names[venue_id], *rest)
        last_id = chunk[-1][0]


def sees_inactive_catalogue(user, permission):
    """Whether `user` is shown inactive venues or items (`permission` names which)."""
    return _may_view_all(user, permission)
