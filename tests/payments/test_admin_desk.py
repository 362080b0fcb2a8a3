"""The admin as the front desk uses it: the add-booking page, approve and reject actions, the history."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from model_bakery import baker

from bookings.models import Booking
from lebrq.staff_roles import FRONT_DESK, MANAGER
from tests.bookings.conftest import book, hall, open_all_day_rules, slot, studio  # noqa: F401 (fixtures)
from tests.conftest import make_staff

pytestmark = pytest.mark.django_db
ADD_URL = "/admin/bookings/booking/add/"


def admin_client(email, role):
    client = Client()
    client.force_login(make_staff(email, role, Group.objects.get(name=role)))
    return client


def add_form(venue, **fields):
    start, end = (timezone.localtime(moment) for moment in slot(days=15))
    return {
        "customer_email": "walkin@example.com", "customer_name": "Walk In", "phone": "", "venue": venue.pk,
        "start_0": start.strftime("%Y-%m-%d"), "start_1": start.strftime("%H:%M"),
        "end_0": end.strftime("%Y-%m-%d"), "end_1": end.strftime("%H:%M"), "title": "Walk-in party",
        "kind": "event", "guests": 20, "discount_percent": "", "amount": "", "method": "", "reference": "",
        "items-TOTAL_FORMS": "3", "items-INITIAL_FORMS": "0", **fields,
    }  # fmt: skip


def test_the_add_booking_page_books_through_the_service_and_records_the_payment(hall):
    client = admin_client("desk@example.com", FRONT_DESK)
    assert client.get(ADD_URL).status_code == 200

    response = client.post(ADD_URL, add_form(hall, amount="590.00", method="upi", reference="UPI-9"))

    assert response.status_code == 302, response.content.decode()[:2000]
    booking = Booking.objects.get()
    assert booking.user.email == "walkin@example.com" and booking.created_by.email == "desk@example.com"
    assert booking.status == "confirmed" and booking.amount_paid == 590
    page = client.get(response["Location"]).content.decode()
    assert "History" in page or "history" in page


def test_the_add_booking_page_shows_a_refusal_and_writes_nothing(hall, alice):
    book(alice, hall, days=15)
    client = admin_client("desk@example.com", FRONT_DESK)

    response = client.post(ADD_URL, add_form(hall))

    assert response.status_code == 200
    assert "already booked" in response.content.decode()
    assert Booking.objects.count() == 1


def test_the_add_booking_page_books_add_ons_priced_and_counted_against_stock(hall, studio):
    chairs = baker.make("bookings.Item", name="Banquet chair", unit_price=Decimal("40.00"), stock=100)
    client = admin_client("desk@example.com", FRONT_DESK)
    assert "Add-ons" in client.get(ADD_URL).content.decode()

    response = client.post(ADD_URL, add_form(hall, **{"items-0-item": chairs.pk, "items-0-quantity": "60"}))

    assert response.status_code == 302, response.content.decode()[:3000]
    booking = Booking.objects.get()
    assert [(line.item_id, line.quantity, line.unit_price) for line in booking.items.all()] == [
        (chairs.pk, 60, Decimal("40.00"))
    ]
    # 60 of the 100 chairs are out at that time: 41 more, at another venue, is refused; nothing is written.
    other = add_form(studio, customer_email="second@example.com", guests=10)
    refused = client.post(ADD_URL, {**other, "items-0-item": chairs.pk, "items-0-quantity": "41"})
    assert refused.status_code == 200 and Booking.objects.count() == 1
    errornote = refused.content.decode().split('class="errornote">', 1)[1].split("</p>", 1)[0]
    assert "Banquet chair" in errornote, errornote
    assert client.post(ADD_URL, {**other, "items-0-item": chairs.pk, "items-0-quantity": "40"}).status_code == 302


def test_an_add_on_without_a_quantity_is_a_form_error(hall):
    client = admin_client("desk@example.com", FRONT_DESK)
    chairs = baker.make("bookings.Item", name="Banquet chair", unit_price=Decimal("40.00"), stock=100)

    response = client.post(ADD_URL, add_form(hall, **{"items-0-item": chairs.pk}))

    assert response.status_code == 200 and "How many?" in response.content.decode()
    assert not Booking.objects.exists()


def test_approve_and_reject_actions_need_the_manager(hall, alice):
    hall.rules = open_all_day_rules(requires_approval=True)
    hall.save()
    first, second = book(alice, hall, days=20), book(alice, hall, days=22)
    changelist = "/admin/bookings/booking/"
    desk = admin_client("desk@example.com", FRONT_DESK)
    desk.post(changelist, {"action": "approve_selected", "_selected_action": [first.pk]})
    assert Booking.objects.get(pk=first.pk).status == "requested"

    manager = admin_client("manager@example.com", MANAGER)
    manager.post(changelist, {"action": "approve_selected_pay_later", "_selected_action": [first.pk]})
    manager.post(changelist, {"action": "reject_selected", "_selected_action": [second.pk], "reason": ""})
    assert Booking.objects.get(pk=second.pk).status == "requested"  # no reason, no rejection
    manager.post(changelist, {"action": "reject_selected", "_selected_action": [second.pk], "reason": "Full"})

    assert Booking.objects.get(pk=first.pk).status == "confirmed"
    assert Booking.objects.get(pk=second.pk).status == "rejected"


def test_staff_without_the_booking_permission_get_no_add_page(hall):
    client = Client()
    client.force_login(make_staff("viewer@example.com", "Viewer", Group.objects.create(name="Nobody")))
    assert client.get(ADD_URL).status_code == 403


def test_a_series_shows_in_the_admin_with_its_dates(hall, alice):
    from bookings.series import create_series

    start, end = slot(days=14)
    series, bookings, _ = create_series(
        user=alice, venue=hall, start=start, end=end, rrule="FREQ=WEEKLY;COUNT=3", title="Weekly satsang"
    )
    client = admin_client("desk@example.com", FRONT_DESK)

    assert "Weekly satsang" in client.get("/admin/bookings/bookingseries/").content.decode()
    page = client.get(f"/admin/bookings/bookingseries/{series.pk}/change/").content.decode()
    assert all(f"/admin/bookings/booking/{booking.pk}/change/" in page for booking in bookings)
