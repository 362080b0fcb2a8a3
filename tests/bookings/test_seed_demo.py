import itertools
import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.core.checks import run_checks
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from accounts.models import User
from bookings.closures import active_bookings_overlapping
from bookings.models import Booking, Closure, Item, Refund, Venue
from bookings.rules import DEFAULT_RULES, VenueRules, validate_rules
from invoices.models import Invoice
from invoices.numbering import financial_year
from payments.management.commands.seed_demo import SAMPLE_TITLES

pytestmark = pytest.mark.django_db

# 05:00 on 2 December in Asia/Kolkata: the hour at which CI went red (no booking had ended yet today).
NIGHT_IN_UTC = datetime(2026, 12, 1, 23, 30, tzinfo=UTC)


@pytest.fixture
def seed(django_capture_on_commit_callbacks):
    """Run seed_demo at NIGHT_IN_UTC with its on-commit signals delivered, as outside a test transaction."""

    def run(*args):
        with time_machine.travel(NIGHT_IN_UTC, tick=False), django_capture_on_commit_callbacks(execute=True):
            call_command("seed_demo", *args)

    return run


def counts():
    return (
        Venue.objects.count(), Item.objects.count(), User.objects.count(), Booking.objects.count(),
        Invoice.objects.count(), Refund.objects.count(),
    )  # fmt: skip


def test_seed_demo_is_idempotent_and_prints_the_logins(seed, capsys):
    seed()
    first = counts()
    seed()

    assert counts() == first
    assert first[0] >= 8 and first[1] >= 5 and first[3] > 0
    out = capsys.readouterr().out
    assert "admin@lebrq.example / lebrq-admin-demo" in out
    assert "demo@lebrq.example / lebrq-demo-2026" in out
    admin = User.objects.get(email="admin@lebrq.example")
    assert admin.is_staff and admin.is_superuser and admin.check_password("lebrq-admin-demo")
    assert User.objects.get(email="demo@lebrq.example").check_password("lebrq-demo-2026")
    assert set(Venue.objects.values_list("state_code", flat=True)) >= {"29", "27", "33"}


def test_the_demo_has_a_year_behind_and_months_ahead(seed):
    seed()

    now = NIGHT_IN_UTC
    completed = Booking.objects.filter(status="completed")
    assert completed.filter(start_datetime__lt=now - timedelta(days=300)).exists()
    assert not completed.filter(end_datetime__gt=now).exists()
    assert Booking.objects.filter(status="confirmed", start_datetime__gt=now + timedelta(days=90)).exists()
    assert not Booking.objects.filter(status="confirmed", end_datetime__lte=now).exists()
    assert not Booking.objects.filter(start_datetime__gt=now + timedelta(days=365)).exists()
    assert Refund.objects.filter(amount__gt=0, status="processed").exists()
    assert Booking.objects.filter(status="cancelled", refunds__isnull=True).exists()  # too late for a refund
    for booking in Booking.objects.filter(status__in=["confirmed", "completed"], user__email="demo@lebrq.example"):
        assert booking.amount_paid == sum(payment.amount for payment in booking.payments.all())


def test_every_demo_document_is_where_a_newcomer_expects_it(seed):
    seed()

    for booking in Booking.objects.filter(status__in=["confirmed", "completed"]):
        invoice = Invoice.objects.get(booking=booking, kind="invoice")
        assert booking.created_at <= invoice.issued_at <= NIGHT_IN_UTC
        assert invoice.total == booking.total
    assert not Invoice.objects.filter(booking__status="pending").exists()
    for booking in Booking.objects.filter(status="cancelled", invoices__kind="invoice"):
        # The invoice cancelled in full on the day, and the money kept invoiced as a cancellation charge.
        credit_note = Invoice.objects.get(booking=booking, kind="credit_note")
        assert credit_note.total == -booking.total
        assert credit_note.issued_at < booking.start_datetime
        kept = booking.amount_paid - booking.amount_refunded
        charges = Invoice.objects.filter(booking=booking, kind="cancellation")
        assert [charge.total for charge in charges] == ([kept] if kept else [])
    for refund in Refund.objects.select_related("booking"):
        assert refund.created_at < refund.booking.start_datetime
        assert Invoice.objects.get(booking=refund.booking, kind="credit_note").issued_at == refund.created_at


