from datetime import datetime

import pytest
import time_machine
from django.core.cache import cache
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
    """Each test starts with an empty cache (throttle counters!) and its own MEDIA_ROOT."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    cache.clear()
    yield
    cache.clear()


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


@pytest.fixture
def charlie(db):
    """Staff."""
    return make_user("charlie@example.com", full_name="Charlie Staff", state_code="29", is_staff=True)


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
def is_mysql(django_db_blocker):
    from django.db import connection

    return connection.vendor == "mysql"


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
