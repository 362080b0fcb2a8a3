"""Reschedules: the same rules and locks, re-priced, credit note and new invoice, refund of a lower price."""

from datetime import timedelta

import pytest
from django.utils import timezone

from bookings.models import Booking, BookingChange
from invoices.models import Invoice
from tests.bookings.conftest import book, hall, slot  # noqa: F401 (hall is a fixture)
from tests.conftest import FRONT_DESK, bearer_client, group_with, make_staff, pay

pytestmark = pytest.mark.django_db


@pytest.fixture
def mover_client(db):
    group = group_with("Movers", [*FRONT_DESK, "bookings.reschedule_booking"])
    return bearer_client(make_staff("mover@example.com", "Mo Mover", group))


def move(client, booking, days, hour=10, hours=2, **extra):
    start, end = slot(days=days, hour=hour, hours=hours)
    body = {"start_datetime": start.isoformat(), "end_datetime": end.isoformat(), **extra}
    return client.post(f"/api/bookings/{booking.pk}/reschedule", body)


def test_the_customer_moves_a_held_booking_and_it_keeps_its_state_and_hold(alice, alice_client, hall):
    booking = book(alice, hall, days=20)

    response = move(alice_client, booking, days=21, hours=3)

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "pending"
    assert body["hold_expires_at"] == alice_client.get(f"/api/bookings/{booking.pk}").json()["hold_expires_at"]
    assert body["total"] == "3540.00"  # 3 hours at 1,000 + 18 %
    fresh = Booking.objects.get(pk=booking.pk)
    assert fresh.hold_expires_at == booking.hold_expires_at
    assert fresh.sequence == booking.sequence + 1
    entry = BookingChange.objects.get(booking=booking, action="rescheduled")
    assert entry.actor == alice
    assert set(entry.changes) == {"start_datetime", "end_datetime", "total"}


def test_a_booking_never_conflicts_with_itself(alice, alice_client, hall):
    booking = book(alice, hall, days=20, hours=2)

    assert move(alice_client, booking, days=20, hour=11, hours=2).status_code == 200  # overlaps its old self


def test_a_move_onto_another_booking_is_409_and_changes_nothing(alice, alice_client, bob, hall):
    booking = book(alice, hall, days=20)
    book(bob, hall, days=22)

    response = move(alice_client, booking, days=22)

    assert response.status_code == 409
    assert response.json()["code"] == "slot_unavailable"
    fresh = Booking.objects.get(pk=booking.pk)
    assert (fresh.start_datetime, fresh.total, fresh.sequence) == (booking.start_datetime, booking.total, 0)
    assert not BookingChange.objects.filter(action="rescheduled").exists()


def test_a_move_breaking_a_rule_is_400_with_its_code(alice, alice_client, hall):
    booking = book(alice, hall, days=20)

    response = move(alice_client, booking, days=20, hours=20)

    assert response.status_code == 400
    assert response.json()["code"] == "too_long"


def test_after_the_full_refund_period_the_customer_gets_403_and_staff_may_still_move_it(
    alice, alice_client, mover_client, hall
):
    booking = book(alice, hall, days=3)  # the policy refunds 50 % from 7 days before

    refused = move(alice_client, booking, days=4)
    assert refused.status_code == 403
    assert refused.json()["code"] == "change_not_allowed"

    assert move(mover_client, booking, days=4).status_code == 200


def test_another_customer_and_staff_without_the_permission_cannot_move_it(alice, bob_client, staff_client, hall):
    booking = book(alice, hall, days=20)

    assert move(bob_client, booking, days=21).status_code == 404
    assert move(staff_client, booking, days=21).status_code == 403
    assert Booking.objects.get(pk=booking.pk).start_datetime == booking.start_datetime


