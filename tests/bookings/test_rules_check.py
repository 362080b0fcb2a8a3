"""check_booking as a pure function: whatever the request, the answer is one of DESIGN's codes
or none, and a booking that passes lies on the grid, inside the opening hours, clear of closures."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from bookings.rules import RULE_CODES, RuleViolation, VenueFacts, VenueRules, check_booking, default_rules, open_periods

IST = ZoneInfo("Asia/Kolkata")
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=IST)
CLOSED = (datetime(2026, 12, 3, 15, 0, tzinfo=IST), datetime(2026, 12, 3, 16, 0, tzinfo=IST))


RULES = VenueRules.of(default_rules())
FACTS = VenueFacts(timezone="Asia/Kolkata", capacity=300, closures=(CLOSED,))
# Quarter hours from two days ago to 400 days ahead: on and off the 30-minute grid, past and future.
moments = st.integers(min_value=-48 * 4, max_value=400 * 24 * 4).map(
    lambda quarter: NOW + timedelta(minutes=15 * quarter)
)


def verdict(start, end, guests=1, open_holds=0):
    try:
        check_booking(
            RULES, FACTS, start=start, end=end, guests=guests, now=NOW, open_holds=open_holds, max_open_holds=5
        )
    except RuleViolation as violation:
        return violation.detail["code"]
    return None


@given(
    start=moments,
    minutes=st.integers(min_value=1, max_value=3 * 24 * 60),
    guests=st.integers(min_value=1, max_value=400),
    open_holds=st.integers(min_value=0, max_value=6),
)
def test_every_answer_is_one_of_the_codes_and_a_pass_is_on_the_grid_within_opening_hours(
    start, minutes, guests, open_holds
):
    end = start + timedelta(minutes=minutes)

    code = verdict(start, end, guests, open_holds)

    assert code in (*RULE_CODES, None)
    if code is None:
        local_start, local_end = start.astimezone(IST), end.astimezone(IST)
        assert local_start.minute % 30 == 0 and local_end.minute % 30 == 0
        periods = open_periods(RULES, IST, local_start.date(), local_end.date())
        assert any(opens <= start and end <= closes for opens, closes in periods)
        assert not (start < CLOSED[1] and CLOSED[0] < end) and guests <= 300 and open_holds < 5


def test_the_codes_come_in_designs_order():
    start = NOW + timedelta(minutes=10)  # off the grid, too soon and outside no hours yet

    assert verdict(start, start + timedelta(minutes=10)) == "off_grid"
    assert verdict(NOW + timedelta(hours=1), NOW + timedelta(hours=1, minutes=30)) == "too_short"
    assert verdict(NOW + timedelta(hours=1), NOW + timedelta(hours=3)) == "too_soon"
    assert verdict(CLOSED[0], CLOSED[1], guests=301) == "venue_closed"
    assert verdict(CLOSED[1], CLOSED[1] + timedelta(hours=1), guests=301, open_holds=5) == "over_capacity"
    assert verdict(CLOSED[1], CLOSED[1] + timedelta(hours=1), open_holds=5) == "too_many_holds"
