"""The public health endpoint under real outages: it says what is down, never why (the
driver's message, with hosts, ports and users, goes to the log)."""

import pytest
import requests

from tests.server import free_port

pytestmark = pytest.mark.e2e

# What a driver's message would carry: the host, the port, the user, the driver's words.
LEAKS = ("127.0.0.1", "root", "Error", "connect", "MySQL", "Redis", "refused")


def logged_reason(server, check):
    return next(line for line in server.log_text().splitlines() if f"Health check {check} failed" in line)


def assert_tells_only_what_is_down(response, down):
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "checks": {name: {"ok": name != down} for name in ("database", "cache", "media_disk")},
        "detail": f"Unavailable: {down}",
    }
    assert not [leak for leak in LEAKS if leak in response.text]


def test_a_database_that_refuses_connections_is_reported_without_the_drivers_message(mysql_driver, gunicorn_server):
    port = free_port()
    server = gunicorn_server(DATABASE_URL=f"mysql://root@127.0.0.1:{port}/lebrq", WEB_CONCURRENCY=1)

    response = requests.get(server.url("/api/health"), timeout=30)

    assert_tells_only_what_is_down(response, "database")
    assert "OperationalError" in logged_reason(server, "database") and "127.0.0.1" in logged_reason(server, "database")


def test_a_cache_that_is_down_is_reported_without_the_drivers_message(gunicorn_server):
    port = free_port()
    server = gunicorn_server(CACHE_URL=f"redis://127.0.0.1:{port}/0", WEB_CONCURRENCY=1)

    response = requests.get(server.url("/api/health"), timeout=30)

    assert_tells_only_what_is_down(response, "cache")
    assert "ConnectionError" in logged_reason(server, "cache") and f"127.0.0.1:{port}" in logged_reason(server, "cache")
