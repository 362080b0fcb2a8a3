from datetime import datetime

import pytest
import time_machine
from django.core.cache import caches
from model_bakery import baker
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from tests.server import GunicornServer, environment_for_test_server

PASSWORD = "correct horse battery staple"


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        metavar="ISO_DATETIME",
        help="Run every in-process test with the clock moved to this instant (ticking), e.g. "
        "2027-03-31T23:59:30+05:30, to prove the suite passes at any hour. Tests against a gunicorn "
        "server are skipped: the server keeps the real clock.",
    )


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "real_clock: compares this process's time with another process's clock; --clock skips it"
    )


@pytest.fixture(autouse=True)
def clock_from_option(request):
    moment = request.config.getoption("--clock")
    if not moment:
        yield
        return
    if "gunicorn_server" in request.fixturenames or request.node.get_closest_marker("real_clock"):
        pytest.skip("--clock moves only this process's clock, not a server's or a worker's")
    with time_machine.travel(datetime.fromisoformat(moment), tick=True):
        yield


@pytest.fixture(autouse=True)
def isolated_cache_and_media(settings, tmp_path):
    """Each test starts with empty caches (throttle counters have their own) and its own MEDIA_ROOT."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    for each in caches.all():
        each.clear()
    yield
    for each in caches.all():
        each.clear()


def make_user(email, **fields):
    return baker.make("accounts.User", email=email, password=_hashed(PASSWORD), **fields)


def _hashed(password):
    from django.contrib.auth.hashers import make_password

    return make_password(password)


@pytest.fixture
def alice(db):
    """A customer in Karnataka (same state as the seller: CGST + SGST)."""
    return make_user("alice@example.com", full_name="Alice Rao", state_code="29")


@pytest.fixture
def bob(db):
    """A customer in Maharashtra (another state: IGST)."""
    return make_user("bob@example.com", full_name="Bob Patil", state_code="27")


# What a member of staff may only look at (the admin's and the staff API's read routes).
VIEW_ONLY = [
    "bookings.view_booking", "bookings.view_venue", "bookings.view_item", "bookings.view_refund",
    "invoices.view_invoice", "uploads.view_mediafile", "jobs.view_bookingnotification", "payments.view_payment",
]  # fmt: skip
# The front desk also confirms and cancels bookings and keeps the catalogue.
FRONT_DESK = [
    *VIEW_ONLY, "bookings.change_booking", "bookings.confirm_booking", "bookings.cancel_booking",
    "bookings.add_venue", "bookings.change_venue", "bookings.add_item", "bookings.change_item",
    "uploads.delete_mediafile", "payments.add_payment", "bookings.settle_refund",
]  # fmt: skip


def pay(booking, amount=None, method="upi", reference="UPI-TEST", by=None):
    """Record money received at the desk for `booking` (the deposit by default), through the service."""
    from payments.services import record_offline_payment

    booking.refresh_from_db()
    return record_offline_payment(booking, by, booking.amount_due if amount is None else amount, method, reference)


def group_with(name, permissions):
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=name)
    for permission in permissions:
        app_label, codename = permission.split(".")
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return group


def make_staff(email, full_name, group):
    user = make_user(email, full_name=full_name, state_code="29", is_staff=True)
    user.groups.add(group)
    return user


@pytest.fixture
def charlie(db):
    """Staff at the front desk: sees every booking, confirms and cancels them, keeps the catalogue."""
    return make_staff("charlie@example.com", "Charlie Staff", group_with("Test desk", FRONT_DESK))


@pytest.fixture
def dave(db):
    """Staff who may only look: every staff action is refused to him."""
    return make_staff("dave@example.com", "Dave Viewer", group_with("Viewers", VIEW_ONLY))


def bearer_client(user):
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(user).access_token}")
    return client


@pytest.fixture
def anon_client():
    return APIClient()


@pytest.fixture
def alice_client(alice):
    return bearer_client(alice)


@pytest.fixture
def bob_client(bob):
    return bearer_client(bob)


@pytest.fixture
def staff_client(charlie):
    return bearer_client(charlie)


@pytest.fixture
def viewer_client(dave):
    return bearer_client(dave)


@pytest.fixture
def is_mysql(django_db_blocker):
    from django.db import connection

    return connection.vendor == "mysql"


@pytest.fixture
def mysql_driver():
    """Tests that point a server at a fake MySQL need the driver, which `make` installs only
    for a mysql:// DATABASE_URL: they run in CI's MariaDB pass and skip on a SQLite-only machine."""
    pytest.importorskip("MySQLdb", reason="needs the MySQL driver (installed when DATABASE_URL is mysql://)")


@pytest.fixture
def requires_mysql(is_mysql):
    if not is_mysql:
        pytest.skip("needs MySQL/MariaDB (run with DATABASE_URL=mysql://...)")


@pytest.fixture
def gunicorn_server(transactional_db, tmp_path):
    """Factory: `gunicorn_server(WEB_CONCURRENCY=1, MEMORY_THRESHOLD_PERCENT=1)` starts the app
    under gunicorn against the test database and stops it after the test."""
    servers = []

    def start(**env_overrides):
        server = GunicornServer(tmp_path, environment_for_test_server(tmp_path, env_overrides))
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.stop()
