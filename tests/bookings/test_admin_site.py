from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from bookings.forms import VenueAdminForm
from bookings.models import Booking, Closure, Refund, Venue
from bookings.rules import DEFAULT_RULES
from bookings.services import confirm_booking
from tests.bookings.conftest import book
from tests.bookings.test_lists import make_bookings
from tests.conftest import group_with, make_staff, make_user

pytestmark = pytest.mark.django_db

STAFF_ACTIONS = ["confirm_selected", "cancel_selected_with_refund", "record_offline_payment"]


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


def test_actions_confirm_pay_and_cancel_through_the_services(admin_browser, alice, hall):
    pending = book(alice, hall, hour=8)
    paid = book(alice, hall, days=30, hour=14)

    admin_browser.post("/admin/bookings/booking/", {"action": "confirm_selected", "_selected_action": [pending.pk]})
    assert Booking.objects.get(pk=pending.pk).status == Booking.Status.CONFIRMED

    response = admin_browser.post(
        "/admin/bookings/booking/",
        {"action": "record_offline_payment", "_selected_action": [paid.pk], "method": "cash", "reference": "R-17"},
        follow=True,
    )
    assert b"1 booking(s) paid." in response.content
    paid.refresh_from_db()
    assert (paid.status, paid.amount_paid) == (Booking.Status.CONFIRMED, paid.deposit_amount)

    response = admin_browser.post(
        "/admin/bookings/booking/",
        {"action": "cancel_selected_with_refund", "_selected_action": [paid.pk]},
        follow=True,
    )
    assert b"1 booking(s) cancelled." in response.content
    refund = Refund.objects.get(booking=paid)
    assert (refund.percent, refund.amount, refund.reason, refund.provider) == (
        100, paid.deposit_amount, "Cancelled by staff", "offline",
    )  # fmt: skip


