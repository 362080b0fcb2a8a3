"""Staff API routes check model permissions, not only is_staff.

Personas: charlie (front desk: view, confirm, cancel, catalogue), dave (staff, view only),
erin (is_staff without any permission), root (superuser), alice (the customer).
"""

from datetime import timedelta

import pytest

from bookings.models import Booking, Item, Refund, Venue
from tests.bookings.conftest import book, chairs, hall  # noqa: F401 (chairs and hall are fixtures)
from tests.conftest import bearer_client, make_user, pay

pytestmark = pytest.mark.django_db

NEW_VENUE = {"name": "Lotus Lawn", "slug": "lotus-lawn", "city": "Pune", "state_code": "27", "capacity": 200,
             "hourly_rate": "1500.00"}  # fmt: skip


@pytest.fixture
def erin(db):
    """is_staff and nothing else: she reaches the admin's index and no staff route."""
    return make_user("erin@example.com", full_name="Erin Plain", state_code="29", is_staff=True)


@pytest.fixture
def root(db):
    return make_user("root@example.com", is_staff=True, is_superuser=True)


@pytest.fixture
def client_as(alice, charlie, dave, erin, root):
    users = {"alice": alice, "charlie": charlie, "dave": dave, "erin": erin, "root": root}
    return lambda persona: bearer_client(users[persona])


@pytest.fixture
def alices_booking(alice, hall):
    """Confirmed and paid in full at the desk."""
    booking = book(alice, hall, days=20)
    pay(booking, booking.total)
    booking.refresh_from_db()
    return booking


READS = [
    "/api/admin/bookings/",
    "/api/admin/bookings/today/",
    "/api/admin/bookings/export?format=csv",
    "/api/admin/bookings/export?format=ndjson",
    "/api/admin/bookings/{booking}/invoice",
]
READERS = {"alice": 403, "erin": 403, "dave": 200, "charlie": 200, "root": 200}


@pytest.mark.parametrize("persona, status", READERS.items())
@pytest.mark.parametrize("path", READS)
def test_staff_reads_need_the_view_permission(client_as, alices_booking, path, persona, status):
    response = client_as(persona).get(path.format(booking=alices_booking.pk))

    assert response.status_code == status
    if status == 403:
        assert response.json() == {"detail": "You do not have permission to perform this action."}


@pytest.mark.parametrize("persona, status", {"erin": 404, "dave": 200, "charlie": 200, "root": 200}.items())
def test_seeing_a_customers_booking_on_the_customer_routes_needs_view_booking(
    client_as, alices_booking, persona, status
):
    client = client_as(persona)

    assert client.get(f"/api/bookings/{alices_booking.pk}/").status_code == status
    listed = {row["id"] for row in client.get("/api/bookings/").json()["items"]}
    assert (alices_booking.pk in listed) is (status == 200)


@pytest.mark.parametrize("persona, status", {"erin": 404, "dave": 403, "charlie": 200, "root": 200}.items())
def test_cancelling_a_customers_booking_needs_cancel_booking(client_as, alices_booking, persona, status):
    response = client_as(persona).post(f"/api/bookings/{alices_booking.pk}/cancel/", format="json")

    assert response.status_code == status
    alices_booking.refresh_from_db()
    if status == 200:
        assert alices_booking.status == Booking.Status.CANCELLED
        assert Refund.objects.get(booking=alices_booking).percent == 100  # 20 days' notice, by the policy
    else:
        assert alices_booking.status == Booking.Status.CONFIRMED
        assert not Refund.objects.exists()


def test_the_customer_still_cancels_her_own_booking_under_the_policy(client_as, alices_booking):
    response = client_as("alice").post(f"/api/bookings/{alices_booking.pk}/cancel/", format="json")

    assert response.status_code == 200
    assert Refund.objects.get(booking=alices_booking).percent == 100  # 20 days' notice


MONEY_WRITERS = {"alice": 403, "erin": 403, "dave": 403, "charlie": 201, "root": 201}


@pytest.mark.parametrize("persona, status", MONEY_WRITERS.items())
def test_recording_a_payment_needs_add_payment(client_as, alice, hall, persona, status):
    booking = book(alice, hall, days=20)
    body = {"amount": str(booking.deposit_amount), "method": "cash", "reference": "R1"}

    response = client_as(persona).post(f"/api/admin/bookings/{booking.pk}/payments/", body, format="json")

    assert response.status_code == status
    booking.refresh_from_db()
    assert booking.amount_paid == (booking.deposit_amount if status == 201 else 0)


@pytest.mark.parametrize("persona, status", {"alice": 403, "dave": 403, "charlie": 200, "root": 200}.items())
def test_confirming_without_payment_needs_confirm_booking(client_as, alice, hall, persona, status):
    booking = book(alice, hall, days=20)

    response = client_as(persona).post(f"/api/admin/bookings/{booking.pk}/confirm", {"pay_later": True})

    assert response.status_code == status
    booking.refresh_from_db()
    assert booking.status == ("confirmed" if status == 200 else "pending")


@pytest.mark.parametrize("persona, status", {"dave": 403, "charlie": 403, "root": 200}.items())
def test_refunding_above_the_policy_needs_the_manager_permission(client_as, alices_booking, persona, status):
    Booking.objects.filter(pk=alices_booking.pk).update(
        start_datetime=alices_booking.start_datetime - timedelta(days=19),
        end_datetime=alices_booking.end_datetime - timedelta(days=19),
    )  # a day's notice: the policy refunds nothing

    response = client_as(persona).post(
        f"/api/admin/bookings/{alices_booking.pk}/cancel", {"reason": "Goodwill", "refund_percent": 100}
    )

    assert response.status_code == status
    refunded = sum(refund.amount for refund in Refund.objects.filter(booking=alices_booking))
    assert refunded == (alices_booking.total if status == 200 else 0)


CATALOGUE_WRITES = [
    ("post", "/api/venues/", NEW_VENUE, Venue, 201),
    ("patch", "/api/venues/{hall}/", {"is_active": False}, Venue, 200),
    ("post", "/api/items/", {"name": "Mic", "unit_price": "300.00"}, Item, 201),
    ("patch", "/api/items/{chairs}/", {"unit_price": "1.00"}, Item, 200),
]


@pytest.mark.parametrize("persona", ["erin", "dave", "charlie", "root"])
@pytest.mark.parametrize("method, path, body, model, success", CATALOGUE_WRITES)
def test_catalogue_writes_need_add_or_change_permission(
    client_as, hall, chairs, persona, method, path, body, model, success
):
    before = list(model.objects.order_by("pk").values())

    response = getattr(client_as(persona), method)(path.format(hall=hall.pk, chairs=chairs.pk), body, format="json")

    if persona in ("charlie", "root"):
        assert response.status_code == success, response.content
    else:
        assert response.status_code == 403
        assert list(model.objects.order_by("pk").values()) == before


def test_staff_without_view_permission_see_only_active_catalogue_rows(client_as, hall, chairs):
    Venue.objects.filter(pk=hall.pk).update(is_active=False)
    Item.objects.filter(pk=chairs.pk).update(is_active=False)

    assert client_as("erin").get("/api/venues/").json()["pagination"]["total"] == 0
    assert client_as("erin").get("/api/items/").json()["pagination"]["total"] == 0
    assert client_as("dave").get("/api/venues/").json()["pagination"]["total"] == 1
    assert client_as("dave").get("/api/items/").json()["pagination"]["total"] == 1


def test_a_method_no_route_takes_is_still_405_for_staff(client_as, hall):
    assert client_as("charlie").delete(f"/api/venues/{hall.pk}/").status_code == 405
