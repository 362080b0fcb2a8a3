"""RFC 9110 byte ranges (section 14): a pure function from a Range header and a size to
what to send. Only single ranges are served; anything else gets the full representation,
which RFC 9110 14.2 allows ("a server MAY ignore the Range header field")."""

import re
from dataclasses import dataclass
from enum import Enum

_BYTES_UNIT = re.compile(r"\s*bytes\s*=(?P<set>.*)", re.IGNORECASE | re.DOTALL)
_RANGE_SPEC = re.compile(r"(?P<first>[0-9]*)-(?P<last>[0-9]*)", re.ASCII)
# No file offset needs more digits than 2**63 has; int() of more than 4,300 digits raises
# ValueError (Python's int/str limit), so a longer position makes the header malformed.
MAX_POSITION_DIGITS = 19


class RangeOutcome(Enum):
    IGNORE = "ignore"  # absent, malformed (also: a position over 19 digits), other unit, several ranges: send 200
    UNSATISFIABLE = "unsatisfiable"  # 416 with Content-Range: bytes */size


@dataclass(frozen=True)
class ByteRange:
    start: int
    end: int  # inclusive, as in Content-Range

    @property
    def length(self):
        return self.end - self.start + 1

    def content_range(self, size):
        return f"bytes {self.start}-{self.end}/{size}"


def parse_range_header(header, size):
    """ByteRange to send, or RangeOutcome.IGNORE / RangeOutcome.UNSATISFIABLE."""
    if not header:
        return RangeOutcome.IGNORE
    unit = _BYTES_UNIT.fullmatch(header)
    if unit is None:
        return RangeOutcome.IGNORE
    # The list rule (RFC 9110 5.6.1) lets empty elements and whitespace surround the commas.
    specs = [element.strip(" \t") for element in unit["set"].split(",")]
    specs = [spec for spec in specs if spec]
    if len(specs) != 1:
        return RangeOutcome.IGNORE
    return _resolve_spec(specs[0], size)


def _resolve_spec(spec, size):
    match = _RANGE_SPEC.fullmatch(spec)
    if match is None or not (match["first"] or match["last"]):
        return RangeOutcome.IGNORE
    first, last = _significant(match["first"]), _significant(match["last"])
    if len(first) > MAX_POSITION_DIGITS or len(last) > MAX_POSITION_DIGITS:
        return RangeOutcome.IGNORE
    if not first:
        return _suffix_range(int(last), size)
    first = int(first)
    last = int(last) if last else None
    if last is not None and last < first:
        return RangeOutcome.IGNORE  # invalid range-spec (14.1.1): ignore the header
    if first >= size:
        return RangeOutcome.UNSATISFIABLE
    return ByteRange(first, size - 1 if last is None else min(last, size - 1))


def _significant(digits):
    """The digits without leading zeros ("0" stays "0"), so that their count bounds the value."""
    return digits.lstrip("0") or digits[:1]


def _suffix_range(suffix_length, size):
    if suffix_length == 0 or size == 0:
        return RangeOutcome.UNSATISFIABLE
    return ByteRange(max(size - suffix_length, 0), size - 1)
