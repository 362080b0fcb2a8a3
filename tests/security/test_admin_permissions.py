"""Admin actions on media and accounts need their model permission; being staff is not enough."""

import pytest
from django.test import Client

from tests.conftest import group_with, make_staff, make_user
from tests.uploads.conftest import media_files
from tests.uploads.test_commands import stored_image  # noqa: F401 (a fixture)
from uploads.models import MediaFile

pytestmark = pytest.mark.django_db


def browser_of(user):
    browser = Client()
    browser.force_login(user)
    return browser


def test_staff_with_view_permission_only_cannot_delete_media(dave, stored_image, settings):
    browser = browser_of(dave)
    stored = media_files(settings)

    listing = browser.get("/admin/uploads/mediafile/").content.decode()
    action = browser.post(
        "/admin/uploads/mediafile/", {"action": "delete_with_files", "_selected_action": [stored_image.pk]}
    )
    delete_page = browser.post(f"/admin/uploads/mediafile/{stored_image.pk}/delete/", {"post": "yes"})

    assert stored_image.original_name in listing and "delete_with_files" not in listing
    assert action.status_code == 200
    assert delete_page.status_code == 403
    assert MediaFile.objects.filter(pk=stored_image.pk).exists()
    assert media_files(settings) == stored


def test_the_front_desk_deletes_media_with_their_files(
    charlie, stored_image, settings, django_capture_on_commit_callbacks
):
    browser = browser_of(charlie)

    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(
            "/admin/uploads/mediafile/", {"action": "delete_with_files", "_selected_action": [stored_image.pk]}
        )

    assert response.status_code == 302
    assert not MediaFile.objects.exists()
    assert media_files(settings) == []


@pytest.fixture
def account_manager(db):
    """Staff who may look after customer accounts (view and change users), and no more."""
    return make_staff(
        "manager@example.com", "Account Manager", group_with("Accounts", ["accounts.view_user", "accounts.change_user"])
    )


def change_form(user, **changes):
    """The POST body of the user change form, as the admin page would send it."""
    fields = {"email": user.email, "full_name": user.full_name, "phone": user.phone, "state_code": user.state_code,
              "gstin": user.gstin, "is_active": "on", "last_login_0": "", "last_login_1": "",
              "date_joined_0": user.date_joined.strftime("%Y-%m-%d"), "date_joined_1": "10:00:00"}  # fmt: skip
    return {**fields, **changes}


def test_changing_users_does_not_let_staff_grant_themselves_access(account_manager, alice):
    browser = browser_of(account_manager)
    everything = group_with("Everything", ["accounts.delete_user", "bookings.cancel_booking"])

    own = browser.post(
        f"/admin/accounts/user/{account_manager.pk}/change/",
        change_form(account_manager, is_superuser="on", groups=[everything.pk]),
    )
    customer = browser.post(f"/admin/accounts/user/{alice.pk}/change/", change_form(alice, is_staff="on", phone="98"))

    assert own.status_code == 302 and customer.status_code == 302
    account_manager.refresh_from_db()
    alice.refresh_from_db()
    assert not account_manager.is_superuser
    assert list(account_manager.groups.values_list("name", flat=True)) == ["Accounts"]
    assert alice.phone == "98" and not alice.is_staff


def test_only_a_superuser_changes_a_superuser(account_manager):
    root = make_user("root@example.com", is_staff=True, is_superuser=True)
    browser = browser_of(account_manager)

    password = browser.post(
        f"/admin/accounts/user/{root.pk}/password/", {"password1": "taken-over-1", "password2": "taken-over-1"}
    )
    change = browser.post(f"/admin/accounts/user/{root.pk}/change/", change_form(root, is_active=""))

    assert password.status_code == 403 and change.status_code == 403
    root.refresh_from_db()
    assert root.is_active and not root.check_password("taken-over-1")
    assert browser_of(root).post(f"/admin/accounts/user/{root.pk}/change/", change_form(root)).status_code == 302


def test_staff_without_any_permission_see_an_empty_admin(db):
    erin = make_user("erin@example.com", is_staff=True)
    browser = browser_of(erin)

    index = browser.get("/admin/")

    assert index.status_code == 200
    assert "have permission to view or edit anything" in index.content.decode()
    for path in ("/admin/bookings/booking/", "/admin/invoices/invoice/", "/admin/accounts/user/"):
        assert browser.get(path).status_code == 403
