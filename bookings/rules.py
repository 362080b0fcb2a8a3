"""Rules a booking must satisfy before it is stored, and the 400 a request gets when it breaks one.

Each venue carries its rules (DESIGN Part 2, "Venue rules") as a JSON object in `Venue.rules`:
`validate_rules` is the one place that says what a valid rules object is, and `VenueRules`
the typed view every check reads. Bounds keep every stored row loadable: a slot of years or
a quantity of millions would price a total that overflows its DECIMAL(12, 2) column.

This module imports no model: models.py takes its defaults and validator from here.
"""

import copy
import functools
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.exceptions import APIException

from bookings.pricing import MONEY

MAX_DURATION_MINUTES = 960
MAX_ADVANCE_DAYS = 365  # bounds the start, counted from now
MAX_ITEM_QUANTITY = 10_000  # per line; a banquet of 1,000 guests needs 1,000 chairs
MAX_ITEM_LINES = 50
LARGEST_AMOUNT = Decimal(10 ** (MONEY["max_digits"] - MONEY["decimal_places"])) - Decimal("0.01")
# Availability answers for days between a year ago and three years ahead (DESIGN Part 2).
AVAILABILITY_DAYS_BACK = 366
AVAILABILITY_YEARS_AHEAD = 3


class RuleViolation(APIException):
    """A 400 with DRF's `detail` and a stable `code` beside it."""

    status_code = 400
    default_code = "invalid"

    def __init__(self, detail, code):
        super().__init__({"detail": detail, "code": code}, code)


def check_amount_fits(total):
    if total > LARGEST_AMOUNT:
        raise RuleViolation(
            f"The total of {total} INR is more than one booking can hold ({LARGEST_AMOUNT}); book less.",
            "amount_too_large",
        )


def availability_date_range(today=None):
    """(first, last) local day that availability answers for."""
    today = today or timezone.localdate()
    last = _years_after(today, AVAILABILITY_YEARS_AHEAD)
    return today - timedelta(days=AVAILABILITY_DAYS_BACK), last


def check_availability_date(day, today=None):
    first, last = availability_date_range(today)
    if not first <= day <= last:
        raise RuleViolation(f"Ask for a date between {first} and {last}.", "date_out_of_range")


