"""Throttle counters live in the shared cache; a cache outage must not turn into 500s."""

import logging

import pytest
from django.test import override_settings

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


@pytest.fixture
def redis_down():
    # Restored before the autouse fixture clears the (real) cache on teardown.
    with override_settings(CACHES=UNREACHABLE_REDIS):
        yield


def test_throttles_fail_open_when_redis_is_down(redis_down, anon_client, alice, caplog):
    with caplog.at_level(logging.WARNING, logger="lebrq.throttles"):
        statuses = [
            anon_client.post("/api/auth/token", {"email": alice.email, "password": PASSWORD}, format="json").status_code
            for _ in range(7)
        ]

    assert statuses == [200] * 7  # above the auth rate of 5/min: not throttled, and no 500
    assert any(message.startswith("Throttle cache unavailable, not throttling:") for message in caplog.messages)


def test_health_reports_the_cache_down_while_the_api_keeps_answering(redis_down, anon_client, alice_client):
    assert anon_client.get("/api/health").json()["detail"] == "Unavailable: cache"
    assert alice_client.get("/api/auth/me").status_code == 200


def test_a_forged_x_forwarded_for_does_not_dodge_the_login_limit(anon_client, alice):
    statuses = [
        anon_client.post(
            "/api/auth/token",
            {"email": alice.email, "password": "wrong"},
            format="json",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
        ).status_code
        for attempt in range(6)
    ]

    assert statuses == [401] * 5 + [429]


def test_behind_one_proxy_the_client_address_is_the_proxy_added_entry(settings, anon_client, alice):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}

    def attempt(forwarded_for):
        return anon_client.post(
            "/api/auth/token",
            {"email": alice.email, "password": "wrong"},
            format="json",
            HTTP_X_FORWARDED_FOR=forwarded_for,
        ).status_code

    # A client forging the first entry still ends on the address nginx appended.
    assert [attempt(f"10.0.0.{n}, 198.51.100.7") for n in range(6)] == [401] * 5 + [429]
    assert attempt("198.51.100.8") == 401  # another client has its own budget
