"""RFC 5545 recurrence rules for series (DESIGN Part 2, changes and series), parsed by python-dateutil.

A rule is bounded before it is expanded: it must end (COUNT or UNTIL), within the venue's
advance horizon, in at most MAX_OCCURRENCES. Expansion never runs past the horizon, so a rule
that yields nothing (30 February) cannot spin through the centuries.
"""

import re
from datetime import timedelta
from itertools import islice
from zoneinfo import ZoneInfo

from dateutil.rrule import DAILY, rrule, rrulestr

from bookings.rules import RuleViolation

MAX_OCCURRENCES = 104  # two years of a weekly class
MAX_RULE_LENGTH = 500


def occurrences(rule_text, start, zone_name, horizon):
    """The local start times (aware, in the venue's zone) `rule_text` gives from `start`.

    Wall-clock times: a weekly 18:00 class stays at 18:00 local. Raises 400 `rrule_invalid` for
    a malformed rule and `rrule_unbounded` for one without an end, past `horizon` or longer
    than MAX_OCCURRENCES.
    """
    zone = ZoneInfo(zone_name)
    local_start = start.astimezone(zone)
    rule, floating = _parse(rule_text, local_start)
    if rule._count is None and rule._until is None:
        raise _unbounded("A series needs an end: give COUNT or UNTIL.")
    if rule._count is not None and rule._count > MAX_OCCURRENCES:
        raise _unbounded(f"A series has at most {MAX_OCCURRENCES} occurrences.")
    last = horizon.astimezone(zone)
    last = last.replace(tzinfo=None) if floating else last
    if rule._until is not None and rule._until > last:
        raise _unbounded("The series runs past how far ahead the venue takes bookings.")
    clamped = rule.replace(until=last, count=None) if rule._count is not None else rule
    try:
        found = list(islice(clamped, MAX_OCCURRENCES + 1))
    except (ValueError, OverflowError) as error:  # parts dateutil only refuses while expanding
        raise _invalid() from error
    if rule._count is not None:
        found = found[: rule._count]
        if len(found) < rule._count:
            raise _unbounded("The series runs past how far ahead the venue takes bookings.")
    if len(found) > MAX_OCCURRENCES:
        raise _unbounded(f"A series has at most {MAX_OCCURRENCES} occurrences.")
    if not found:
        raise RuleViolation("The rule gives no date from the start on.", "rrule_invalid")
    return [moment.replace(tzinfo=zone) if floating else moment for moment in found]


def _parse(rule_text, local_start):
    """(rrule, floating): floating when the rule's UNTIL is local time rather than UTC."""
    text = rule_text.strip() if isinstance(rule_text, str) else ""
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:") :]
    if not text or len(text) > MAX_RULE_LENGTH or not text.isprintable() or ":" in text:
        raise _invalid()
    _check_parts(text)
    for dtstart, floating in ((local_start, False), (local_start.replace(tzinfo=None), True)):
        try:
            rule = rrulestr(text, dtstart=dtstart)
        except ValueError as error:
            if "UNTIL" in str(error):
                continue  # a local UNTIL with a zoned start: read the rule in local time instead
            raise _invalid() from error
        except (TypeError, KeyError, IndexError, OverflowError, AttributeError) as error:
            raise _invalid() from error
        if not isinstance(rule, rrule):
            raise _invalid()
        if rule._freq > DAILY:  # hourly and finer: a booking series is daily at the finest
            raise RuleViolation("A series repeats daily at the finest (FREQ=DAILY, WEEKLY, ...).", "rrule_invalid")
        return rule, floating
    raise _invalid()


# The parts a venue's series needs ("every Monday and Wednesday", "the first Saturday of the
# month"), with the values RFC 5545 allows. BYSETPOS, BYYEARDAY, BYWEEKNO and the time parts are
# refused: with them a rule can match no date at all, and dateutil then walks to the year 9999
# (seconds of CPU) before it gives up; the time of day comes from start_datetime anyway.
ALLOWED_PARTS = frozenset({"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "WKST"})
PART_RANGES = {
    "INTERVAL": (1, 1000, False),
    "COUNT": (1, MAX_OCCURRENCES * 10, False),
    "BYMONTH": (1, 12, False),
    "BYMONTHDAY": (1, 31, True),
}
WEEKDAY_CODES = frozenset({"MO", "TU", "WE", "TH", "FR", "SA", "SU"})
DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
UNTIL_FORMAT = re.compile(r"[0-9]{8}(T[0-9]{6}Z?)?")  # RFC 5545 DATE, local DATE-TIME or UTC DATE-TIME


def _check_parts(text):
    """Refuse parts a series does not take, out-of-range numbers and month days no chosen month
    has (30 February)."""
    parts = {}
    for part in text.split(";"):
        name, _, value = part.partition("=")
        parts[name.strip().upper()] = value.strip().upper()
    if not set(parts) <= ALLOWED_PARTS:
        raise RuleViolation(
            f"A series takes {', '.join(sorted(ALLOWED_PARTS))}; not {', '.join(sorted(set(parts) - ALLOWED_PARTS))}.",
            "rrule_invalid",
        )
    if "COUNT" in parts and "UNTIL" in parts:  # RFC 5545 3.3.10: MUST NOT occur in the same rule
        raise RuleViolation("A series ends by COUNT or by UNTIL, not both.", "rrule_invalid")
    if "UNTIL" in parts and not UNTIL_FORMAT.fullmatch(parts["UNTIL"]):
        # dateutil reads UNTIL with its fuzzy date parser: "20270301T000000ZC" became a local
        # time with a warning, "next friday" a date. RFC 5545 has two forms only.
        raise RuleViolation("UNTIL is a date (20270301) or a date-time (20270301T180000Z).", "rrule_invalid")
    for weekday in parts.get("BYDAY", "").split(",") if "BYDAY" in parts else ():
        nth, code = weekday[:-2], weekday[-2:]
        if code not in WEEKDAY_CODES or (nth and not (nth.lstrip("+-").isdigit() and 1 <= abs(int(nth)) <= 5)):
            raise RuleViolation(
                "BYDAY takes weekdays, optionally the 1st to 5th (or -1st to -5th) of a month.", "rrule_invalid"
            )
    for name, (smallest, largest, signed) in PART_RANGES.items():
        if name not in parts:
            continue
        for raw in parts[name].split(","):
            try:
                number = int(raw)
            except ValueError:
                raise _invalid() from None
            if not smallest <= (abs(number) if signed else number) <= largest:
                raise _invalid()
    if "BYMONTH" in parts and "BYMONTHDAY" in parts:
        months = [int(month) for month in parts["BYMONTH"].split(",")]
        days = [int(day) for day in parts["BYMONTHDAY"].split(",")]
        if all(day > 0 and all(day > DAYS_IN_MONTH[month - 1] for month in months) for day in days):
            raise RuleViolation("No chosen month has that day.", "rrule_invalid")


def _invalid():
    return RuleViolation("The rule is not an RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=MO,WE;COUNT=12.", "rrule_invalid")


def _unbounded(detail):
    return RuleViolation(detail, "rrule_unbounded")


def horizon_of(rules, now):
    return now + timedelta(days=rules.max_advance_days)
