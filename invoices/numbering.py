"""Gap-free document numbers per series, seller registration (GSTIN) and Indian financial year.

Numbers look like `LB/26-27/000001`: a two-letter series, the financial year (April to March)
and a six-digit sequence, 15 characters (GST Rule 46 allows 16). The series are:

    LB  tax invoice        CN  credit note        RV  receipt voucher        RF  refund voucher

Each (seller_gstin, series, financial_year) has its own DocumentCounter, so two registrations
may both issue LB/26-27/000001; a document therefore stores its `seller_gstin` and is unique
per (seller_gstin, number).

How to number a document (any model, any of the series above):

    ensure_counter(RECEIPT_VOUCHER, gstin, timezone.localdate())    # outside the transaction
    with transaction.atomic():
        issued_at, year, sequence, number = take_number(RECEIPT_VOUCHER, gstin)
        Receipt.objects.create(seller_gstin=gstin, number=number, issued_at=issued_at, ...)

A number is taken by incrementing the counter row locked with SELECT ... FOR UPDATE inside the
caller's transaction, so it is committed together with the document that uses it: a failed
insert rolls the counter back too (no gap), and a concurrent issuer waits on the row lock
instead of reading the same value (no duplicate). On SQLite, IMMEDIATE transactions already
serialise writers and FOR UPDATE is a no-op. A unique constraint on the document's
(seller_gstin, series, financial_year, sequence) is the last line of defence: give every
numbered model one.

Documents issued before these formats (`LB/2026-27/000001`, `LB-CN/2026-27/000001`) keep their
numbers; their counters carry on, so a year's sequence never restarts when the format changed.
"""

import re

from django.db import transaction
from django.utils import timezone

from invoices.models import DocumentCounter

TAX_INVOICE = "LB"
CREDIT_NOTE = "CN"
RECEIPT_VOUCHER = "RV"
REFUND_VOUCHER = "RF"
SERIES = (TAX_INVOICE, CREDIT_NOTE, RECEIPT_VOUCHER, REFUND_VOUCHER)

FIRST_MONTH_OF_FINANCIAL_YEAR = 4
SEQUENCE_DIGITS = 6
MAX_NUMBER_LENGTH = 16  # GST Rule 46(b)
_GSTIN_SHAPE = re.compile(r"^[0-9]{2}[0-9A-Z]{13}$")
_NUMBER = re.compile(r"^(?P<series>[A-Z]{2})/(?P<start>[0-9]{2})-(?P<end>[0-9]{2})/(?P<sequence>[0-9]{6,})$")


def financial_year(day):
    """'2026-27' for any date from 1 April 2026 to 31 March 2027 (how counters and documents store it)."""
    start = day.year if day.month >= FIRST_MONTH_OF_FINANCIAL_YEAR else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def format_number(series, year, sequence):
    """'LB/26-27/000001' for series 'LB', financial year '2026-27' and sequence 1."""
    if series not in SERIES:
        raise ValueError(f"Unknown document series {series!r}: use one of {', '.join(SERIES)}.")
    if sequence < 1:
        raise ValueError(f"A sequence starts at 1, not {sequence}.")
    number = f"{series}/{year[2:]}/{sequence:0{SEQUENCE_DIGITS}d}"
    if len(number) > MAX_NUMBER_LENGTH:
        raise ValueError(f"{number} is longer than GST Rule 46's {MAX_NUMBER_LENGTH} characters.")
    return number


def parse_number(number):
    """(series, financial_year, sequence) of a number in the current format; ValueError otherwise.

    The century of the year is not in the number: it is read as 20xx.
    """
    match = _NUMBER.match(number) if isinstance(number, str) else None
    if not match or match["series"] not in SERIES or len(number) > MAX_NUMBER_LENGTH:
        raise ValueError(f"{number!r} is not a document number such as LB/26-27/000001.")
    start, end = int(match["start"]), int(match["end"])
    if end != (start + 1) % 100 or int(match["sequence"]) < 1:
        raise ValueError(f"{number!r} is not a document number such as LB/26-27/000001.")
    return match["series"], f"20{match['start']}-{match['end']}", int(match["sequence"])


def ensure_counter(series, seller_gstin, day):
    """Create the counter row for `day`'s financial year if missing, before the issuing transaction.

    Call it outside the transaction that allocates. On MariaDB, several transactions that each
    INSERT the same missing counter row and then lock it deadlock on the unique key's shared
    locks (error 1213); an INSERT IGNORE committed on its own first leaves them only the row
    lock to queue on.
    """
    _check_issuer(series, seller_gstin)
    DocumentCounter.objects.bulk_create(
        [DocumentCounter(seller_gstin=seller_gstin, series=series, financial_year=financial_year(day))],
        ignore_conflicts=True,
    )


def take_number(series, seller_gstin, issued_at=None):
    """(issued_at, financial_year, sequence, number) for the next document of `series` from `seller_gstin`.

    The issue time is read once the counter row is locked, so within a series numbers and
    issue times rise together even under concurrent issuers, and a document issued at 00:00:01
    on 1 April waits its turn and still opens the new year's series at 000001. `issued_at`
    backdates a document (the demo seed's history): it must not lie in the future nor before a
    document already issued in its series and year. Must run inside the transaction that saves
    the document.
    """
    _check_issuer(series, seller_gstin)
    if issued_at is not None:
        return issued_at, *_backdated_number(series, seller_gstin, issued_at)
    while True:
        year = financial_year(timezone.localdate())
        counter = _locked_counter(series, seller_gstin, year)
        issued_at = timezone.now()
        if financial_year(timezone.localdate(issued_at)) == year:
            return issued_at, year, *_next_sequence(counter, issued_at)
        # The year turned while we waited for the lock: take the new year's counter instead.


def _check_issuer(series, seller_gstin):
    if series not in SERIES:
        raise ValueError(f"Unknown document series {series!r}: use one of {', '.join(SERIES)}.")
    # Shape only, not today's SELLER_GSTINS: a credit note comes from its invoice's
    # registration, even one that has left the settings since.
    if not isinstance(seller_gstin, str) or not _GSTIN_SHAPE.match(seller_gstin):
        raise ValueError(f"{seller_gstin!r} is not a seller GSTIN.")


def _backdated_number(series, seller_gstin, issued_at):
    if issued_at > timezone.now():
        raise ValueError(f"A document cannot be issued in the future ({issued_at.isoformat()}).")
    year = financial_year(timezone.localdate(issued_at))
    counter = _locked_counter(series, seller_gstin, year)
    if counter.last_issued_at is not None and counter.last_issued_at > issued_at:
        raise ValueError(
            f"{series}/{year} of {seller_gstin} already has a document issued after {issued_at.isoformat()}: "
            "numbers must follow the order of issue."
        )
    return year, *_next_sequence(counter, issued_at)


def _locked_counter(series, seller_gstin, year):
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Document numbers must be taken inside transaction.atomic() with the document's insert.")
    # Normally the row exists already (ensure_counter); get_or_create covers a year that began
    # between the two calls.
    counter, _ = DocumentCounter.objects.select_for_update().get_or_create(
        seller_gstin=seller_gstin, series=series, financial_year=year
    )
    return counter


def _next_sequence(counter, issued_at):
    counter.last_sequence += 1
    counter.last_issued_at = max(issued_at, counter.last_issued_at or issued_at)
    counter.save(update_fields=["last_sequence", "last_issued_at"])
    return counter.last_sequence, format_number(counter.series, counter.financial_year, counter.last_sequence)
