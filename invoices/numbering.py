"""Gap-free document numbers per series and Indian financial year (April to March).

A number is taken by incrementing a counter row locked with SELECT ... FOR UPDATE inside the
caller's transaction, so it is committed together with the document that uses it: a failed
insert rolls the counter back too (no gap), and a concurrent issuer waits on the row lock
instead of reading the same value (no duplicate). On SQLite, IMMEDIATE transactions already
serialise writers and FOR UPDATE is a no-op. The unique constraint on
(series, financial_year, sequence) is the last line of defence.
"""

from django.db import transaction
from django.utils import timezone

from invoices.models import DocumentCounter, Invoice

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
    year = financial_year(day)
    counter = _locked_counter(series, year)
    return year, *_next_sequence(counter)


def take_number(series, issued_at=None):
    """(issued_at, financial_year, sequence, number) for the next document of `series`.

    The issue time is read once the counter row is locked, so within a series numbers and
    issue times rise together even under concurrent issuers, and a document issued at 00:00:01
    on 1 April waits its turn and still opens the new year's series at 000001. `issued_at`
    backdates a document (the demo seed's history): it must not lie in the future nor before a
    document already issued in its series and year. Must run inside the transaction that saves
    the document.
    """
    if issued_at is not None:
        return issued_at, *_backdated_number(series, issued_at)
    while True:
        year = financial_year(timezone.localdate())
        counter = _locked_counter(series, year)
        issued_at = timezone.now()
        if financial_year(timezone.localdate(issued_at)) == year:
            return issued_at, year, *_next_sequence(counter)
        # The year turned while we waited for the lock: take the new year's counter instead.


def _backdated_number(series, issued_at):
    if issued_at > timezone.now():
        raise ValueError(f"A document cannot be issued in the future ({issued_at.isoformat()}).")
    year = financial_year(timezone.localdate(issued_at))
    counter = _locked_counter(series, year)
    if Invoice.objects.filter(series=series, financial_year=year, issued_at__gt=issued_at).exists():
        raise ValueError(
            f"{series}/{year} already has a document issued after {issued_at.isoformat()}: "
            "numbers must follow the order of issue."
        )
    return year, *_next_sequence(counter)


def _locked_counter(series, year):
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Document numbers must be taken inside transaction.atomic() with the document's insert.")
    # Normally the row exists already (ensure_counter); get_or_create covers a year that began
    # between the two calls.
    counter, _ = DocumentCounter.objects.select_for_update().get_or_create(series=series, financial_year=year)
    return counter


def _next_sequence(counter):
    counter.last_sequence += 1
    counter.save(update_fields=["last_sequence"])
    return counter.last_sequence, format_number(counter.series, counter.financial_year, counter.last_sequence)
