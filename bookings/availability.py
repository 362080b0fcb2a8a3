"""When a venue is open, what is taken and what is free, and which venues would take a booking.

DESIGN Part 2, "Availability, search and quotes". Every answer costs the same queries whatever
the range or the number of venues: the bookings overlapping the range (widened by the buffer)
and the closures, columns only, one query each. The rest is interval arithmetic on UTC
instants; the venue's time zone only places its opening hours, its grid and its days.
"""

import functools
import json
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from operator import itemgetter
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.db.models import BigIntegerField, Func, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.functional import cached_property

from bookings.models import Closure, Venue
from bookings.pricing import payment_terms, quote_lines, sum_lines
from bookings.rules import INTEGER_RULES, RuleViolation, VenueFacts, VenueRules, availability_date_range, check_booking
from bookings.selectors import BOOKED_STATUSES, bookings_holding_their_slot

MAX_RANGE_DAYS = 62
# The longest booking any venue's rules allow, and the farthest horizon: a search outside them
# is answered "no venue" without reading anything (and without date arithmetic that overflows).
LONGEST_BOOKING = timedelta(minutes=INTEGER_RULES["max_duration_minutes"][1])
FARTHEST_HORIZON = timedelta(days=INTEGER_RULES["max_advance_days"][1])


class Taken(NamedTuple):
    """Time a booking or a closure keeps: `reason` is booked, held or closed. Tuples, not
    dataclasses: a dense 62-day answer builds thousands of these."""

    start: datetime
    end: datetime
    reason: str
    expires_at: datetime | None = None  # a hold's expiry: the answer changes then

    @property
    def is_booking(self):
        return self.reason != "closed"


class Busy(NamedTuple):
    start: datetime
    end: datetime
    reason: str  # booked | held | closed | buffer


@dataclass(frozen=True)
class Day:
    date: date
    open: list  # [(start, end)] aware datetimes
    busy: list  # [Busy]
    free: list  # [(start, end)]


@dataclass(frozen=True)
class Quote:
    total: Decimal
    deposit_due: Decimal


# --- Reading ----------------------------------------------------------------------------------
def taken_by_venue(venue_ids, start, end, *, now, margin=timedelta(0)):
    """{venue id: [Taken]} over [start, end): bookings within `margin` of it (their buffers
    reach in), closures overlapping it. Two queries, whatever the number of venues.

    Every stored booking passed check_booking, whose longest duration is LONGEST_BOOKING, so
    one that reaches the range starts at most that long before it: a lower bound on the start
    lets the (venue, start) index read only the range instead of each venue's whole past."""
    bookings = bookings_holding_their_slot(now).filter(
        venue_id__in=venue_ids,
        start_datetime__lt=end + margin,
        start_datetime__gt=start - margin - LONGEST_BOOKING,
        end_datetime__gt=start - margin,
    )
    closures = Closure.objects.filter(venue_id__in=venue_ids, start__lt=end, end__gt=start)
    taken = defaultdict(list)
    rows = bookings.order_by().values_list(
        "venue_id", EpochMicroseconds("start_datetime"), EpochMicroseconds("end_datetime"), "status",
        EpochMicroseconds("hold_expires_at"),
    )  # fmt: skip
    for venue_id, booking_start, booking_end, status, expires_at in rows:
        booking_start, booking_end = _instant(booking_start), _instant(booking_end)
        if status in BOOKED_STATUSES:
            taken[venue_id].append(Taken(booking_start, booking_end, "booked"))
        else:
            taken[venue_id].append(Taken(booking_start, booking_end, "held", _instant(expires_at)))
    for venue_id, closure_start, closure_end in closures.order_by().values_list("venue_id", "start", "end"):
        taken[venue_id].append(Taken(closure_start, closure_end, "closed"))
    return taken


class EpochMicroseconds(Func):
    """A UTC datetime column as whole microseconds since 1970 (NULL stays NULL), on the two
    backends the project runs on. A dense venue's 62 days are thousands of rows, and the
    drivers' parsing of each datetime with Django's making each aware cost more than the query:
    integers cross for a fraction of that, and `_instant` rebuilds the same aware datetimes."""

    output_field = BigIntegerField()
    template = "TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', %(expressions)s)"  # MySQL/MariaDB: no time zone

    @cached_property
    def convert_value(self):
        # Both drivers return int (or None) already. Django's default for an integer output is
        # an int() per value, and without any converter it skips its per-row conversion pass.
        return self._convert_value_noop

    def as_sqlite(self, compiler, connection, **extra_context):
        # Django stores 'YYYY-MM-DD HH:MM:SS[.ffffff]' in UTC; strftime('%s') drops the fraction.
        # Each '%' is doubled twice: once for this template, once for the driver's placeholders.
        template = (
            "(CAST(strftime('%%%%s', %(expressions)s) AS INTEGER) * 1000000"
            " + CAST(COALESCE(NULLIF(substr(%(expressions)s, 21, 6), ''), '0') AS INTEGER))"
        )
        return self.as_sql(compiler, connection, template=template, **extra_context)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _instant(microseconds):
    return None if microseconds is None else _EPOCH + timedelta(microseconds=microseconds)


