"""lebrq.renderers.render_json writes what DRF's JSONRenderer writes, for any data a serializer
can produce: the same bytes without floats, the same JSON value with them."""

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.serializer_helpers import ReturnDict

from lebrq.renderers import render_json

ZONES = [UTC, ZoneInfo("Asia/Kolkata"), ZoneInfo("Europe/London"), ZoneInfo("America/St_Johns")]
aware_datetimes = st.builds(
    lambda moment, zone: moment.replace(tzinfo=UTC).astimezone(zone),
    st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from(ZONES),
)
exact_scalars = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text() | aware_datetimes | st.dates()
json_values = st.recursive(
    exact_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@given(json_values)
def test_the_bytes_are_drfs(value):
    assert render_json(value) == JSONRenderer().render(value)


@given(
    st.lists(st.recursive(st.floats(allow_nan=False, allow_infinity=False) | exact_scalars, st.lists, max_leaves=10))
)
def test_floats_are_the_same_numbers(value):
    assert json.loads(render_json(value)) == json.loads(JSONRenderer().render(value))


def test_what_orjson_does_not_know_goes_through_drfs_encoder():
    value = ReturnDict(
        {"price": Decimal("12.50"), "length": timedelta(minutes=90), "day": date(2027, 1, 4)}, serializer=None
    )

    assert render_json(value) == JSONRenderer().render(value) == b'{"price":12.5,"length":"5400.0","day":"2027-01-04"}'


def test_what_orjson_refuses_is_rendered_by_drf():
    value = {"big": 2**70}

    assert render_json(value) == JSONRenderer().render(value) == b'{"big":1180591620717411303424}'


def test_line_separators_are_escaped_as_drf_escapes_them():
    value = {"name": "Hall\u2028A\u2029"}

    assert render_json(value) == JSONRenderer().render(value) == b'{"name":"Hall\\u2028A\\u2029"}'
