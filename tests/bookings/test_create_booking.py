import pytest
from model_bakery import baker

from bookings.models import Booking, BookingItem
from bookings.services import SlotUnavailable, create_booking
from bookings.signals import booking_held
from tests.bookings.conftest import book, booking_payload, slot

pytestmark = pytest.mark.django_db


def test_customer_books_a_free_slot(alice_client, alice, hall, chairs):
    response = alice_client.post(
        "/api/bookings/", booking_payload(hall, items=[{"item": chairs.pk, "quantity": 10}]), format="json"
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "pending"
    assert body["hold_expires_at"] is not None  # the deposit is 25 % while the balance is not due yet
    assert (body["deposit_amount"], body["amount_due"], body["amount_paid"]) == ("663.75", "663.75", "0.00")
    assert body["customer_email"] == alice.email
    assert body["user"] == alice.pk
    assert body["venue_name"] == "Rangoli Hall"
    assert (body["subtotal"], body["tax_total"], body["total"]) == ("2250.00", "405.00", "2655.00")
    assert body["items"] == [
        {"item": chairs.pk, "item_name": "Chair", "quantity": 10, "unit_price": "25.00", "gst_rate": "18.00"}
    ]
    assert body["refunds"] == []
    assert Booking.objects.filter(user=alice).count() == 1


@pytest.mark.parametrize(
    "hour, hours",
    [(10, 2), (9, 2), (11, 2), (10, 1), (8, 6)],
    ids=["same", "overlaps-start", "overlaps-end", "inside", "around"],
)
def test_overlapping_slot_on_the_same_venue_is_409(alice, bob_client, hall, hour, hours):
    book(alice, hall, hour=10, hours=2)

    response = bob_client.post("/api/bookings/", booking_payload(hall, hour=hour, hours=hours), format="json")

    assert response.status_code == 409
    assert response.json()["code"] == "slot_unavailable"
    taken_start, taken_end = slot(hour=10, hours=2)
    assert response.json()["conflicts"] == [{"start": taken_start.isoformat(), "end": taken_end.isoformat()}]
    assert Booking.objects.count() == 1


def test_back_to_back_slots_and_other_venues_are_free(alice, bob_client, hall, studio):
    book(alice, hall, hour=10, hours=2)

    assert bob_client.post("/api/bookings/", booking_payload(hall, hour=12), format="json").status_code == 201
    assert bob_client.post("/api/bookings/", booking_payload(hall, hour=8), format="json").status_code == 201
    assert bob_client.post("/api/bookings/", booking_payload(studio, hour=10), format="json").status_code == 201


def test_a_cancelled_booking_frees_its_slot(alice, bob_client, hall):
    booking = book(alice, hall)
    Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.CANCELLED)

    assert bob_client.post("/api/bookings/", booking_payload(hall), format="json").status_code == 201


@pytest.mark.parametrize(
    "change, field",
    [
        ({"hours": 0}, "end_datetime"),
        ({"kind": "party"}, "kind"),
        ({"title": ""}, "title"),
        ({"venue": 999999}, "venue"),
        ({"items": [{"item": 999999, "quantity": 1}]}, "items"),
        ({"items": [{"quantity": 0}]}, "items"),
    ],
    ids=["empty-slot", "kind", "title", "unknown-venue", "unknown-item", "zero-quantity"],
)
def test_bad_input_is_400_with_the_field_named_and_nothing_written(alice_client, hall, chairs, change, field):
    slot_change = {key: change.pop(key) for key in ("days", "hours") if key in change}
    payload = booking_payload(hall, **slot_change)
    if change.get("items") and "item" not in change["items"][0]:
        change["items"][0]["item"] = chairs.pk
    payload.update(change)

    response = alice_client.post("/api/bookings/", payload, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Booking.objects.exists()


def test_inactive_venue_and_items_are_refused(alice_client, hall, chairs):
    chairs.is_active = False
    chairs.save()
    response = alice_client.post(
        "/api/bookings/", booking_payload(hall, items=[{"item": chairs.pk, "quantity": 1}]), format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"items": ["Not available: Chair."]}

    hall.is_active = False
    hall.save()
    assert "venue" in alice_client.post("/api/bookings/", booking_payload(hall), format="json").json()


def test_anonymous_cannot_book(anon_client, hall):
    assert anon_client.post("/api/bookings/", booking_payload(hall), format="json").status_code == 401


def test_a_failure_while_writing_items_leaves_no_booking(alice, hall, chairs, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(BookingItem.objects, "bulk_create", fail)
    start, end = slot()

    with pytest.raises(RuntimeError):
        create_booking(alice, hall, start, end, "event", "Sangeet", [{"item": chairs, "quantity": 2}])

    assert not Booking.objects.exists()


def test_booking_held_is_sent_once_the_transaction_commits(alice, hall, django_capture_on_commit_callbacks):
    received = []
    booking_held.connect(lambda sender, booking, **kwargs: received.append(booking.pk), weak=False, dispatch_uid="t")
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            booking = book(alice, hall)
        assert received == []
        for callback in callbacks:
            callback()
        assert received == [booking.pk]
    finally:
        booking_held.disconnect(dispatch_uid="t")


def test_no_signal_when_the_booking_is_refused(alice, bob, hall, django_capture_on_commit_callbacks):
    book(alice, hall)
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(SlotUnavailable):
        book(bob, hall)
    assert callbacks == []


def test_staff_see_inactive_catalogue_rows_but_customers_do_not(alice_client, staff_client, hall):
    baker.make(
        "bookings.Venue", slug="closed", name="Closed", state_code="29", capacity=1, hourly_rate=1, is_active=False
    )

    assert [venue["slug"] for venue in alice_client.get("/api/venues/").json()["items"]] == ["rangoli-hall"]
    assert staff_client.get("/api/venues/").json()["pagination"]["total"] == 2


def test_a_failing_receiver_never_turns_a_committed_booking_into_an_error(
    alice_client, alice, hall, django_capture_on_commit_callbacks, caplog
):
    def broken_receiver(sender, booking, **kwargs):
        raise RuntimeError("mail server on fire")

    booking_held.connect(broken_receiver, weak=False, dispatch_uid="broken")
    try:
        with django_capture_on_commit_callbacks(execute=True), caplog.at_level("ERROR", "lebrq.bookings"):
            response = alice_client.post("/api/bookings/", booking_payload(hall), format="json")
    finally:
        booking_held.disconnect(dispatch_uid="broken")

    assert response.status_code == 201, response.json()
    assert Booking.objects.filter(pk=response.json()["id"], status="pending").exists()
    assert "broken_receiver failed for booking" in caplog.text and "mail server on fire" in caplog.text