def test_the_history_mails_nobody_and_only_the_new_samples_are_announced(seed):
    from django_tasks_db.models import DBTaskResult

    seed()

    notified = {result.args_kwargs["args"][0] for result in DBTaskResult.objects.all()}
    samples = set(Booking.objects.filter(title__in=SAMPLE_TITLES).values_list("pk", flat=True))
    assert len(samples) == 4 and notified <= samples


def test_demo_numbers_are_gap_free_per_financial_year_and_follow_the_order_of_issue(seed):
    seed()

    years = set()
    for gstin, series in Invoice.objects.values_list("seller_gstin", "series").distinct():
        documents = list(
            Invoice.objects.filter(seller_gstin=gstin, series=series).order_by("financial_year", "sequence")
        )
        for year in {document.financial_year for document in documents}:
            of_year = [document for document in documents if document.financial_year == year]
            assert [document.sequence for document in of_year] == list(range(1, len(of_year) + 1))
            assert [document.issued_at for document in of_year] == sorted(document.issued_at for document in of_year)
            assert all(financial_year(timezone.localdate(document.issued_at)) == year for document in of_year)
            assert of_year[0].number == f"{series}/{year[2:]}/000001"
            years.add(year)
    assert years == {"2025-26", "2026-27"}  # a year of history crosses 31 March


def test_bulk_bookings_are_added_without_overlaps(seed):
    seed("--bookings", "300")
    seed("--bookings", "200")

    bulk = Booking.objects.filter(title__contains="#")
    assert bulk.count() == 500
    assert not Booking.objects.values("venue", "start_datetime").annotate(n=Count("id")).filter(n__gt=1).exists()
    for booking in Booking.objects.exclude(status="cancelled").order_by("venue", "start_datetime").iterator():
        assert booking.total == booking.subtotal + booking.tax_total > 0
        later = Booking.objects.filter(
            venue=booking.venue, start_datetime__lt=booking.end_datetime, end_datetime__gt=booking.start_datetime
        )
        assert later.exclude(status="cancelled").count() == 1
    # The bulk rows begin a year ago, so a night-time seed has history too.
    assert set(bulk.values_list("status", flat=True)) >= {"completed"}
    assert bulk.order_by("start_datetime").first().start_datetime < NIGHT_IN_UTC - timedelta(days=360)


def test_bulk_seed_fills_the_free_slots_of_a_database_that_already_has_bookings(seed):
    seed()
    before = Booking.objects.count()

    seed("--bookings", "50")

    assert Booking.objects.count() == before + 50
    assert not Booking.objects.values("venue", "start_datetime").annotate(n=Count("id")).filter(n__gt=1).exists()


def test_demo_venues_have_varied_rules_and_the_samples_obey_them(seed):
    seed()

    rules = dict(Venue.objects.values_list("slug", "rules"))
    assert all(validate_rules(each) == each for each in rules.values())
    wedding, yoga = rules["marina-kalyana-mandapam"], rules["yoga-shala-studio"]
    assert (wedding["buffer_minutes"], wedding["deposit_percent"]) == (120, 100)
    assert (yoga["slot_minutes"], yoga["buffer_minutes"]) == (15, 0)
    assert [slug for slug, each in rules.items() if each["requires_approval"]] == ["hawa-mahal-lawns"]
    assert rules["lodhi-garden-pavilion"]["opening_hours"]["sun"] == []
    assert rules["shivaji-auditorium"]["opening_hours"]["mon"] == [["09:00", "24:00"]]
    assert len({json.dumps(each, sort_keys=True) for each in rules.values()}) == len(rules)
    for booking in Booking.objects.filter(title__in=SAMPLE_TITLES).select_related("venue"):
        assert_within_rules(booking)


def assert_within_rules(booking):
    venue_rules = VenueRules.of(booking.venue.rules)
    start, end = timezone.localtime(booking.start_datetime), timezone.localtime(booking.end_datetime)
    minutes = (end - start).total_seconds() / 60
    assert venue_rules.min_duration_minutes <= minutes <= venue_rules.max_duration_minutes
    assert (start.hour * 60 + start.minute) % venue_rules.slot_minutes == 0 == minutes % venue_rules.slot_minutes
    assert any(
        opens <= start.time() and (closes is None or end.time() <= closes)
        for opens, closes in venue_rules.open_intervals(start.date())
    ), booking


