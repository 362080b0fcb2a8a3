"""The shipped roles (lebrq/staff_roles.py, created by a data migration), tried on each staff route."""

import io

import pytest
from django.contrib.auth.models import Group

from bookings.models import Booking
from lebrq.staff_roles import FRONT_DESK, MANAGER
from tests.bookings.conftest import book, hall, open_all_day_rules, slot  # noqa: F401 (hall is a fixture)
from tests.conftest import bearer_client, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk_client(db):
    return bearer_client(make_staff("desk@example.com", "Front Desk", Group.objects.get(name=FRONT_DESK)))


@pytest.fixture
def manager_client(db):
    return bearer_client(make_staff("manager@example.com", "Venue Manager", Group.objects.get(name=MANAGER)))


def test_the_migration_ships_both_roles_with_the_manager_holding_more():
    desk = set(Group.objects.get(name=FRONT_DESK).permissions.values_list("codename", flat=True))
    manager = set(Group.objects.get(name=MANAGER).permissions.values_list("codename", flat=True))
    assert {"book_for_customer", "add_payment", "confirm_booking", "cancel_booking"} <= desk
    assert desk < manager
    assert {"refund_above_policy", "change_venue", "approve_booking", "settle_refund"} <= manager - desk


def staff_booking(venue):
    start, end = slot(days=20)
    return {
        "venue": venue.pk, "start_datetime": start.isoformat(), "end_datetime": end.isoformat(), "title": "Walk-in",
        "customer_email": "walkin@example.com",
    }  # fmt: skip


def test_front_desk_books_records_payments_confirms_moves_and_cancels_by_policy(desk_client, alice, hall):
    created = desk_client.post("/api/admin/bookings/", staff_booking(hall))
    assert created.status_code == 201
    booking_id = created.json()["id"]
    paid = desk_client.post(f"/api/admin/bookings/{booking_id}/payments/", {"amount": "100.00", "method": "upi"})
    assert paid.status_code == 201
    assert desk_client.post(f"/api/admin/bookings/{booking_id}/confirm", {"pay_later": True}).status_code == 200
    start, end = slot(days=21)
    moved = desk_client.post(
        f"/api/bookings/{booking_id}/reschedule", {"start_datetime": start.isoformat(), "end_datetime": end.isoformat()}
    )
    assert moved.status_code == 200
    assert desk_client.post(f"/api/admin/bookings/{booking_id}/cancel", {"reason": "asked"}).status_code == 200


def test_front_desk_may_not_refund_above_policy_change_rules_or_decide_requests(desk_client, alice, hall):
    booking = book(alice, hall, days=3)  # the policy refunds 50 %
    above = desk_client.post(f"/api/admin/bookings/{booking.pk}/cancel", {"reason": "x", "refund_percent": 100})
    assert above.status_code == 403
    assert desk_client.patch(f"/api/venues/{hall.pk}/", {"rules": {"buffer_minutes": 30}}).status_code == 403
    hall.rules = open_all_day_rules(requires_approval=True)
    hall.save()
    request = book(alice, hall, days=30)
    assert desk_client.post(f"/api/admin/bookings/{request.pk}/approve", {}).status_code == 403
    assert desk_client.post(f"/api/admin/bookings/{request.pk}/reject", {"reason": "x"}).status_code == 403
    assert Booking.objects.get(pk=booking.pk).status == "pending"


def test_the_manager_refunds_above_policy_changes_rules_and_decides(manager_client, alice, hall):
    booking = book(alice, hall, days=3)
    above = manager_client.post(f"/api/admin/bookings/{booking.pk}/cancel", {"reason": "x", "refund_percent": 100})
    assert above.status_code == 200
    changed = manager_client.patch(f"/api/venues/{hall.pk}/", {"rules": {"requires_approval": True}})
    assert changed.status_code == 200, changed.json()
    hall.refresh_from_db()
    request = book(alice, hall, days=30)
    assert request.status == "requested"
    assert manager_client.post(f"/api/admin/bookings/{request.pk}/approve", {"pay_later": True}).status_code == 200


def test_the_staff_roles_command_restores_a_role_someone_emptied():
    from django.core.management import call_command

    Group.objects.get(name=FRONT_DESK).permissions.clear()
    call_command("staff_roles", stdout=io.StringIO())
    assert Group.objects.get(name=FRONT_DESK).permissions.filter(codename="book_for_customer").exists()
