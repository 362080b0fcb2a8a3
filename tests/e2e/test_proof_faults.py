"""Fault injection against a real gunicorn: the database connection killed under a worker,
the database unreachable or silent, Redis down.

Covered elsewhere, not repeated here: a client that goes away mid-download
(tests/e2e/test_media_gunicorn.py, tests/e2e/test_invoices_gunicorn.py) or mid-upload and a
full disk during an upload (tests/e2e/test_uploads_gunicorn.py), and the memory guard under
a forced threshold shedding writes while reads pass (tests/e2e/test_foundation_gunicorn.py).
"""

import socket
import threading
import time

import pytest
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from rest_framework_simplejwt.tokens import RefreshToken

from tests.server import free_port

pytestmark = pytest.mark.e2e


def bearer(user):
    return {"Authorization": f"Bearer {RefreshToken.for_user(user).access_token}"}


def other_connection_ids():
    """MariaDB connection ids on the test database other than this test's own."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM information_schema.processlist WHERE db = DATABASE() AND id <> CONNECTION_ID()")
        return {row[0] for row in cursor.fetchall()}


def test_a_killed_database_connection_is_replaced_on_the_next_request(requires_mysql, gunicorn_server, alice):
    server = gunicorn_server(WEB_CONCURRENCY=1, GUNICORN_THREADS=1, CONN_MAX_AGE=60)
    me = server.url("/api/auth/me")
    assert requests.get(me, headers=bearer(alice), timeout=10).status_code == 200
    persistent = other_connection_ids()
    assert persistent, "the worker should keep its connection open between requests (CONN_MAX_AGE)"

    with connection.cursor() as cursor:
        for connection_id in persistent:
            cursor.execute(f"KILL {int(connection_id)}")

    response = requests.get(me, headers=bearer(alice), timeout=10)
    assert response.status_code == 200, response.text
    assert response.json()["email"] == "alice@example.com"
    assert other_connection_ids().isdisjoint(persistent)


@pytest.fixture
def silent_database():
    """A port that accepts connections and never says a word, like a MySQL host that hangs."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    accepted = []
    stop = threading.Event()

    def accept_and_hold():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept_and_hold, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for held in accepted:
        held.close()
    listener.close()


def assert_database_503_within(server, seconds):
    for path, detail in [
        ("/api/health", "Unavailable: database"),
        ("/api/venues/", "Database temporarily unavailable; retry shortly."),
        ("/api/auth/token", "Database temporarily unavailable; retry shortly."),
    ]:
        started = time.monotonic()
        if path == "/api/auth/token":
            response = requests.post(server.url(path), json={"email": "a@example.com", "password": "x"}, timeout=30)
        else:
            response = requests.get(server.url(path), timeout=30)
        elapsed = time.monotonic() - started
        assert response.status_code == 503, (path, response.status_code, response.text[:300])
        assert response.json()["detail"] == detail
        assert elapsed < seconds, (path, elapsed)


def test_database_refusing_connections_is_503_with_a_clear_message(mysql_driver, gunicorn_server):
    server = gunicorn_server(DATABASE_URL=f"mysql://root@127.0.0.1:{free_port()}/lebrq", CONN_MAX_AGE=60)

    assert_database_503_within(server, seconds=5)
    assert requests.get(server.url("/api/health/memory"), timeout=5).status_code == 200


def test_database_that_never_answers_is_503_after_the_connect_timeout(mysql_driver, gunicorn_server, silent_database):
    server = gunicorn_server(
        DATABASE_URL=f"mysql://root@127.0.0.1:{silent_database}/lebrq", DATABASE_CONNECT_TIMEOUT=2, WEB_CONCURRENCY=1
    )

    assert_database_503_within(server, seconds=8)
    assert requests.get(server.url("/api/health/memory"), timeout=5).status_code == 200


def test_redis_down_degrades_cache_and_throttles_without_500s(gunicorn_server, django_user_model, alice, charlie):
    # gunicorn runs the production settings, which do not accept the tests' fast MD5 hashes.
    password = PBKDF2PasswordHasher().encode("a long passphrase 42", PBKDF2PasswordHasher().salt())
    django_user_model.objects.create(email="dana@example.com", password=password)
    server = gunicorn_server(CACHE_URL=f"redis://127.0.0.1:{free_port()}/0", THROTTLE_RATE_AUTH="5/min")

    answers = {
        "login": requests.post(
            server.url("/api/auth/token"),
            json={"email": "dana@example.com", "password": "a long passphrase 42"},
            timeout=10,
        ),
        "venues": requests.get(server.url("/api/venues/"), timeout=10),
        "my bookings": requests.get(server.url("/api/bookings/"), headers=bearer(alice), timeout=10),
        "admin list": requests.get(server.url("/api/admin/bookings/"), headers=bearer(charlie), timeout=10),
        "admin today": requests.get(server.url("/api/admin/bookings/today/"), headers=bearer(charlie), timeout=10),
        "programmes": requests.get(server.url("/api/programs/regular/"), timeout=10),
    }

    assert {name: response.status_code for name, response in answers.items()} == dict.fromkeys(answers, 200)
    health = requests.get(server.url("/api/health"), timeout=10)
    assert health.status_code == 503
    assert health.json()["detail"] == "Unavailable: cache"
