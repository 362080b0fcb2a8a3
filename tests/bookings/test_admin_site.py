import pytest
from django.test import Client

from bookings.models import Booking, Refund
from tests.bookings.conftest import book
from tests.bookings.test_lists import make_bookings

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_browser(charlie):
    charlie.is_superuser = True
    charlie.save()
    browser = Client()
    browser.force_login(charlie)
    return browser


def test_changelist_queries_do_not_grow_with_rows(admin_browser, alice, bob, hall, django_assert_max_num_queries):
    make_bookings(alice, hall, 5)
    with django_assert_max_num_queries(12) as few:
        assert admin_browser.get("/admin/bookings/booking/").status_code == 200
    make_bookings(bob, hall, 80, first_day=40)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = admin_browser.get("/admin/bookings/booking/?q=bob")
    assert response.status_code == 200
    assert b"bob@example.com" in response.content


def test_change_form_shows_items_and_refund_inlines(admin_browser, alice, hall, chairs):
    booking = book(alice, hall, items=[{"item": chairs, "quantity": 3}])

    response = admin_browser.get(f"/admin/bookings/booking/{booking.pk}/change/")

    assert response.status_code == 200
    assert b"Chair" in response.content
    assert admin_browser.get("/admin/bookings/booking/add/").status_code == 403


def test_actions_confirm_and_cancel_through_the_services(admin_browser, alice, hall):
    pending = book(alice, hall, hour=8)
    Booking.objects.filter(pk=pending.pk).update(status=Booking.Status.PENDING)
    confirmed = book(alice, hall, hour=14)

    admin_browser.post(
        "/admin/bookings/booking/", {"action": "confirm_selected", "_selected_action": [pending.pk, confirmed.pk]}
    )
    assert Booking.objects.get(pk=pending.pk).status == Booking.Status.CONFIRMED

    response = admin_browser.post(
        "/admin/bookings/booking/",
        {"action": "cancel_selected_with_refund", "_selected_action": [confirmed.pk]},
        follow=True,
    )
    assert b"1 booking(s) cancelled." in response.content
    refund = Refund.objects.get(booking=confirmed)
    assert (refund.percent, refund.amount, refund.reason) == (100, confirmed.total, "Cancelled by staff")


def test_catalogue_admin_pages_load(admin_browser, hall, chairs):
    for path in (
        "/admin/bookings/venue/",
        "/admin/bookings/item/",
        "/admin/bookings/refund/",
        "/admin/bookings/idempotencykey/",
    ):
        assert admin_browser.get(path).status_code == 200
    assert (
        admin_browser.get(
            "/admin/autocomplete/?app_label=bookings&model_name=booking&field_name=user&term=ali"
        ).status_code
        == 200
    )


def test_changelist_works_without_database_time_zone_support(admin_browser, alice, hall, monkeypatch):
    from bookings import admin as bookings_admin

    book(alice, hall)
    monkeypatch.setattr(bookings_admin, "database_converts_time_zones", lambda: False)
    model_admin = bookings_admin.admin.site._registry[Booking]
    monkeypatch.setattr(model_admin, "date_hierarchy", "start_datetime")

    response = admin_browser.get("/admin/bookings/booking/")

    assert response.status_code == 200
    assert b"Sangeet" in response.content
