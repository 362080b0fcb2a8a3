import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from uploads.ranges import ByteRange, RangeOutcome, parse_range_header

IGNORE = RangeOutcome.IGNORE
UNSATISFIABLE = RangeOutcome.UNSATISFIABLE
sizes = st.integers(min_value=0, max_value=10**12)
positions = st.integers(min_value=0, max_value=2 * 10**12)


@pytest.mark.parametrize(
    "header, expected",
    [
        ("bytes=0-499", ByteRange(0, 499)),
        ("bytes=500-999", ByteRange(500, 999)),
        ("bytes=500-", ByteRange(500, 9999)),
        ("bytes=0-", ByteRange(0, 9999)),
        ("bytes=-500", ByteRange(9500, 9999)),
        ("bytes=-20000", ByteRange(0, 9999)),
        ("bytes=9999-20000", ByteRange(9999, 9999)),
        ("BYTES = 1-2", ByteRange(1, 2)),
        ("bytes= 1-2 ,", ByteRange(1, 2)),
        ("bytes=10000-", UNSATISFIABLE),
        ("bytes=10000-10001", UNSATISFIABLE),
        ("bytes=-0", UNSATISFIABLE),
        ("", IGNORE),
        (None, IGNORE),
        ("bytes=5-4", IGNORE),
        ("bytes=0-1,5-6", IGNORE),
        ("bytes=-", IGNORE),
        ("bytes=a-b", IGNORE),
        ("bytes=1-2-3", IGNORE),
        ("bytes=+1-2", IGNORE),
        ("bytes=١-٢", IGNORE),  # non-ASCII digits
        ("items=0-1", IGNORE),
        ("bytes 0-1", IGNORE),
        ("bytes=" + "0" * 5000 + "7-" + "0" * 5000 + "9", ByteRange(7, 9)),  # leading zeros do not count
        ("bytes=9999999999999999999-", UNSATISFIABLE),  # 19 digits: a position past the end
        ("bytes=10000000000000000000-", IGNORE),  # 20 digits: more than any file offset
        ("bytes=" + "1" * 5000 + "-", IGNORE),  # past Python's 4,300-digit int() limit
        ("bytes=-" + "9" * 5000, IGNORE),
        ("bytes=0-" + "9" * 5000, IGNORE),
    ],
)
def test_examples(header, expected):
    assert parse_range_header(header, 10_000) == expected


def test_empty_representation_has_no_satisfiable_range():
    assert parse_range_header("bytes=0-", 0) is UNSATISFIABLE
    assert parse_range_header("bytes=-5", 0) is UNSATISFIABLE


long_digits = st.text(alphabet="0123456789", min_size=1, max_size=6000)
range_like_parts = st.one_of(long_digits, st.sampled_from(["bytes", "=", "-", ",", " ", "\t", "BYTES", "x"]))
range_like_headers = st.lists(range_like_parts, max_size=8).map("".join)


@given(header=st.one_of(st.text(), range_like_headers), size=sizes)
@example(header="bytes=0-0", size=0)
@example(header="bytes=" + "1" * 4301 + "-", size=10)
def test_any_header_gives_a_valid_slice_or_a_clear_outcome(header, size):
    result = parse_range_header(header, size)

    if isinstance(result, ByteRange):
        assert 0 <= result.start <= result.end < size
        assert result.length == result.end - result.start + 1
    else:
        assert result in (IGNORE, UNSATISFIABLE)


@given(header=st.from_regex(r"\A[ \t]*bytes=[0-9,\- \t]*\Z"), size=sizes)
def test_range_shaped_headers_give_a_valid_slice_or_a_clear_outcome(header, size):
    result = parse_range_header(header, size)

    assert result in (IGNORE, UNSATISFIABLE) or 0 <= result.start <= result.end < size


@given(first=positions, last=positions, size=sizes)
def test_closed_range_matches_the_rfc(first, last, size):
    result = parse_range_header(f"bytes={first}-{last}", size)

    if last < first:
        assert result is IGNORE
    elif first >= size:
        assert result is UNSATISFIABLE
    else:
        assert result == ByteRange(first, min(last, size - 1))


@given(first=positions, size=sizes)
def test_open_range_runs_to_the_end(first, size):
    result = parse_range_header(f"bytes={first}-", size)

    assert result == (UNSATISFIABLE if first >= size else ByteRange(first, size - 1))


@given(suffix=positions, size=sizes)
def test_suffix_range_is_the_last_bytes(suffix, size):
    result = parse_range_header(f"bytes=-{suffix}", size)

    if suffix == 0 or size == 0:
        assert result is UNSATISFIABLE
    else:
        assert result == ByteRange(size - min(suffix, size), size - 1)
        assert result.length == min(suffix, size)


@given(specs=st.lists(st.from_regex(r"\A[0-9]{1,4}-[0-9]{0,4}\Z"), min_size=2, max_size=5), size=sizes)
def test_several_ranges_are_ignored(specs, size):
    assert parse_range_header("bytes=" + ",".join(specs), size) is IGNORE
