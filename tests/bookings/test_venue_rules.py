"""The rules object of a venue: defaults, validation, merging and the typed view checks read."""

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bookings.rules import DEFAULT_RULES, VenueRules, default_rules, merge_rules, validate_rules

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


def test_the_defaults_are_designs_and_valid():
    rules = validate_rules(default_rules())

    assert rules == DEFAULT_RULES
    assert rules["opening_hours"]["sun"] == [["06:00", "23:00"]]
    assert [tier["refund_percent"] for tier in rules["cancellation_policy"]] == [100, 50, 0]


def test_a_partial_change_is_merged_key_by_key_and_day_by_day():
    merged = merge_rules(default_rules(), {"buffer_minutes": 120, "opening_hours": {"sun": []}})

    assert merged["buffer_minutes"] == 120
    assert merged["opening_hours"]["sun"] == [] and merged["opening_hours"]["mon"] == [["06:00", "23:00"]]
    assert merged["slot_minutes"] == 30


@pytest.mark.parametrize(
    "change, key",
    [
        ({"slot_minutes": 7}, "rules.slot_minutes"),
        ({"deposit_percent": 0}, "rules.deposit_percent"),
        ({"deposit_percent": True}, "rules.deposit_percent"),
        ({"buffer_minutes": "60"}, "rules.buffer_minutes"),
        ({"min_duration_minutes": 600, "max_duration_minutes": 120}, "rules.min_duration_minutes"),
        ({"opening_hours": {"mon": [["23:00", "06:00"]]}}, "rules.opening_hours.mon"),
        ({"opening_hours": {"mon": [["06:00", "12:00"], ["11:00", "14:00"]]}}, "rules.opening_hours.mon"),
        ({"opening_hours": {"mon": [["6am", "11pm"]]}}, "rules.opening_hours.mon"),
        ({"cancellation_policy": []}, "rules.cancellation_policy"),
        ({"requires_approval": "yes"}, "rules.requires_approval"),
        ({"surprise": 1}, "rules.surprise"),
    ],
)
def test_a_bad_rule_is_refused_naming_its_key(change, key):
    with pytest.raises(ValidationError) as refused:
        merge_rules(default_rules(), change)

    assert key in refused.value.message_dict


def test_a_day_may_close_at_midnight_and_intervals_come_sorted():
    merged = merge_rules(default_rules(), {"opening_hours": {"sat": [["18:00", "24:00"], ["06:00", "12:00"]]}})

    assert merged["opening_hours"]["sat"] == [["06:00", "12:00"], ["18:00", "24:00"]]
    assert VenueRules.of(merged).open_intervals(date(2026, 12, 5)) == [(time(6), time(12)), (time(18), None)]


def test_refund_percent_follows_the_policy_tiers():
    rules = VenueRules.of(default_rules())

    assert rules.refund_percent(timedelta(hours=168)) == 100
    assert rules.refund_percent(timedelta(hours=167)) == 50
    assert rules.refund_percent(timedelta(hours=47)) == 0


@given(st.dictionaries(st.sampled_from([*DEFAULT_RULES, "extra"]), JSON, max_size=6))
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_json_is_either_valid_rules_or_a_validation_error(change):
    try:
        merged = merge_rules(default_rules(), change)
    except ValidationError:
        return
    assert validate_rules(merged) == merged  # normalised once, stable after
    VenueRules.of(merged)
