"""Requests at venues that require approval: blocked slot, approve (hold or pay later), reject, lapse."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from bookings.models import Booking, BookingChange
from bookings.services import create_booking, expire_lapsed_holds
from invoices.models import Invoice
from tests.bookings.conftest import open_all_day_rules, slot
from tests.conftest import FRONT_DESK, bearer_client, group_with, make_staff, pay

pytestmark = pytest.mark.django_db


@pytest.fixture
def wedding_hall(hall):
    hall.rules = open_all_day_rules(requires_approval=True, approval_hours=48)
    hall.save()
    return hall


@pytest.fixture
def approver_client(db):
    group = group_with("Approvers", [*FRONT_DESK, "bookings.approve_booking"])
    return bearer_client(make_staff("approver@example.com", "Asha Approver", group))


def request_booking(client, venue, days=20):
    start, end = slot(days=days)
    body = {"venue": venue.pk, "start_datetime": start.isoformat(), "end_datetime": end.isoformat(), "title": "Wedding"}
    return client.post("/api/bookings/", body)


def test_a_booking_at_a_venue_requiring_approval_is_requested_until_the_decision_time(alice_client, wedding_hall):
    before = timezone.now()
    response = request_booking(alice_client, wedding_hall)

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "requested"
    decision_due = Booking.objects.get(pk=body["id"]).decision_due_at
    assert timedelta(hours=48) <= decision_due - before <= timedelta(hours=48, seconds=5)
    assert body["decision_due_at"] is not None


def test_a_request_blocks_its_slot_as_held_for_others(alice_client, bob, wedding_hall):
    booking_id = request_booking(alice_client, wedding_hall).json()["id"]
    booking = Booking.objects.get(pk=booking_id)

    conflict = bearer_client(bob).post(
        "/api/bookings/",
        {"venue": wedding_hall.pk, "start_datetime": booking.start_datetime.isoformat(),
         "end_datetime": booking.end_datetime.isoformat(), "title": "Other"},
    )  # fmt: skip
    assert conflict.status_code == 409
    assert conflict.json()["code"] == "slot_unavailable"
    day = timezone.localtime(booking.start_datetime).date()
    answer = bearer_client(bob).get(f"/api/venues/{wedding_hall.pk}/availability?from={day}&to={day}").json()
    busy = answer["days"][0]["busy"]
    assert busy and all("held" in entry.values() for entry in busy), busy


def test_a_request_takes_no_payment_until_approved(alice, wedding_hall):
    start, end = slot(days=20)
    booking = create_booking(alice, wedding_hall, start, end, "event", "Wedding", [])

    with pytest.raises(Exception) as refused:
        pay(booking, amount=booking.deposit_amount)
    assert getattr(refused.value, "status_code", None) == 409
    booking.refresh_from_db()
    assert booking.amount_paid == 0 and not booking.payments.exists()


def test_approve_holds_the_booking_for_its_deposit(approver_client, alice_client, wedding_hall):
    booking_id = request_booking(alice_client, wedding_hall).json()["id"]

    response = approver_client.post(f"/api/admin/bookings/{booking_id}/approve", {})

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "pending"
    hold = Booking.objects.get(pk=booking_id).hold_expires_at
    assert timezone.now() < hold <= timezone.now() + timedelta(minutes=15)
    assert body["amount_due"] == body["deposit_amount"]
    assert not Invoice.objects.filter(booking_id=booking_id).exists()


def test_approve_with_pay_later_confirms_and_invoices(
    approver_client, alice_client, wedding_hall, django_capture_on_commit_callbacks
):
    booking_id = request_booking(alice_client, wedding_hall).json()["id"]

    with django_capture_on_commit_callbacks(execute=True):
        response = approver_client.post(f"/api/admin/bookings/{booking_id}/approve", {"pay_later": True})

    assert response.status_code == 200
    assert response.json()["status"] == "confirmed"
    assert Invoice.objects.filter(booking_id=booking_id, kind="invoice").count() == 1
    actions = list(BookingChange.objects.filter(booking_id=booking_id).values_list("action", flat=True))
    assert actions == ["created", "approved"]


def test_reject_frees_the_slot_and_keeps_the_reason_in_the_history(approver_client, alice_client, bob, wedding_hall):
    booking_id = request_booking(alice_client, wedding_hall).json()["id"]

    response = approver_client.post(f"/api/admin/bookings/{booking_id}/reject", {"reason": "Hall under repair"})

    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    history = alice_client.get(f"/api/bookings/{booking_id}/history").json()["items"]
    assert history[-1]["action"] == "rejected"
    assert history[-1]["actor"] == "approver@example.com"
    assert history[-1]["changes"] == {"status": ["requested", "rejected"], "reason": ["", "Hall under repair"]}
    assert request_booking(bearer_client(bob), wedding_hall).status_code == 201


@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "bad\u0007bell"}, {"reason": "x" * 301}])
def test_a_rejection_needs_a_plain_reason(approver_client, alice_client, wedding_hall, body):
    booking_id = request_booking(alice_client, wedding_hall).json()["id"]

    response = approver_client.post(f"/api/admin/bookings/{booking_id}/reject", body)

    assert response.status_code == 400
    assert Booking.objects.get(pk=booking_id).status == "requested"


def test_approving_after_the_decision_time_is_409_decision_expired(approver_client, alice_client, wedding_hall):
    booking_id = request_booking(alice_client, wedding_hall).json()["id"]
    lapsed = timezone.now() - timedelta(minutes=1)  # the clock stays: a moved one would expire the token
    Booking.objects.filter(pk=booking_id).update(decision_due_at=lapsed, hold_expires_at=lapsed)

    response = approver_client.post(f"/api/admin/bookings/{booking_id}/approve", {})

    assert response.status_code == 409
    assert response.json()["code"] == "decision_expired"
    assert Booking.objects.get(pk=booking_id).status == "requested"


def test_a_lapsed_request_is_free_at_once_and_expired_by_the_job(alice_client, bob, wedding_hall):
    booking_id = request_booking(alice_client, wedding_hall).json()["id"]

    with time_machine.travel(timezone.now() + timedelta(hours=49), tick=False):
        assert request_booking(bearer_client(bob), wedding_hall).status_code == 201
        assert expire_lapsed_holds() == 1

    assert Booking.objects.get(pk=booking_id).status == "expired"
    assert BookingChange.objects.filter(booking_id=booking_id, action="expired").exists()


@pytest.mark.parametrize("verb", ["approve", "reject"])
def test_deciding_twice_or_on_a_booking_that_is_no_request_is_409(approver_client, alice_client, hall, verb):
    start, end = slot(days=20)
    body = {"venue": hall.pk, "start_datetime": start.isoformat(), "end_datetime": end.isoformat(), "title": "Party"}
    booking_id = alice_client.post("/api/bookings/", body).json()["id"]  # no approval needed: pending

    response = approver_client.post(f"/api/admin/bookings/{booking_id}/{verb}", {"reason": "no"})

    assert response.status_code == 409
    assert "requested" in response.json()["detail"]


@pytest.mark.parametrize("verb", ["approve", "reject"])
def test_deciding_takes_the_approve_permission(staff_client, viewer_client, alice_client, wedding_hall, verb):
    booking_id = request_booking(alice_client, wedding_hall).json()["id"]

    for client in (alice_client, viewer_client, staff_client):  # staff_client: front desk without approve
        assert client.post(f"/api/admin/bookings/{booking_id}/{verb}", {"reason": "no"}).status_code == 403
    assert Booking.objects.get(pk=booking_id).status == "requested"


def test_a_staff_booking_at_such_a_venue_is_no_request(approver_client, wedding_hall):
    start, end = slot(days=20)
    body = {
        "venue": wedding_hall.pk, "start_datetime": start.isoformat(), "end_datetime": end.isoformat(),
        "title": "Phone booking", "customer_email": "caller@example.com",
    }  # fmt: skip
    group_with("Approvers", ["bookings.book_for_customer"])

    response = approver_client.post("/api/admin/bookings/", body)

    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "pending"
