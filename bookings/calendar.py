"""A venue's day or week as staff see it in the admin: bookings, closures, buffers, opening hours.

Read-only, and built from the rules availability already applies (bookings.availability and
bookings.selectors): what keeps a slot, where the buffers fall, when the venue is open. Four
queries whatever the number of bookings: the availability answer (bookings and closures, two),
then the bookings with their titles and owners, and the closures with their reasons.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from bookings.availability import day_bounds, venue_availability
from bookings.models import Booking, Closure
from bookings.selectors import venue_calendar_rows

WEEK_DAYS = 7
# Statuses drawn on the calendar: what holds (or held) a slot. Cancelled, rejected and expired
# bookings hold nothing and would only hide the live ones.
SHOWN_STATUSES = (
    Booking.Status.CONFIRMED, Booking.Status.COMPLETED, Booking.Status.PENDING, Booking.Status.REQUESTED,
)  # fmt: skip
DEFAULT_HOURS = (8, 20)  # the hours shown when the venue is closed all the range and nothing is booked


@dataclass(frozen=True)
class Block:
    """Something drawn in a day's column, in the venue's wall-clock minutes since midnight."""

    kind: str  # confirmed | completed | pending | requested | closed | buffer | open
    start: datetime  # local, clipped to the day
    end: datetime
    booking: dict | None = None  # id, title, user email, status, live, start, end (local, unclipped)
    reason: str = ""
    lane: int = 0
    lanes: int = 1

    @property
    def start_minute(self):
        return _minute_of_day(self.start)

    @property
    def end_minute(self):
        return _minute_of_day(self.end, end=True)


@dataclass(frozen=True)
class CalendarDay:
    date: date
    is_today: bool
    opening: list  # [Block] kind "open"
    buffers: list  # [Block]
    closures: list  # [Block]
    bookings: list  # [Block], each with its lane among the day's overlapping bookings


@dataclass(frozen=True)
class VenueCalendar:
    venue: object
    first: date
    last: date
    today: date
    days: list  # [CalendarDay]
    hours: tuple  # (first hour shown, last hour shown), local

    @property
    def hour_marks(self):
        return list(range(self.hours[0], self.hours[1]))


def week_of(day):
    """The Monday starting the ISO week of `day`."""
    return day - timedelta(days=day.weekday())


def venue_calendar(venue, first, days, now=None):
    """The VenueCalendar of `venue` for `days` local days from `first` (1 or 7 in the admin)."""
    now = now or timezone.now()
    zone = ZoneInfo(venue.timezone)
    last = first + timedelta(days=days - 1)
    availability, _ = venue_availability(venue, first, last, now=now)
    start, end = day_bounds(first, zone)[0], day_bounds(last, zone)[1]
    bookings = list(venue_calendar_rows(venue.pk, start, end, now=now, statuses=SHOWN_STATUSES))
    closures = list(
        Closure.objects.filter(venue=venue, start__lt=end, end__gt=start)
        .order_by("start", "id")
        .values("start", "end", "reason")
    )
    today = now.astimezone(zone).date()
    calendar_days = [_calendar_day(day, zone, bookings, closures, today) for day in availability]
    return VenueCalendar(venue, first, last, today, calendar_days, _hours_shown(calendar_days))


def _calendar_day(day, zone, bookings, closures, today):
    low, high = day_bounds(day.date, zone)

    def clipped(kind, start, end, **fields):
        start, end = max(start, low), min(end, high)
        if start >= end:
            return None
        return Block(kind, start.astimezone(zone), end.astimezone(zone), **fields)

    opening = [clipped("open", start, end) for start, end in day.open]
    buffers = [clipped("buffer", busy.start, busy.end) for busy in day.busy if busy.reason == "buffer"]
    shut = [clipped("closed", row["start"], row["end"], reason=row["reason"]) for row in closures]
    drawn = [
        clipped(row["status"], row["start_datetime"], row["end_datetime"], booking=_shown_booking(row, zone))
        for row in bookings
    ]
    return CalendarDay(
        day.date,
        day.date == today,
        [block for block in opening if block],
        [block for block in buffers if block],
        [block for block in shut if block],
        _in_lanes([block for block in drawn if block]),
    )


def _shown_booking(row, zone):
    return {
        "id": row["id"],
        "title": row["title"],
        "status": row["status"],
        "live": row["live"],
        "user_email": row["user_email"],
        "start": row["start_datetime"].astimezone(zone),
        "end": row["end_datetime"].astimezone(zone),
        "hold_expires_at": row["hold_expires_at"] and row["hold_expires_at"].astimezone(zone),
    }


def _in_lanes(blocks):
    """Blocks side by side where they overlap (a lapsed hold under the booking that took its
    slot): each cluster of overlapping blocks shares the column width among its lanes."""
    placed, cluster, cluster_end = [], [], None
    for block in sorted(blocks, key=lambda block: (block.start, block.end)):
        if cluster and block.start >= cluster_end:
            placed += _spread(cluster)
            cluster = []
        cluster.append(block)
        cluster_end = block.end if len(cluster) == 1 else max(cluster_end, block.end)
    return placed + _spread(cluster)


def _spread(cluster):
    lane_ends, lanes = [], []
    for block in cluster:
        lane = next((index for index, lane_end in enumerate(lane_ends) if lane_end <= block.start), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(block.end)
        lane_ends[lane] = block.end
        lanes.append(lane)
    return [
        Block(block.kind, block.start, block.end, block.booking, block.reason, lane, len(lane_ends))
        for block, lane in zip(cluster, lanes, strict=True)
    ]


def _hours_shown(days):
    """The whole local hours from the earliest opening or block to the latest, over every day."""
    blocks = [block for day in days for block in (*day.opening, *day.buffers, *day.closures, *day.bookings)]
    if not blocks:
        return DEFAULT_HOURS
    first = min(block.start_minute for block in blocks) // 60
    last = -(-max(block.end_minute for block in blocks) // 60)
    return first, max(last, first + 1)


def _minute_of_day(local, end=False):
    """Wall-clock minutes since the local midnight; an end at the next midnight is 24:00."""
    minutes = local.hour * 60 + local.minute
    return 24 * 60 if end and minutes == 0 else minutes
