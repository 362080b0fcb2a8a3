"""JSON for cached answers: what DRF's JSONRenderer writes, written by orjson.

A cached answer is rendered once per miss, and a dense 62-day availability holds ~4,000
datetimes, which Python's isoformat writes at about 1 µs each here; orjson writes them and the
rest in C. For the data serializers produce its output is DRF's: compact separators, UTF-8
unescaped, aware datetimes in ISO 8601 with `Z` for a zero offset, U+2028 and U+2029 escaped as
DRF escapes them. A float may be spelled differently (`1e-7` for `1e-07`), the same number.
What orjson does not know goes through DRF's encoder (Decimal, lazy text, timedelta); what it
refuses (an integer past 64 bits) is rendered by DRF's renderer instead.
"""

import orjson
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

_OPTIONS = orjson.OPT_UTC_Z | orjson.OPT_NON_STR_KEYS
_drf_default = JSONEncoder().default
_LINE_SEPARATORS = ((b"\xe2\x80\xa8", b"\\u2028"), (b"\xe2\x80\xa9", b"\\u2029"))  # only ever inside strings


def render_json(data):
    if data is None:
        return b""  # as DRF: no body
    try:
        content = orjson.dumps(data, default=_drf_default, option=_OPTIONS)
    except orjson.JSONEncodeError:
        return JSONRenderer().render(data)
    for raw, escaped in _LINE_SEPARATORS:
        if raw in content:
            content = content.replace(raw, escaped)
    return content