# --- Availability of a range of days ------------------------------------------------------------
def check_range(first, last, today):
    """Refuse a range availability does not answer: reversed, longer than 62 days, or outside
    366 days back to 3 years ahead of `today` (the venue's local day)."""
    if last < first:
        raise RuleViolation("`to` must not be before `from`.", "invalid_date_range")
    if (last - first).days + 1 > MAX_RANGE_DAYS:
        raise RuleViolation(f"Ask for at most {MAX_RANGE_DAYS} days at a time.", "invalid_date_range")
    earliest, latest = availability_date_range(today)
    if first < earliest or last > latest:
        raise RuleViolation(f"Ask for a date between {earliest} and {latest}.", "date_out_of_range")


def local_today(venue, now=None):
    return (now or timezone.now()).astimezone(ZoneInfo(venue.timezone)).date()


def venue_availability(venue, first, last, now=None):
    """([Day] from local day `first` to `last`, both included, the last instant that answer
    holds: a hold lapses, notice or horizon move past a grid point, or the venue's day ends
    (check_range may refuse the range the next day). Two queries."""
    now = now or timezone.now()
    rules, zone = VenueRules.of(venue.rules), ZoneInfo(venue.timezone)
    days = [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
    start, end = day_bounds(first, zone)[0], day_bounds(last, zone)[1]
    taken = taken_by_venue([venue.pk], start, end, now=now, margin=rules.buffer)[venue.pk]
    today_ends = day_bounds(local_today(venue, now), zone)[1] - timedelta(microseconds=1)
    return days_of(days, rules=rules, zone=zone, taken=taken, now=now), min(
        _valid_until(rules, zone, taken, now), today_ends
    )


def _valid_until(rules, zone, taken, now):
    """The last instant at which days_of(...) still gives the answer it gives at `now`."""
    notice, horizon = timedelta(hours=rules.min_notice_hours), timedelta(days=rules.max_advance_days)
    tick = timedelta(microseconds=1)
    bounds = [slot.expires_at - tick for slot in taken if slot.expires_at]
    earliest_free = _grid_point(now + notice, zone, rules.slot_minutes, later=True)
    next_horizon_point = _grid_point(now + horizon + tick, zone, rules.slot_minutes, later=True)
    bounds += [
        point - offset for point, offset in ((earliest_free, notice), (next_horizon_point, horizon + tick)) if point
    ]
    return min(bounds)


def days_of(days, *, rules, zone, taken, now):
    """[Day] for local `days`, from what is `taken` (pure: no query)."""
    taken = sorted(taken, key=_start_and_end)
    buffer, shortest = rules.buffer, timedelta(minutes=rules.min_duration_minutes)
    of_day = _SlotsOfDay(taken, buffer)
    window = (now + timedelta(hours=rules.min_notice_hours), now + timedelta(days=rules.max_advance_days))
    answer = []
    for day in days:
        bounds = day_bounds(day, zone)
        near = of_day.near(bounds)
        blocked = [(slot.start - buffer, slot.end + buffer) if slot.is_booking else slot[:2] for slot in near]
        opening = opening_intervals(rules, zone, day)
        bookable = _intersect(_merge(opening), [(max(bounds[0], window[0]), min(bounds[1], window[1]))])
        free = [_snapped(span, zone, rules.slot_minutes) for span in _subtract(bookable, blocked)]
        free = [span for span in free if span is not None and span[1] - span[0] >= shortest]
        answer.append(Day(day, opening, _busy_of_day(near, bounds, buffer), free))
    return answer


_start_and_end = itemgetter(0, 1)


class _SlotsOfDay:
    """The taken slots (sorted by start) that can reach into a day with their buffer, found by
    bisection, so 62 days of a densely booked venue cost each day only its own bookings."""

    def __init__(self, taken, buffer):
        self.taken = taken
        self.starts = [slot.start for slot in taken]
        self.reach = buffer + max((slot.end - slot.start for slot in taken), default=timedelta(0))

    def near(self, bounds):
        low = bisect_left(self.starts, bounds[0] - self.reach)
        high = bisect_left(self.starts, bounds[1] + self.reach)
        return self.taken[low:high]


def day_bounds(day, zone):
    """(start, end) in UTC of the local calendar day `day` in `zone`."""
    start = datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC)
    return start, datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone).astimezone(UTC)