def test_catalogue_admin_pages_load(hall, chairs):
    admin_browser = browser_of(make_user("root@example.com", is_staff=True, is_superuser=True))
    for path in (
        "/admin/bookings/venue/",
        "/admin/bookings/item/",
        "/admin/bookings/refund/",
        "/admin/payments/payment/",
        "/admin/payments/providerevent/",
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
    confirmed = book(alice, hall, hour=14)
    confirm_booking(confirmed)
    return book(alice, hall, hour=8), confirmed


def test_the_front_desk_is_offered_confirm_and_cancel(admin_browser, pending_and_confirmed):
    page = admin_browser.get("/admin/bookings/booking/").content.decode()

    for action in STAFF_ACTIONS:
        assert f'value="{action}"' in page


def test_staff_with_view_permission_only_are_offered_the_export_alone(viewer_browser, pending_and_confirmed):
    response = viewer_browser.get("/admin/bookings/booking/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Sangeet" in page
    # Exporting shows what the list shows: it needs view_booking only, as the API's export does.
    assert 'value="export_selected_to_csv"' in page
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


# --- Venue rules and closures in the admin (issue 12) ---


@pytest.fixture
def root_browser(db):
    return browser_of(make_user("root@example.com", is_staff=True, is_superuser=True))


def venue_form(venue, closures=(), **changes):
    """The POST a browser sends from the venue's change page as it was rendered, with `changes`."""
    data = {
        "name": venue.name, "slug": venue.slug, "city": venue.city, "address": venue.address,
        "state_code": venue.state_code, "timezone": venue.timezone, "capacity": venue.capacity,
        "hourly_rate": venue.hourly_rate, "gst_rate": venue.gst_rate, "sac_code": venue.sac_code,
        "description": venue.description, "is_active": "on",
        **VenueAdminForm.initial_from_rules(venue.rules),
        "closures-TOTAL_FORMS": len(closures), "closures-INITIAL_FORMS": 0,
        "closures-MIN_NUM_FORMS": 0, "closures-MAX_NUM_FORMS": 1000,
    }  # fmt: skip
    if data.pop("requires_approval"):  # an unticked checkbox is not sent at all
        data["requires_approval"] = "on"
    for number, (start, end, reason) in enumerate(closures):
        local_start, local_end = timezone.localtime(start), timezone.localtime(end)
        data.update({
            f"closures-{number}-start_0": local_start.date().isoformat(),
            f"closures-{number}-start_1": local_start.strftime("%H:%M:%S"),
            f"closures-{number}-end_0": local_end.date().isoformat(),
            f"closures-{number}-end_1": local_end.strftime("%H:%M:%S"),
            f"closures-{number}-reason": reason,
        })  # fmt: skip
    data.update(changes)
    return data


def test_the_venue_change_form_shows_the_rules_as_readable_fields(root_browser, mandap):
    page = root_browser.get(f"/admin/bookings/venue/{mandap.pk}/change/").content.decode()

    assert 'name="hours_mon" value="06:00-23:00"' in page
    assert 'name="buffer_minutes" value="60"' in page
    assert 'name="slot_minutes" value="30"' in page
    assert 'name="requires_approval"' in page
    assert "168h: 100%\n48h: 50%\n0h: 0%" in page
    assert "Opening hours (local time)" in page and "Closures" in page
    assert 'name="rules"' not in page


def test_new_hours_and_rules_from_the_admin_are_saved_as_the_normalised_json(root_browser, mandap):
    form = venue_form(
        mandap, hours_sat="17:00-24:00,  06:00 - 12:00", hours_sun="closed", hours_mon="", buffer_minutes=120,
        requires_approval="on", cancellation_policy="0h: 0%\n72h: 100%\n",
    )  # fmt: skip

    response = root_browser.post(f"/admin/bookings/venue/{mandap.pk}/change/", form)

    assert response.status_code == 302, response.context["adminform"].form.errors
    mandap.refresh_from_db()
    assert mandap.rules == {
        **DEFAULT_RULES,
        "opening_hours": {
            **DEFAULT_RULES["opening_hours"], "sat": [["06:00", "12:00"], ["17:00", "24:00"]], "sun": [], "mon": [],
        },
        "buffer_minutes": 120,
        "requires_approval": True,
        "cancellation_policy": [{"hours_before": 72, "refund_percent": 100}, {"hours_before": 0, "refund_percent": 0}],
    }  # fmt: skip


@pytest.mark.parametrize(
    "change, field",
    [
        ({"hours_tue": "23:00-06:00"}, "hours_tue"),
        ({"hours_tue": "06:00-12:00, 11:00-14:00"}, "hours_tue"),
        ({"hours_tue": "6am to 11pm"}, "hours_tue"),
        ({"hours_tue": "25:00-26:00"}, "hours_tue"),
        ({"slot_minutes": "7"}, "slot_minutes"),
        ({"deposit_percent": "0"}, "deposit_percent"),
        ({"min_duration_minutes": "600", "max_duration_minutes": "120"}, "min_duration_minutes"),
        ({"cancellation_policy": "a week: all"}, "cancellation_policy"),
        ({"cancellation_policy": "48h: 50%\n48h: 10%"}, "cancellation_policy"),
        ({"cancellation_policy": "48h: 150%"}, "cancellation_policy"),
    ],
)
def test_a_bad_rule_in_the_admin_is_a_form_error_and_changes_nothing(root_browser, mandap, change, field):
    response = root_browser.post(
        f"/admin/bookings/venue/{mandap.pk}/change/", venue_form(mandap, capacity=10, **change)
    )

    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    mandap.refresh_from_db()
    assert mandap.rules == DEFAULT_RULES and mandap.capacity == 300


def test_a_new_venue_from_the_admin_starts_from_the_default_rules(root_browser, mandap):
    form = venue_form(mandap, name="Lotus Hall", slug="lotus-mandap", buffer_minutes=0)

    assert root_browser.get("/admin/bookings/venue/add/").status_code == 200
    response = root_browser.post("/admin/bookings/venue/add/", form)

    assert response.status_code == 302
    assert Venue.objects.get(slug="lotus-mandap").rules == {**DEFAULT_RULES, "buffer_minutes": 0}


def test_a_closure_added_in_the_admin_is_saved_and_one_over_a_booking_is_a_form_error(root_browser, alice, hall):
    booking = book(alice, hall, days=10, hour=10, hours=2)
    free_start = booking.start_datetime + timedelta(days=1)
    over_start = booking.start_datetime - timedelta(hours=1)

    saved = root_browser.post(
        f"/admin/bookings/venue/{hall.pk}/change/",
        venue_form(hall, closures=[(free_start, free_start + timedelta(hours=5), "Diwali deep clean")]),
    )
    refused = root_browser.post(
        f"/admin/bookings/venue/{hall.pk}/change/",
        venue_form(hall, closures=[(over_start, over_start + timedelta(hours=2), "Leak")], capacity=10),
    )

    assert saved.status_code == 302
    assert list(Closure.objects.values_list("start", "reason")) == [(free_start, "Diwali deep clean")]
    assert refused.status_code == 200
    assert f"Active bookings overlap this closure: #{booking.pk}" in refused.content.decode()
    hall.refresh_from_db()
    assert Closure.objects.count() == 1 and hall.capacity == 300


def test_venue_and_item_changelists_show_capacity_time_zone_stock_and_sac_code(root_browser, hall, chairs):
    chairs.stock, chairs.sac_code = 500, "997319"
    chairs.save()

    venues = root_browser.get("/admin/bookings/venue/").content.decode()
    items = root_browser.get("/admin/bookings/item/").content.decode()

    assert "Asia/Kolkata" in venues and "Bengaluru" in venues and 'class="field-capacity">300<' in venues
    assert 'class="field-stock">500<' in items and "997319" in items
