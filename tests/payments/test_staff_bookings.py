"""Staff book on a customer's behalf: account made without a password, discount, override, desk payment."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from bookings.models import Booking, BookingChange
from payments.models import Payment
from tests.bookings.conftest import hall, mandap, slot  # noqa: F401 (fixtures)
from tests.conftest import FRONT_DESK, bearer_client, group_with, make_staff

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def desk_client(db):
    group = group_with("Phone desk", [*FRONT_DESK, "bookings.book_for_customer"])
    return bearer_client(make_staff("desk@example.com", "Dev Desk", group))


def staff_body(venue, days=12, hour=10, hours=2, **fields):
    start, end = slot(days=days, hour=hour, hours=hours)
    return {
        "venue": venue.pk, "start_datetime": start.isoformat(), "end_datetime": end.isoformat(), "title": "Phone",
        "customer_email": "New.Caller@Example.com", "customer_name": "Nisha Caller", "phone": "+919800000001", **fields,
    }  # fmt: skip


def test_a_new_customer_gets_an_account_without_a_usable_password(desk_client, hall):
    response = desk_client.post("/api/admin/bookings/", staff_body(hall))

    assert response.status_code == 201, response.json()
    customer = User.objects.get(email="new.caller@example.com")
    assert not customer.has_usable_password()
    assert (customer.full_name, customer.phone) == ("Nisha Caller", "+919800000001")
    body = response.json()
    assert body["customer_email"] == "new.caller@example.com"
    assert body["status"] == "pending" and body["hold_expires_at"]
    booking = Booking.objects.get(pk=body["id"])
    assert booking.created_by.email == "desk@example.com"
    assert BookingChange.objects.get(booking=booking).actor.email == "desk@example.com"


def test_an_existing_customer_keeps_their_account(desk_client, alice, hall):
    response = desk_client.post("/api/admin/bookings/", staff_body(hall, customer_email=alice.email, customer_name="X"))

    assert response.status_code == 201
    assert Booking.objects.get(pk=response.json()["id"]).user == alice
    alice.refresh_from_db()
    assert alice.full_name != "X" and alice.has_usable_password()


def test_a_discount_comes_off_every_line_and_is_what_the_invoice_prints(desk_client, hall):
    response = desk_client.post("/api/admin/bookings/", staff_body(hall, discount_percent="10"))

    body = response.json()
    assert body["venue_hourly_rate"] == "900.00"  # 1,000 less 10 %
    assert body["subtotal"] == "1800.00" and body["total"] == "2124.00"
    assert body["discount_percent"] == "10.00"


def test_a_desk_payment_reaching_the_deposit_confirms_in_the_same_request(desk_client, hall):
    response = desk_client.post(
        "/api/admin/bookings/", staff_body(hall, payment={"amount": "2360.00", "method": "cash", "reference": "R-1"})
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "confirmed" and body["amount_paid"] == "2360.00" and body["amount_due"] == "0.00"
    assert Payment.objects.get(booking_id=body["id"]).recorded_by.email == "desk@example.com"


def test_pay_later_confirms_without_money(desk_client, hall):
    response = desk_client.post("/api/admin/bookings/", staff_body(hall, pay_later=True))

    body = response.json()
    assert body["status"] == "confirmed" and body["amount_paid"] == "0.00"
    assert body["amount_due"] == body["deposit_amount"]  # what is due next: the deposit, then the balance


def test_a_refused_payment_leaves_no_booking_and_no_new_account(desk_client, hall):
    response = desk_client.post(
        "/api/admin/bookings/", staff_body(hall, payment={"amount": "999999.00", "method": "cash"})
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_amount"
    assert not Booking.objects.exists()
    assert not User.objects.filter(email="new.caller@example.com").exists()


def test_override_rules_skips_notice_and_opening_hours_but_never_overlaps(desk_client, mandap):
    late = staff_body(mandap, days=0, hour=23, hours=2)  # closes at 23:00, and tonight is inside the notice
    assert desk_client.post("/api/admin/bookings/", late).status_code == 400

    overridden = desk_client.post("/api/admin/bookings/", {**late, "override_rules": True})
    assert overridden.status_code in (201, 400), overridden.json()
    if overridden.status_code == 400:  # tonight 23:00 already passed: the start is in the past
        assert overridden.json()["code"] == "too_soon"
    early = staff_body(mandap, days=12, hour=3, hours=2, override_rules=True)
    assert desk_client.post("/api/admin/bookings/", early).status_code == 201
    again = desk_client.post("/api/admin/bookings/", {**early, "customer_email": "other@example.com"})
    assert again.status_code == 409
    off_grid = staff_body(mandap, days=12, hour=15, hours=2, override_rules=True)
    off_grid["start_datetime"] = off_grid["start_datetime"].replace(":00:00", ":10:00")
    assert desk_client.post("/api/admin/bookings/", off_grid).json()["code"] == "off_grid"


@pytest.mark.parametrize(
    "changes",
    [{"discount_percent": "100.01"}, {"discount_percent": "-1"}, {"customer_email": "not-an-email"},
     {"customer_name": "bad\u0000name"}, {"payment": {"amount": "10", "method": "bitcoin"}}],
)  # fmt: skip
def test_bad_staff_bookings_are_400_and_write_nothing(desk_client, hall, changes):
    assert desk_client.post("/api/admin/bookings/", staff_body(hall, **changes)).status_code == 400
    assert not Booking.objects.exists()


def test_staff_booking_takes_the_book_for_customer_permission(staff_client, viewer_client, alice_client, hall):
    for client in (alice_client, viewer_client, staff_client):  # staff_client's group lacks book_for_customer
        assert client.post("/api/admin/bookings/", staff_body(hall)).status_code == 403
    assert not Booking.objects.exists()


def test_the_staff_list_still_answers_on_the_same_route(desk_client, hall):
    desk_client.post("/api/admin/bookings/", staff_body(hall))
    listing = desk_client.get("/api/admin/bookings/").json()
    assert listing["pagination"]["total"] == 1
    assert listing["items"][0]["user_email"] == "new.caller@example.com"
    assert Decimal(listing["items"][0]["total"]) > 0


def test_pay_later_takes_the_confirm_permission(db, hall):
    group = group_with("Bookers only", ["bookings.view_booking", "bookings.book_for_customer"])
    client = bearer_client(make_staff("booker@example.com", "Booker", group))

    assert client.post("/api/admin/bookings/", staff_body(hall, pay_later=True)).status_code == 403
    assert (
        client.post("/api/admin/bookings/", staff_body(hall, payment={"amount": "1", "method": "cash"})).status_code
        == 403
    )
    assert not Booking.objects.exists()


def test_a_complimentary_booking_is_confirmed_at_once(desk_client, hall):
    body = desk_client.post("/api/admin/bookings/", staff_body(hall, discount_percent="100")).json()

    assert (body["status"], body["total"], body["amount_due"]) == ("confirmed", "0.00", "0.00")