def test_a_confirmed_booking_gets_a_credit_note_and_a_new_invoice(
    alice, alice_client, hall, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(alice, hall, days=20)
        pay(booking)  # the deposit confirms and invoices it
    first = Invoice.objects.get(booking=booking, kind="invoice")

    with django_capture_on_commit_callbacks(execute=True):
        assert move(alice_client, booking, days=21, hours=3).status_code == 200

    credit_note = Invoice.objects.get(booking=booking, kind="credit_note")
    assert credit_note.original == first and credit_note.total == -first.total
    second = Invoice.objects.filter(booking=booking, kind="invoice").exclude(pk=first.pk).get()
    assert second.replaces == first and second.total == Booking.objects.get(pk=booking.pk).total
    assert second.particulars["start"] != first.particulars["start"]
    documents = alice_client.get(f"/api/bookings/{booking.pk}/documents/").json()["items"]
    assert {document["number"] for document in documents} >= {first.number, credit_note.number, second.number}
    assert alice_client.get(f"/api/bookings/{booking.pk}/invoice").status_code == 200


def test_a_higher_price_raises_the_amount_due(alice, alice_client, hall):
    booking = book(alice, hall, days=20, hours=2)
    pay(booking, amount=booking.total)

    body = move(alice_client, booking, days=20, hours=4).json()

    assert body["status"] == "confirmed"
    assert body["amount_due"] == "2360.00"  # two more hours at 1,180


def test_a_lower_price_refunds_the_difference_through_the_payment(alice, alice_client, hall):
    booking = book(alice, hall, days=20, hours=4)
    pay(booking, amount=booking.total)  # 4,720.00

    body = move(alice_client, booking, days=20, hours=2).json()

    assert body["total"] == "2360.00"
    assert body["amount_refunded"] == "2360.00"
    assert [refund["amount"] for refund in body["refunds"]] == ["2360.00"]
    assert body["amount_due"] == "0.00"


def test_moving_twice_re_issues_the_invoice_twice_and_replaying_the_signal_issues_nothing(
    alice, alice_client, hall, django_capture_on_commit_callbacks
):
    from invoices.services import reissue_invoice_after_reschedule

    with django_capture_on_commit_callbacks(execute=True):
        booking = book(alice, hall, days=20)
        pay(booking)
    for days in (21, 22):
        with django_capture_on_commit_callbacks(execute=True):
            move(alice_client, booking, days=days)

    assert Invoice.objects.filter(booking=booking, kind="invoice").count() == 3
    assert Invoice.objects.filter(booking=booking, kind="credit_note").count() == 2
    assert reissue_invoice_after_reschedule(booking) is None
    assert Invoice.objects.filter(booking=booking).count() == 6  # 3 invoices, 2 credit notes, 1 receipt


def test_a_cancelled_or_started_booking_cannot_be_moved(alice, alice_client, hall):
    booking = book(alice, hall, days=20)
    alice_client.post(f"/api/bookings/{booking.pk}/cancel", {})

    assert move(alice_client, booking, days=21).status_code == 409


def test_a_lapsed_hold_cannot_be_moved(alice, alice_client, hall):
    booking = book(alice, hall, days=20)
    Booking.objects.filter(pk=booking.pk).update(hold_expires_at=timezone.now() - timedelta(minutes=1))

    assert move(alice_client, booking, days=21).status_code == 409


def test_cancelling_after_a_refunding_reschedule_credits_the_new_invoice(
    alice, alice_client, hall, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(alice, hall, days=20, hours=4)
        pay(booking, amount=booking.total)
    with django_capture_on_commit_callbacks(execute=True):
        move(alice_client, booking, days=20, hours=2)  # refunds half
    with django_capture_on_commit_callbacks(execute=True):
        assert alice_client.post(f"/api/bookings/{booking.pk}/cancel", {}).status_code == 200

    second = Invoice.objects.filter(booking=booking, kind="invoice").order_by("-id").first()
    credit_note = Invoice.objects.get(original=second, kind="credit_note")
    assert credit_note.total == -second.total
    assert alice_client.get(f"/api/bookings/{booking.pk}/refund-invoice").status_code == 200
    booking.refresh_from_db()
    assert booking.amount_refunded == booking.amount_paid  # 100 % back: three weeks' notice


def test_a_cheaper_move_whose_deposit_is_already_paid_confirms(alice, alice_client, hall):
    booking = book(alice, hall, days=20, hours=4)  # deposit 25 % of 4,720 = 1,180
    pay(booking, amount=booking.deposit_amount - 100)

    body = move(alice_client, booking, days=20, hours=2).json()  # deposit now 590

    assert body["status"] == "confirmed"
