"""Bookings as CSV or NDJSON text, produced lazily so any number of rows streams in bounded memory.

Used by `GET /api/admin/bookings/export` and the `export_bookings` command.
"""

import csv
import json
from datetime import datetime
from decimal import Decimal
from itertools import islice

from django.utils import timezone

from bookings.selectors import export_rows

FIELDS = [
    "id", "user_email", "venue", "kind", "title", "start_datetime", "end_datetime", "status", "is_public",
    "subtotal", "tax_total", "total", "created_at",
]  # fmt: skip
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "ndjson": "application/x-ndjson"}
ROWS_PER_CHUNK = 500  # one write per chunk, not per row: 100k tiny writes would dominate the time
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Excel reads a CSV as the local ANSI code page unless it starts with a UTF-8 byte-order mark.
BYTE_ORDER_MARK = "\ufeff"


class _Echo:
    """A file-like object for csv.writer that hands each line back instead of storing it."""

    def write(self, line):
        return line


def export_chunks(queryset, export_format, byte_order_mark=False):
    """Text chunks of the export of every row of `queryset` in `export_format` (csv|ndjson).

    `byte_order_mark` starts a CSV with U+FEFF, for Excel (JSON text must not have one).
    """
    if export_format == "csv":
        lines = _csv_lines(queryset)
        if byte_order_mark:
            yield BYTE_ORDER_MARK
    else:
        lines = _ndjson_lines(queryset)
    while chunk := "".join(islice(lines, ROWS_PER_CHUNK)):
        yield chunk


def _csv_lines(queryset):
    writer = csv.writer(_Echo())
    yield writer.writerow(FIELDS)
    for row in export_rows(queryset):
        yield writer.writerow([_csv_cell(value) for value in row])


def _csv_cell(value):
    """Text from the database (title, email, venue name) is defused with a leading apostrophe,
    which a spreadsheet shows as text; numbers, dates and booleans are never text cells, so a
    negative amount stays a number."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return _plain(value)


def _ndjson_lines(queryset):
    for row in export_rows(queryset):
        yield json.dumps(dict(zip(FIELDS, (_plain(value) for value in row), strict=True)), ensure_ascii=False) + "\n"


def _plain(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
