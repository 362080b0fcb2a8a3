import pytest
from django.test import Client

from bookings.models import Booking, Refund
from tests.bookings.conftest import book
from tests.bookings.test_lists import make_bookings
from tests.conftest import group_with, make_staff, make_user

pytestmark = pytest.mark.django_db

STAFF_ACTIONS = ["confirm_selected", "cancel_selected_with_refund"]


def browser_of(user):
    browser = Client()
    browser.force_login(user)
    return browser


@pytest.fixture
def admin_browser(charlie):
    """The front desk (charlie): every booking permission, no superuser."""
    return browser_of(charlie)


@pytest.fixture
def viewer_browser(dave):
    return browser_of(dave)


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


def test_catalogue_admin_pages_load(hall, chairs):
    admin_browser = browser_of(make_user("root@example.com", is_staff=True, is_superuser=True))
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


@pytest.fixture
def pending_and_confirmed(alice, hall):
    pending = book(alice, hall, hour=8)
    Booking.objects.filter(pk=pending.pk).update(status=Booking.Status.PENDING)
    return pending, book(alice, hall, hour=14)


def test_the_front_desk_is_offered_confirm_and_cancel(admin_browser, pending_and_confirmed):
    page = admin_browser.get("/admin/bookings/booking/").content.decode()

    for action in STAFF_ACTIONS:
        assert f'value="{action}"' in page


def test_staff_with_view_permission_only_are_offered_no_action(viewer_browser, pending_and_confirmed):
    response = viewer_browser.get("/admin/bookings/booking/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Sangeet" in page
    assert 'name="action"' not in page
    for action in STAFF_ACTIONS:
        assert action not in page


@pytest.mark.parametrize("action", STAFF_ACTIONS)
def test_posting_an_action_without_its_permission_changes_nothing(viewer_browser, pending_and_confirmed, action):
    pending, confirmed = pending_and_confirmed

    response = viewer_browser.post(
        "/admin/bookings/booking/", {"action": action, "_selected_action": [pending.pk, confirmed.pk]}, follow=True
    )

    assert response.status_code == 200
    assert b"booking(s)" not in response.content
    assert Booking.objects.get(pk=pending.pk).status == Booking.Status.PENDING
    assert Booking.objects.get(pk=confirmed.pk).status == Booking.Status.CONFIRMED
    assert not Refund.objects.exists()


@pytest.mark.parametrize(
    "permission, allowed, refused",
    [("bookings.confirm_booking", "confirm_selected", "cancel_selected_with_refund"),
     ("bookings.cancel_booking", "cancel_selected_with_refund", "confirm_selected")],
)  # fmt: skip
def test_each_action_needs_its_own_permission(pending_and_confirmed, permission, allowed, refused):
    clerk = make_staff("clerk@example.com", "Clerk", group_with(permission, ["bookings.view_booking", permission]))
    page = browser_of(clerk).get("/admin/bookings/booking/").content.decode()

    assert f'value="{allowed}"' in page
    assert refused not in page


def test_staff_with_view_permission_only_cannot_edit_a_booking(viewer_browser, alice, hall):
    booking = book(alice, hall)
    page = viewer_browser.get(f"/admin/bookings/booking/{booking.pk}/change/")

    response = viewer_browser.post(
        f"/admin/bookings/booking/{booking.pk}/change/", {"title": "Renamed", "kind": "event"}
    )

    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert response.status_code == 403
    assert Booking.objects.get(pk=booking.pk).title == "Sangeet"


def test_booking_page_offers_invoice_downloads_only_to_who_may_view_invoices(alice, hall):
    booking = book(alice, hall)
    clerk = make_staff("clerk@example.com", "Clerk", group_with("Bookings only", ["bookings.view_booking"]))
    clerk_browser = browser_of(clerk)
    link = f"/admin/invoices/invoice/booking/{booking.pk}/invoice/"

    assert link not in clerk_browser.get(f"/admin/bookings/booking/{booking.pk}/change/").content.decode()
    assert clerk_browser.get(link).status_code == 403