def _years_after(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return date(day.year + years, 2, 28)


# --- The rules object of a venue -------------------------------------------------------------
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # index = date.weekday()
DEFAULT_RULES = {
    "opening_hours": {day: [["06:00", "23:00"]] for day in WEEKDAYS},
    "buffer_minutes": 60,
    "slot_minutes": 30,
    "min_duration_minutes": 60,
    "max_duration_minutes": MAX_DURATION_MINUTES,
    "min_notice_hours": 2,
    "max_advance_days": MAX_ADVANCE_DAYS,
    "hold_minutes": 15,
    "deposit_percent": 25,
    "balance_due_days": 7,
    "requires_approval": False,
    "approval_hours": 48,
    "cancellation_policy": [
        {"hours_before": 168, "refund_percent": 100},
        {"hours_before": 48, "refund_percent": 50},
        {"hours_before": 0, "refund_percent": 0},
    ],
}
# (smallest, largest) of every whole-number rule: wide enough for any venue, small enough that
# no derived date or amount overflows.
INTEGER_RULES = {
    "buffer_minutes": (0, 24 * 60),
    "slot_minutes": (5, 24 * 60),
    "min_duration_minutes": (5, 3 * 24 * 60),
    "max_duration_minutes": (5, 3 * 24 * 60),
    "min_notice_hours": (0, 365 * 24),
    "max_advance_days": (1, 3 * 365),
    "hold_minutes": (1, 24 * 60),
    "deposit_percent": (1, 100),
    "balance_due_days": (0, 365),
    "approval_hours": (1, 30 * 24),
}
MAX_POLICY_TIERS = 10
END_OF_DAY = "24:00"


def default_rules():
    return copy.deepcopy(DEFAULT_RULES)


def merge_rules(current, changes):
    """`current` with `changes` laid over it key by key (opening hours day by day), validated.

    How staff edit rules (`PATCH /api/venues/{id}/` with a partial `rules`): a key left out
    keeps its value. Raises ValidationError naming the first bad key.
    """
    if not isinstance(changes, dict):
        raise ValidationError({"rules": "Send an object of rules."})
    merged = {**copy.deepcopy(current), **copy.deepcopy(changes)}
    if isinstance(changes.get("opening_hours"), dict) and isinstance(current.get("opening_hours"), dict):
        merged["opening_hours"] = {**current["opening_hours"], **changes["opening_hours"]}
    return validate_rules(merged)


def validate_rules(rules):
    """The complete, normalised rules object, or ValidationError({"rules.<key>": message})."""
    if not isinstance(rules, dict):
        raise ValidationError({"rules": "Send an object of rules."})
    unknown = sorted(set(rules) - set(DEFAULT_RULES))
    if unknown:
        raise ValidationError({f"rules.{unknown[0]}": f"Unknown rule; the rules are {', '.join(DEFAULT_RULES)}."})
    normalised = {**default_rules(), **rules}
    for key, (smallest, largest) in INTEGER_RULES.items():
        normalised[key] = _whole_number(key, normalised[key], smallest, largest)
    if not isinstance(normalised["requires_approval"], bool):
        raise ValidationError({"rules.requires_approval": "Send true or false."})
    if normalised["min_duration_minutes"] > normalised["max_duration_minutes"]:
        raise ValidationError({"rules.min_duration_minutes": "The shortest booking is longer than the longest."})
    if (24 * 60) % normalised["slot_minutes"]:
        raise ValidationError({"rules.slot_minutes": "The grid must divide a day (15, 20, 30, 60, 120, ... minutes)."})
    normalised["opening_hours"] = _opening_hours(normalised["opening_hours"])
    normalised["cancellation_policy"] = _cancellation_policy(normalised["cancellation_policy"])
    return normalised


def validate_rules_field(value):
    """Model-field validator: a stored rules object must be complete and valid."""
    validate_rules(value)


@dataclass(frozen=True)
class VenueRules:
    """The typed rules of one venue, read from its validated JSON."""

    opening_hours: dict  # weekday -> [(opens, closes)] as `time`, closes None for 24:00
    buffer_minutes: int
    slot_minutes: int
    min_duration_minutes: int
    max_duration_minutes: int
    min_notice_hours: int
    max_advance_days: int
    hold_minutes: int
    deposit_percent: int
    balance_due_days: int
    requires_approval: bool
    approval_hours: int
    cancellation_policy: tuple  # ((hours_before, refund_percent), ...) longest notice first

    @classmethod
    def of(cls, rules):
        # Search reads the rules of every candidate venue on each request: a venue's rules are
        # parsed once per distinct rules object (VenueRules is immutable, so sharing is safe).
        return _parsed_rules(json.dumps(rules, sort_keys=True))

    @classmethod
    def parse(cls, rules):
        rules = validate_rules(rules)
        return cls(
            **{key: rules[key] for key in INTEGER_RULES},
            requires_approval=rules["requires_approval"],
            opening_hours={
                day: [_parse_interval(pair) for pair in pairs] for day, pairs in rules["opening_hours"].items()
            },
            cancellation_policy=tuple(
                (tier["hours_before"], tier["refund_percent"]) for tier in rules["cancellation_policy"]
            ),
        )

    @property
    def buffer(self):
        return timedelta(minutes=self.buffer_minutes)

    def open_intervals(self, day):
        """[(opens, closes)] of a local calendar day; closes is None for midnight at its end."""
        return self.opening_hours[WEEKDAYS[day.weekday()]]

    def refund_percent(self, notice):
        """Share refunded for a cancellation `notice` (timedelta) before the start."""
        for hours_before, percent in self.cancellation_policy:
            if notice >= timedelta(hours=hours_before):
                return percent
        return 0


@functools.lru_cache(maxsize=4096)
def _parsed_rules(rules_json):
    return VenueRules.parse(json.loads(rules_json))


def _whole_number(key, value, smallest, largest):
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError({f"rules.{key}": "Send a whole number."})
    if not smallest <= value <= largest:
        raise ValidationError({f"rules.{key}": f"Send a number from {smallest} to {largest}."})
    return value


def _opening_hours(hours):
    if not isinstance(hours, dict) or set(hours) != set(WEEKDAYS):
        raise ValidationError({"rules.opening_hours": f"Send hours for each of {', '.join(WEEKDAYS)} ([] = closed)."})
    normalised = {}
    for day in WEEKDAYS:
        pairs = hours[day]
        if not isinstance(pairs, list) or len(pairs) > 6:
            raise ValidationError({f"rules.opening_hours.{day}": "Send up to 6 [opens, closes] pairs."})
        intervals = sorted(_parse_interval(pair, f"rules.opening_hours.{day}") for pair in pairs)
        for (_, closes), (opens, _) in zip(intervals, intervals[1:], strict=False):
            if closes is None or opens < closes:
                raise ValidationError({f"rules.opening_hours.{day}": "Opening intervals overlap."})
        normalised[day] = [[_format_time(opens), _format_time(closes)] for opens, closes in intervals]
    return normalised


def _parse_interval(pair, key="rules.opening_hours"):
    if not (isinstance(pair, list | tuple) and len(pair) == 2 and all(isinstance(part, str) for part in pair)):
        raise ValidationError({key: 'Send each interval as ["HH:MM", "HH:MM"].'})
    opens, closes = _parse_time(pair[0], key), _parse_time(pair[1], key, closing=True)
    if closes is not None and closes <= opens:
        raise ValidationError({key: f"{pair[0]}-{pair[1]}: a day's interval opens before it closes."})
    return opens, closes


def _parse_time(text, key, closing=False):
    if closing and text == END_OF_DAY:
        return None
    try:
        hours, minutes = text.split(":")
        if len(hours) != 2 or len(minutes) != 2:
            raise ValueError
        return time(int(hours), int(minutes))
    except ValueError:
        raise ValidationError({key: f"{text!r} is not a time of day (HH:MM, or 24:00 to close)."}) from None


def _format_time(moment):
    return END_OF_DAY if moment is None else moment.strftime("%H:%M")


def _cancellation_policy(tiers):
    key = "rules.cancellation_policy"
    if not isinstance(tiers, list) or not 1 <= len(tiers) <= MAX_POLICY_TIERS:
        raise ValidationError({key: f"Send 1 to {MAX_POLICY_TIERS} tiers of {{hours_before, refund_percent}}."})
    normalised = []
    for tier in tiers:
        if not isinstance(tier, dict) or set(tier) != {"hours_before", "refund_percent"}:
            raise ValidationError({key: "Each tier is {hours_before, refund_percent}."})
        normalised.append(
            {
                "hours_before": _whole_number("cancellation_policy.hours_before", tier["hours_before"], 0, 365 * 24),
                "refund_percent": _whole_number("cancellation_policy.refund_percent", tier["refund_percent"], 0, 100),
            }
        )
    normalised.sort(key=lambda tier: -tier["hours_before"])
    if len({tier["hours_before"] for tier in normalised}) != len(normalised):
        raise ValidationError({key: "Two tiers have the same hours_before."})
    return normalised


# --- Checking one requested booking against a venue's rules ---------------------------------
# Every code check_booking can answer, in the order DESIGN checks them.
RULE_CODES = (
    "off_grid", "too_short", "too_long", "too_soon", "too_far_ahead", "outside_opening_hours", "venue_closed",
    "over_capacity", "too_many_holds",
)  # fmt: skip


@dataclass(frozen=True)
class VenueFacts:
    """What check_booking needs of a venue besides its rules, read once by the caller."""

    timezone: str
    capacity: int
    closures: tuple = ()  # ((start, end), ...) that may overlap the request


def check_booking(rules, venue, *, start, end, guests, now, open_holds, max_open_holds, override_rules=False):
    """Raise RuleViolation with the first rule the booking [start, end) breaks, in DESIGN's order.

    A pure function: `rules` is a VenueRules, `venue` a VenueFacts, `open_holds` how many live
    holds the customer already has. `override_rules` (staff booking by phone) skips the notice,
    the horizon and the opening hours, never the grid, durations, closures, capacity or holds.
    A start in the past is too soon even then: nobody books time that has gone.
    """
    zone = ZoneInfo(venue.timezone)
    if not (_on_grid(start, zone, rules.slot_minutes) and _on_grid(end, zone, rules.slot_minutes)):
        raise RuleViolation(
            f"Start and end fall on the venue's {rules.slot_minutes}-minute grid (local time).", "off_grid"
        )
    duration = end - start
    if duration < timedelta(minutes=rules.min_duration_minutes):
        raise RuleViolation(f"A booking lasts at least {rules.min_duration_minutes} minutes.", "too_short")
    if duration > timedelta(minutes=rules.max_duration_minutes):
        raise RuleViolation(f"A booking lasts at most {rules.max_duration_minutes} minutes.", "too_long")
    if start <= now or (not override_rules and start < now + timedelta(hours=rules.min_notice_hours)):
        raise RuleViolation(f"A booking starts at least {rules.min_notice_hours} hours from now.", "too_soon")
    if not override_rules and start > now + timedelta(days=rules.max_advance_days):
        raise RuleViolation(f"A booking starts at most {rules.max_advance_days} days from now.", "too_far_ahead")
    if not override_rules and not _within_opening_hours(rules, zone, start, end):
        raise RuleViolation("The venue is not open for the whole of this time.", "outside_opening_hours")
    if any(closed_from < end and start < closed_until for closed_from, closed_until in venue.closures):
        raise RuleViolation("The venue is closed for part of this time.", "venue_closed")
    if guests > venue.capacity:
        raise RuleViolation(f"The venue seats at most {venue.capacity} guests.", "over_capacity")
    if open_holds >= max_open_holds:
        raise RuleViolation(
            f"You already hold {open_holds} unpaid bookings; pay or cancel one first (at most {max_open_holds}).",
            "too_many_holds",
        )


def open_periods(rules, zone, first_day, last_day):
    """The venue's open time from `first_day` to `last_day` (local dates) as aware (opens, closes)
    pairs, an interval closing at 24:00 joined to the next day's opening at 00:00."""
    periods = []
    day = first_day
    while day <= last_day:
        for opens, closes in rules.open_intervals(day):
            begin = _aware(day, opens, zone)
            finish = _aware(day + timedelta(days=1), time.min, zone) if closes is None else _aware(day, closes, zone)
            if periods and periods[-1][1] == begin:
                periods[-1] = (periods[-1][0], finish)
            else:
                periods.append((begin, finish))
        day += timedelta(days=1)
    return periods


def _within_opening_hours(rules, zone, start, end):
    first_day, last_day = start.astimezone(zone).date(), end.astimezone(zone).date()
    return any(opens <= start and end <= closes for opens, closes in open_periods(rules, zone, first_day, last_day))


def _on_grid(moment, zone, slot_minutes):
    local = moment.astimezone(zone)
    return not (local.second or local.microsecond) and (local.hour * 60 + local.minute) % slot_minutes == 0


def _aware(day, moment, zone):
    return datetime.combine(day, moment, tzinfo=zone)