def opening_intervals(rules, zone, day):
    """The day's opening hours as [(start, end)] UTC instants; a 24:00 close is the next midnight."""
    intervals = []
    for opens, closes in rules.open_intervals(day):
        start = datetime.combine(day, opens, tzinfo=zone).astimezone(UTC)
        end = day_bounds(day, zone)[1] if closes is None else datetime.combine(day, closes, tzinfo=zone)
        intervals.append((start, end.astimezone(UTC)))
    return intervals


def _busy_of_day(taken, bounds, buffer):
    """Busy entries clipped to the day: each slot, and a buffer entry on each side of a booking."""
    low, high = bounds
    busy = []
    for slot in taken:
        start, end, reason = slot[:3]
        if buffer and slot.is_booking:
            pieces = ((start, end, reason), (start - buffer, start, "buffer"), (end, end + buffer, "buffer"))
        else:
            pieces = ((start, end, reason),)
        for piece_start, piece_end, piece_reason in pieces:
            piece_start, piece_end = max(piece_start, low), min(piece_end, high)
            if piece_start < piece_end:
                busy.append(Busy(piece_start, piece_end, piece_reason))
    busy.sort(key=_start_and_end)
    return busy


# --- Interval arithmetic (sorted lists of half-open (start, end)) -----------------------------
def _merge(spans):
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _intersect(spans, limits):
    return [
        (max(start, low), min(end, high))
        for start, end in spans
        for low, high in limits
        if max(start, low) < min(end, high)
    ]


def _subtract(spans, holes):
    holes = _merge(holes)
    remaining = []
    for start, end in spans:
        for hole_start, hole_end in holes:
            if hole_end <= start or hole_start >= end:
                continue
            if hole_start > start:
                remaining.append((start, hole_start))
            start = max(start, hole_end)
            if start >= end:
                break
        if start < end:
            remaining.append((start, end))
    return remaining


# --- The grid (local wall-clock minutes since midnight, a multiple of slot_minutes) -----------
def on_grid(instant, zone, slot_minutes):
    local = instant.astimezone(zone)
    return local.second == 0 and local.microsecond == 0 and (local.hour * 60 + local.minute) % slot_minutes == 0


def _snapped(span, zone, slot_minutes):
    """`span` shrunk to grid points: start rounded up, end down; None if nothing is left."""
    start, end = _grid_point(span[0], zone, slot_minutes, later=True), _grid_point(span[1], zone, slot_minutes)
    return (start, end) if start is not None and end is not None and start < end else None


def _grid_point(instant, zone, slot_minutes, later=False):
    """The nearest grid point at or after (`later`) or at or before `instant`, skipping wall
    times a DST change makes non-existent; None past the end of the calendar."""
    step = timedelta(minutes=slot_minutes)
    wall = instant.astimezone(zone).replace(tzinfo=None)
    midnight = datetime.combine(wall.date(), time.min)
    steps, remainder = divmod(wall - midnight, step)
    candidate = midnight + steps * step
    if later and remainder:
        candidate += step
    for _ in range(4):  # a DST gap is at most a few steps wide
        for fold in (0, 1):
            point = candidate.replace(tzinfo=zone, fold=fold).astimezone(UTC)
            exists = point.astimezone(zone).replace(tzinfo=None) == candidate
            if exists and (point >= instant if later else point <= instant):
                return point
        try:
            candidate = candidate + step if later else candidate - step
        except OverflowError:
            return None
    return None


# --- Search: which venues would take exactly this booking now -------------------------------
class Candidate(NamedTuple):
    """What search reads of a venue to judge it: its rules parsed once per distinct rules text."""

    id: int
    timezone: str
    capacity: int
    rules: VenueRules