def test_every_seeded_booking_keeps_its_venues_rules(seed):
    seed("--bookings", "600")
    seed("--bookings", "300")

    bookings = list(Booking.objects.select_related("venue").order_by("venue", "start_datetime"))
    assert len(bookings) > 900
    closures = list(Closure.objects.all())
    active_by_venue = {}
    for booking in bookings:
        assert_within_rules(booking)
        assert not any(
            closure.venue_id == booking.venue_id
            and closure.start < booking.end_datetime
            and booking.start_datetime < closure.end
            for closure in closures
        ), booking
        if booking.status != "cancelled":
            active_by_venue.setdefault(booking.venue_id, []).append(booking)
    for venue_bookings in active_by_venue.values():
        buffer = VenueRules.of(venue_bookings[0].venue.rules).buffer
        for earlier, later in itertools.pairwise(venue_bookings):
            assert earlier.end_datetime + buffer <= later.start_datetime, (earlier, later)


def test_seeded_future_bookings_are_within_each_venues_horizon(seed):
    seed()
    kaveri = Venue.objects.get(slug="kaveri-conference-centre")
    Venue.objects.filter(pk=kaveri.pk).update(rules={**kaveri.rules, "max_advance_days": 20})

    seed("--bookings", "16000")

    bulk = Booking.objects.filter(title__contains="#")
    assert bulk.filter(start_datetime__gt=NIGHT_IN_UTC + timedelta(days=30)).exists()
    assert not bulk.filter(venue=kaveri, start_datetime__gt=NIGHT_IN_UTC + timedelta(days=20)).exists()
    assert bulk.filter(venue=kaveri, start_datetime__gt=NIGHT_IN_UTC + timedelta(days=19)).exists()


def test_limited_items_have_stock_and_every_item_its_sac_code(seed):
    seed()

    items = {name: (sac_code, stock) for name, sac_code, stock in Item.objects.values_list("name", "sac_code", "stock")}
    assert items["Banquet chair (per chair)"] == ("997319", 1000)
    assert items["PA sound system with 2 mics"] == ("997319", 3)
    assert items["Projector and screen"] == ("997319", 4)
    assert items["Round table with linen"][1] == 200
    assert items["Veg thali catering (per plate)"] == ("996334", None)
    assert items["Floral stage decoration"] == ("998596", None)


def test_the_demo_has_one_closure_clear_of_active_bookings_and_keeps_it_on_a_rerun(seed):
    seed()
    seed()

    closure = Closure.objects.get()
    assert closure.venue.slug == "sea-breeze-terrace" and closure.end - closure.start == timedelta(days=3)
    assert closure.start > NIGHT_IN_UTC + timedelta(days=44)
    assert not active_bookings_overlapping(closure.venue_id, closure.start, closure.end, now=NIGHT_IN_UTC).exists()


def test_a_rerun_keeps_rules_staff_changed_and_fills_in_rules_still_at_the_defaults(seed):
    seed()
    Venue.objects.filter(slug="yoga-shala-studio").update(rules={**DEFAULT_RULES, "buffer_minutes": 5})
    Venue.objects.filter(slug="hawa-mahal-lawns").update(rules=DEFAULT_RULES)
    Item.objects.filter(name="Banquet chair (per chair)").update(stock=None, sac_code="998596")
    Item.objects.filter(name="Projector and screen").update(stock=9)

    seed()

    assert Venue.objects.get(slug="yoga-shala-studio").rules["buffer_minutes"] == 5
    assert Venue.objects.get(slug="hawa-mahal-lawns").rules["requires_approval"] is True
    assert Item.objects.get(name="Banquet chair (per chair)").stock == 1000
    assert Item.objects.get(name="Projector and screen").stock == 9


def test_every_demo_venue_is_in_a_state_where_the_demo_seller_is_registered(seed):
    seed("--bookings", "40")

    assert [message for message in run_checks(tags=["gst"]) if message.id == "invoices.W001"] == []
    states = set(Venue.objects.values_list("state_code", flat=True))
    assert len(states) > 1 and states <= set(settings.SELLER_GSTINS)
    issuers = set(Invoice.objects.values_list("seller_gstin", flat=True))
    assert len(issuers) > 1 and issuers <= set(settings.SELLER_GSTINS.values())
    assert not Invoice.objects.filter(supply_type="inter").exists()  # each venue's own state issues its documents
