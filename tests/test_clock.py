"""The date-sensitive paths at the hours that break naive code: just after and just before midnight
in Asia/Kolkata (18:30 UTC is already tomorrow there) and across 31 March, where invoice numbers
start a new financial year's series.

Every test here runs with the clock frozen by time_machine, so none passes or fails by the hour
the suite happens to run (`pytest --clock=...` moves the clock of the whole suite the same way).
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from model_bakery import baker

from bookings.models import Booking, Refund
from bookings.services import complete_past_bookings
from invoices.models import Invoice
from payments.services import cancel_with_refund
from tests.bookings.conftest import book, open_all_day_rules
from tests.conftest import pay

# Transactions commit as in production, so on-commit receivers (invoices, credit notes) run.
pytestmark = pytest.mark.django_db(transaction=True)

IST = ZoneInfo("Asia/Kolkata")
# (moment, the financial year an invoice issued then belongs to)
MOMENTS = [
    pytest.param((datetime(2026, 12, 2, 0, 30, tzinfo=IST), "2026-27"), id="00:30-IST"),
    pytest.param((datetime(2026, 12, 1, 23, 30, tzinfo=IST), "2026-27"), id="23:30-IST"),
    pytest.param((datetime(2027, 3, 31, 23, 30, tzinfo=IST), "2026-27"), id="31-March-23:30-IST"),
    # 19:00 UTC on 31 March: a UTC date would still say the old year.
    pytest.param((datetime(2027, 4, 1, 0, 30, tzinfo=IST), "2027-28"), id="1-April-00:30-IST"),
]


@pytest.fixture
def hall(db):
    """Open round the clock on a 15-minute grid with no notice, so a slot just after midnight or
    just before it can be booked at these hours."""
    return baker.make(
        "bookings.Venue", name="Rangoli Hall", slug="rangoli-hall", city="Bengaluru", state_code="29", capacity=300,
        hourly_rate="1000.00", rules=open_all_day_rules(slot_minutes=15),
    )  # fmt: skip


@pytest.fixture(params=MOMENTS)
def moment(request):
    at, year = request.param
    with time_machine.travel(at, tick=False):
        yield at, year


def local(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def payload(venue, start, end, title="Sangeet"):
    return {
        "venue": venue.pk, "start_datetime": start.isoformat(), "end_datetime": end.isoformat(), "kind": "event",
        "title": title, "items": [],
    }  # fmt: skip


def test_booking_tomorrow_at_ten_is_201_and_invoiced_in_this_financial_year(moment, alice_client, hall):
    now, year = moment
    start = local(now.date() + timedelta(days=1), 10)

    response = alice_client.post("/api/bookings/", payload(hall, start, start + timedelta(hours=2)), format="json")
    assert response.status_code == 201, response.json()
    pay(Booking.objects.get(pk=response.json()["id"]))  # tomorrow: the balance is due, the deposit is the total

    assert Invoice.objects.get(booking_id=response.json()["id"], kind="invoice").number == f"LB/{year[2:]}/000001"


def test_a_slot_later_today_is_bookable_and_one_that_began_is_not(moment, alice_client, hall):
    now, _ = moment
    later, earlier = now + timedelta(minutes=15), now - timedelta(minutes=15)

    made = alice_client.post("/api/bookings/", payload(hall, later, later + timedelta(hours=1)), format="json")
    assert made.status_code == 201
    refused = alice_client.post("/api/bookings/", payload(hall, earlier, now + timedelta(hours=3)), format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "too_soon"


@pytest.mark.parametrize(
    "notice, percent",
    # One grid step (15 minutes) either side of the policy's 168 and 48 hours.
    [
        (timedelta(days=7), 100),
        (timedelta(days=7, minutes=-15), 50),
        (timedelta(days=2), 50),
        (timedelta(days=2, minutes=-15), 0),
    ],
)
def test_cancellation_refunds_by_the_notice_given(moment, alice_client, alice, hall, notice, percent):
    now, year = moment
    made = alice_client.post("/api/bookings/", payload(hall, now + notice, now + notice + timedelta(hours=2)))
    booking = Booking.objects.get(pk=made.json()["id"])
    pay(booking, booking.total)

    response = alice_client.post(f"/api/bookings/{booking.pk}/cancel/", {"reason": "Plans changed"}, format="json")

    assert response.status_code == 200, response.json()
    assert [refund["percent"] for refund in response.json()["refunds"]] == ([percent] if percent else [])
    credit_notes = Invoice.objects.filter(booking=booking, kind="credit_note")
    assert [note.number for note in credit_notes] == [f"CN/{year[2:]}/000001"]  # the invoice, cancelled in full
    charges = Invoice.objects.filter(booking=booking, kind="cancellation")
    assert [charge.total for charge in charges] == ([] if percent == 100 else [booking.total * (100 - percent) / 100])


def test_complete_past_bookings_takes_exactly_those_that_ended(moment, alice, hall):
    now, _ = moment
    ended = baker.make(
        Booking, user=alice, venue=hall, status="confirmed", start_datetime=now - timedelta(hours=2), end_datetime=now
    )
    running = baker.make(
        Booking, user=alice, venue=hall, status="confirmed", start_datetime=now - timedelta(hours=1),
        end_datetime=now + timedelta(seconds=1),
    )  # fmt: skip

    assert complete_past_bookings() == 1

    assert Booking.objects.get(pk=ended.pk).status == "completed"
    assert Booking.objects.get(pk=running.pk).status == "confirmed"


def test_admin_today_lists_the_local_calendar_day(moment, staff_client, alice, hall):
    now, _ = moment
    today = now.date()

    def at(start):
        return baker.make(
            Booking,
            user=alice,
            venue=hall,
            status="confirmed",
            start_datetime=start,
            end_datetime=start + timedelta(minutes=10),
        ).pk

    first, last = at(local(today, 0, 0)), at(local(today, 23, 49))
    at(local(today, 0, 0) - timedelta(minutes=1))
    at(local(today + timedelta(days=1), 0, 0))

    rows = staff_client.get("/api/admin/bookings/today/").json()["items"]

    assert sorted(row["id"] for row in rows) == [first, last]


def test_availability_of_today_is_the_local_calendar_day(moment, anon_client, alice, hall):
    now, _ = moment
    today = now.date()
    late = baker.make(
        Booking, user=alice, venue=hall, status="confirmed", start_datetime=local(today, 23),
        end_datetime=local(today, 23, 59),
    )  # fmt: skip
    baker.make(
        Booking, user=alice, venue=hall, status="confirmed", start_datetime=local(today + timedelta(days=1), 0),
        end_datetime=local(today + timedelta(days=1), 2),
    )  # fmt: skip

    body = anon_client.get(f"/api/venues/{hall.pk}/availability?date={today.isoformat()}").json()

    assert body["date"] == today.isoformat()
    assert [slot["start_datetime"] for slot in body["busy"]] == [timezone.localtime(late.start_datetime).isoformat()]


def test_the_fixtures_tomorrow_at_ten_is_in_the_future(moment, alice, hall):
    now, _ = moment

    booking = book(alice, hall, days=1, hour=10)

    assert booking.start_datetime == local(now.date() + timedelta(days=1), 10)


def test_seed_demo_has_history_and_future_at_this_hour(moment):
    now, year = moment

    call_command("seed_demo", "--bookings", "100")

    statuses = set(Booking.objects.values_list("status", flat=True))
    assert statuses >= {"completed", "confirmed", "cancelled"}
    assert not Booking.objects.filter(status="completed", end_datetime__gt=now).exists()
    assert not Booking.objects.filter(status="confirmed", end_datetime__lte=now).exists()
    assert Refund.objects.filter(credit_note__isnull=False).exists()
    assert Invoice.objects.filter(financial_year=year, issued_at__lte=now).exists()
    assert not Invoice.objects.filter(issued_at__gt=now).exists()


def test_invoice_numbers_restart_at_000001_on_1_april_in_india(alice, bob, hall):
    with time_machine.travel(datetime(2027, 3, 31, 23, 30, tzinfo=IST), tick=False) as traveller:
        march = [book(user, hall, days=10, hour=hour) for user, hour in ((alice, 9), (bob, 14))]
        for booking in march:
            pay(booking, booking.total)
        traveller.move_to(datetime(2027, 4, 1, 0, 30, tzinfo=IST))
        april = book(alice, hall, days=10, hour=18)
        pay(april)
        cancel_with_refund(march[0], by_user=alice)

    numbers = {invoice.booking_id: invoice.number for invoice in Invoice.objects.filter(kind="invoice")}
    assert [numbers[booking.pk] for booking in march] == ["LB/26-27/000001", "LB/26-27/000002"]
    assert numbers[april.pk] == "LB/27-28/000001"
    credit_note = Invoice.objects.get(kind="credit_note")
    assert credit_note.number == "CN/27-28/000001"
    assert credit_note.original.number == "LB/26-27/000001"