def venues_accepting(*, start, end, guests=1, city=None, now=None):
    """(The active venues that would accept a booking of [start, end) for `guests` now, as
    Candidates in name order; the last instant that answer holds, or None when it is not worth
    keeping). Three queries whatever the number of venues; `priced_venues` reads a page of them."""
    now = now or timezone.now()
    if end <= start:
        raise RuleViolation("The end must be after the start.", "invalid_time_range")
    if start <= now or end - start > LONGEST_BOOKING or start - now > FARTHEST_HORIZON:
        return [], None
    venues = Venue.objects.filter(is_active=True, capacity__gte=guests)
    if city:
        venues = venues.filter(city__iexact=city)
    candidates = _candidates(venues)
    if not candidates:
        return [], None
    margin = max(candidate.rules.buffer for candidate in candidates)
    # The candidates' ids as a subquery: MariaDB turns a list of 1,000 ids into a temporary
    # table it joins in a worse order.
    taken = taken_by_venue(venues.values("id"), start, end, now=now, margin=margin)
    verdicts = {}  # venues sharing rules, zone, capacity and closures share the rules' verdict
    accepted = [
        candidate
        for candidate in candidates
        if accepts(candidate, taken.get(candidate.id, ()), verdicts, start=start, end=end, guests=guests, now=now)
    ]
    return accepted, _search_valid_until([candidate.rules for candidate in candidates], taken, start, end, now)


def _candidates(venues):
    # The rules as the stored text, parsed once per distinct text: a thousand venues on the same
    # rules would otherwise cost a thousand JSON decodings and validations per search.
    rows = venues.order_by("name", "id").values_list("id", "timezone", "capacity", Cast("rules", TextField()))
    return [Candidate(pk, zone, capacity, _rules_of_text(rules)) for pk, zone, capacity, rules in rows]


@functools.lru_cache(maxsize=4096)
def _rules_of_text(text):
    return VenueRules.of(json.loads(text))


def accepts(candidate, taken, verdicts, *, start, end, guests, now):
    """Whether create would take this booking: the same rule check (bookings.rules.check_booking)
    and the same conflict test, a live booking within the buffer of [start, end) on either side.
    Holds are the customer's own limit: a search is nobody's, so it never counts them."""
    rules = candidate.rules
    closures = tuple((slot.start, slot.end) for slot in taken if not slot.is_booking)
    facts = VenueFacts(timezone=candidate.timezone, capacity=candidate.capacity, closures=closures)
    verdict = (id(rules), facts)  # the candidates keep every rules object alive meanwhile
    if verdict not in verdicts:
        verdicts[verdict] = _rules_allow(rules, facts, start=start, end=end, guests=guests, now=now)
    return verdicts[verdict] and not any(
        slot.is_booking and slot.start < end + rules.buffer and start - rules.buffer < slot.end for slot in taken
    )


def _rules_allow(rules, facts, *, start, end, guests, now):
    try:
        check_booking(rules, facts, start=start, end=end, guests=guests, now=now, open_holds=0, max_open_holds=1)
    except RuleViolation:
        return False
    return True


def _search_valid_until(all_rules, taken, start, end, now):
    """A venue's verdict changes when a hold lapses, when the start comes within its notice,
    or when the end comes within its horizon."""
    tick = timedelta(microseconds=1)
    bounds = [slot.expires_at - tick for slots in taken.values() for slot in slots if slot.expires_at]
    for notice_hours, advance_days in {(rules.min_notice_hours, rules.max_advance_days) for rules in all_rules}:
        bounds.append(start - timedelta(hours=notice_hours))
        bounds.append(end - timedelta(days=advance_days) - tick)
    return min((bound for bound in bounds if bound >= now), default=None)


def priced_venues(candidates, *, start, end, now=None):
    """The venues of `candidates` in that order (one query, none for no candidates), each with
    `.quote`: what hiring it for [start, end) costs, venue hire only."""
    now = now or timezone.now()
    venues = Venue.objects.in_bulk([candidate.id for candidate in candidates])
    page = []
    for candidate in candidates:
        if candidate.id in venues:
            venue = venues[candidate.id]
            venue.quote = hire_quote(venue, candidate.rules, start, end, now)
            page.append(venue)
    return page


def hire_quote(venue, rules, start, end, now):
    total = sum_lines(quote_lines(venue, start, end, [])).total
    terms = payment_terms(
        total, start=start, now=now, deposit_percent=rules.deposit_percent, balance_due_days=rules.balance_due_days
    )
    return Quote(total=total, deposit_due=terms.deposit_due)


def venue_busy_slots(venue, day, now=None):
    """(start, end) of the bookings that keep their slot (lapsed holds do not) and overlap the
    venue's local calendar day `day` (Part 1's `?date=` form of availability)."""
    day_start, day_end = day_bounds(day, ZoneInfo(venue.timezone))
    return (
        bookings_holding_their_slot(now or timezone.now())
        .filter(venue=venue, start_datetime__lt=day_end, end_datetime__gt=day_start)
        .order_by("start_datetime")
        .values_list("start_datetime", "end_datetime")
    )
