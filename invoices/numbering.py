"""Gap-free document numbers per series and Indian financial year (April to March).

A number is taken by incrementing a counter row locked with SELECT ... FOR UPDATE inside the
caller's transaction, so it is committed together with the document that uses it: a failed
insert rolls the counter back too (no gap), and a concurrent issuer waits on the row lock
instead of reading the same value (no duplicate). On SQLite, IMMEDIATE transactions already
serialise writers and FOR UPDATE is a no-op. The unique constraint on
(series, financial_year, sequence) is the last line of defence.
"""

from django.db import transaction

from invoices.models import DocumentCounter

FIRST_MONTH_OF_FINANCIAL_YEAR = 4


def financial_year(day):
    """'2026-27' for any date from 1 April 2026 to 31 March 2027."""
    start = day.year if day.month >= FIRST_MONTH_OF_FINANCIAL_YEAR else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def format_number(series, year, sequence):
    return f"{series}/{year}/{sequence:06d}"


def ensure_counter(series, day):
    """Create the counter row for `day`'s financial year if missing, before the issuing transaction.

    Call it outside the transaction that allocates. On MariaDB, several transactions that each
    INSERT the same missing counter row and then lock it deadlock on the unique key's shared
    locks (error 1213); an INSERT IGNORE committed on its own first leaves them only the row
    lock to queue on.
    """
    DocumentCounter.objects.bulk_create(
        [DocumentCounter(series=series, financial_year=financial_year(day))], ignore_conflicts=True
    )


def allocate_number(series, day):
    """(financial_year, sequence, number) for the next document of `series` issued on `day`.

    Must run inside the transaction that saves the document.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("allocate_number() must run inside transaction.atomic() with the document's insert.")
    year = financial_year(day)
    # Normally the row exists already (ensure_counter); get_or_create covers a year that began
    # between the two calls.
    counter, _ = DocumentCounter.objects.select_for_update().get_or_create(series=series, financial_year=year)
    counter.last_sequence += 1
    counter.save(update_fields=["last_sequence"])
    return year, counter.last_sequence, format_number(series, year, counter.last_sequence)
