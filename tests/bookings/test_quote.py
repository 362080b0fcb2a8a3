"""POST /api/bookings/quote: what create would charge, refused as create would refuse, writing nothing."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from model_bakery import baker

from bookings.models import Booking, BookingItem
from invoices.models import Invoice
from tests.conftest import pay

pytestmark = pytest.mark.django_db

IST = ZoneInfo("Asia/Kolkata")
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=IST)
START = datetime(2026, 12, 20, 18, 0, tzinfo=IST)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def body(venue, start=START, hours=4, **fields):
    return {
        "venue": venue.pk, "start_datetime": start.isoformat(),
        "end_datetime": (start + timedelta(hours=hours)).isoformat(), **fields,
    }  # fmt: skip


def test_a_quote_prices_every_line_with_its_gst_split_and_the_venues_terms(alice_client, mandap, thali):
    response = alice_client.post(
        "/api/bookings/quote", body(mandap, items=[{"item": thali.pk, "quantity": 3}], guests=120), format="json"
    )

    assert response.status_code == 200, response.json()
    quote = response.json()
    assert quote["lines"] == [
        {
            "description": "Hire of Kalyana Mandap", "sac_code": "997212", "quantity": "4.00", "unit_price": "2000.00",
            "taxable_value": "8000.00", "gst_rate": "18.00", "cgst": "720.00", "sgst": "720.00", "igst": "0.00",
            "amount": "9440.00",
        },
        {
            "description": "Veg thali", "sac_code": "998596", "quantity": "3.00", "unit_price": "449.99",
            "taxable_value": "1349.97", "gst_rate": "5.00", "cgst": "33.75", "sgst": "33.75", "igst": "0.00",
            "amount": "1417.47",
        },
    ]  # fmt: skip
    assert (quote["subtotal"], quote["tax_total"], quote["total"]) == ("9349.97", "1507.50", "10857.47")
    # 25 % deposit of the total, rounded half-up; the balance is due 7 days before the start.
    assert (quote["deposit_due"], quote["balance_due"]) == ("2714.37", "8143.10")
    assert quote["balance_due_at"] == "2026-12-13T18:00:00+05:30"
    assert quote["hold_minutes"] == 15
    assert [tier["refund_percent"] for tier in quote["cancellation_policy"]] == [100, 50, 0]
    assert not Booking.objects.exists() and not BookingItem.objects.exists()


def test_a_buyer_from_another_state_is_quoted_cgst_and_sgst_where_the_venue_is(bob_client, mandap):
    line = bob_client.post("/api/bookings/quote", body(mandap), format="json").json()["lines"][0]

    assert (line["cgst"], line["sgst"], line["igst"]) == ("720.00", "720.00", "0.00")


@pytest.fixture
def kochi_hall(mandap, settings):
    """A hall in Kerala, where the seller (registered in Karnataka only) has no registration."""
    settings.SELLER_GSTINS, settings.SELLER_HOME_STATE = {"29": "29AABCL1234M1ZF"}, "29"
    return baker.make(
        "bookings.Venue", name="Kochi Hall", slug="kochi-hall", city="Kochi", state_code="32",
        capacity=300, hourly_rate=Decimal("2000.00"), gst_rate=Decimal("18.00"),
    )  # fmt: skip


def test_a_venue_in_a_state_without_a_registration_is_quoted_igst(alice_client, kochi_hall):
    line = alice_client.post("/api/bookings/quote", body(kochi_hall), format="json").json()["lines"][0]

    assert (line["cgst"], line["sgst"], line["igst"]) == ("0.00", "0.00", "1440.00")


def test_a_balance_already_due_makes_the_deposit_the_whole_total(alice_client, mandap):
    soon = datetime(2026, 12, 5, 10, 0, tzinfo=IST)

    quote = alice_client.post("/api/bookings/quote", body(mandap, start=soon, hours=2), format="json").json()

    assert quote["deposit_due"] == quote["total"] == "4720.00"
    assert quote["balance_due"] == "0.00"


def test_a_quote_is_refused_with_the_same_codes_as_create_and_writes_nothing(alice, alice_client, mandap):
    assert alice_client.post("/api/bookings/quote", body(mandap, hours=17), format="json").json()["code"] == "too_long"
    baker.make(
        Booking, user=alice, venue=mandap, status="confirmed", start_datetime=START + timedelta(hours=4, minutes=30),
        end_datetime=START + timedelta(hours=6),
    )  # fmt: skip

    taken = alice_client.post("/api/bookings/quote", body(mandap), format="json")

    assert taken.status_code == 409 and taken.json()["code"] == "slot_unavailable"
    assert Booking.objects.count() == 1


def test_a_quote_of_more_than_the_stock_is_item_unavailable(alice_client, mandap):
    lamps = baker.make("bookings.Item", name="Brass lamp", unit_price=Decimal("150.00"), stock=4)

    response = alice_client.post(
        "/api/bookings/quote", body(mandap, items=[{"item": lamps.pk, "quantity": 5}]), format="json"
    )

    assert response.status_code == 409
    assert (response.json()["code"], response.json()["item"], response.json()["available"]) == (
        "item_unavailable", lamps.pk, 4,
    )  # fmt: skip


@pytest.mark.parametrize("path", ["/api/bookings/quote", "/api/bookings/quote/"])
def test_the_quote_route_is_not_taken_for_a_booking_id(alice_client, mandap, path):
    assert alice_client.post(path, body(mandap), format="json").status_code == 200
    assert alice_client.get(path).status_code == 405


def test_anonymous_cannot_ask_for_a_quote(anon_client, mandap):
    assert anon_client.post("/api/bookings/quote", body(mandap), format="json").status_code == 401


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "client_name, venue_name",
    [("alice_client", "mandap"), ("bob_client", "mandap"), ("bob_client", "kochi_hall")],
    ids=["same-state-buyer", "other-state-buyer", "unregistered-state-igst"],
)
def test_the_quote_equals_the_invoice_issued_for_the_same_booking(request, client_name, venue_name, thali, chairs):
    client, venue = request.getfixturevalue(client_name), request.getfixturevalue(venue_name)
    items = [{"item": thali.pk, "quantity": 7}, {"item": chairs.pk, "quantity": 33}]
    quote = client.post("/api/bookings/quote", body(venue, items=items), format="json").json()

    made = client.post("/api/bookings/", body(venue, items=items, title="Sangeet"), format="json")
    assert made.status_code == 201, made.json()
    assert made.json()["deposit_amount"] == quote["deposit_due"]
    pay(Booking.objects.get(pk=made.json()["id"]), Decimal(quote["deposit_due"]))  # the deposit confirms it

    invoice = Invoice.objects.get(booking_id=made.json()["id"], kind=Invoice.Kind.INVOICE)
    columns = ("quantity", "unit_price", "taxable_value", "gst_rate", "cgst", "sgst", "igst")
    assert [
        {"description": line["description"], **{key: Decimal(line[key]) for key in columns}, "amount": line["amount"]}
        for line in quote["lines"]
    ] == [
        {
            "description": line["description"], **{key: Decimal(line[key]) for key in columns},
            "amount": f"{Decimal(line['total']):.2f}",
        }
        for line in invoice.lines
    ]  # fmt: skip
    assert (Decimal(quote["subtotal"]), Decimal(quote["tax_total"]), Decimal(quote["total"])) == (
        invoice.subtotal, invoice.tax_total, invoice.total,
    )  # fmt: skip
    assert quote["total"] == made.json()["total"]
