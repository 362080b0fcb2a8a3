"""Throttle counters live in the shared cache; a cache outage must not turn into 500s."""

import logging
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from lebrq.throttles import ScopedThrottle
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

UNREACHABLE = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": "redis://127.0.0.1:1/0",
    "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
}
UNREACHABLE_REDIS = {"default": UNREACHABLE, "throttle": UNREACHABLE}


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


def post_json(client, path, body, **extra):
    return client.post(path, body, format="json", **extra).status_code


def test_login_refresh_and_registration_have_separate_budgets(anon_client, alice):
    refresh = anon_client.post("/api/auth/token", {"email": alice.email, "password": PASSWORD}, format="json").json()[
        "refresh"
    ]
    logins = [post_json(anon_client, "/api/auth/token", {"email": alice.email, "password": "wrong"}) for _ in range(4)]

    assert logins == [401] * 4
    assert post_json(anon_client, "/api/auth/token", {"email": alice.email, "password": "wrong"}) == 429
    # Behind one NAT address, the login budget spent does not stop refreshes or registrations.
    assert post_json(anon_client, "/api/auth/token/refresh", {"refresh": refresh}) == 200
    assert post_json(anon_client, "/api/auth/register", {"email": "new@example.com", "password": PASSWORD}) == 201


def test_refreshes_spend_their_own_budget_not_the_logins(anon_client, alice):
    tokens = anon_client.post("/api/auth/token", {"email": alice.email, "password": PASSWORD}, format="json").json()
    refresh = tokens["refresh"]
    for _ in range(5):
        rotated = anon_client.post("/api/auth/token/refresh", {"refresh": refresh}, format="json")
        assert rotated.status_code == 200
        refresh = rotated.json()["refresh"]

    assert post_json(anon_client, "/api/auth/token/refresh", {"refresh": refresh}) == 429
    assert post_json(anon_client, "/api/auth/logout", {"refresh": refresh}) == 429  # logout shares `refresh`
    assert post_json(anon_client, "/api/auth/token", {"email": alice.email, "password": PASSWORD}) == 200


def test_registrations_are_limited_per_address(anon_client):
    statuses = [
        post_json(anon_client, "/api/auth/register", {"email": f"new{n}@example.com", "password": PASSWORD})
        for n in range(6)
    ]

    assert statuses == [201] * 5 + [429]


def test_availability_is_limited_by_the_search_scope(anon_client):
    from model_bakery import baker

    venue = baker.make("bookings.Venue", slug="rangoli-hall", capacity=300)
    day = timezone.localdate() + timedelta(days=10)
    url = f"/api/venues/{venue.pk}/availability?date={day.isoformat()}"

    statuses = [anon_client.get(url).status_code for _ in range(31)]

    assert statuses == [200] * 30 + [429]
    assert int(anon_client.get(url)["Retry-After"]) > 0
    assert anon_client.get(f"/api/venues/{venue.pk}/").status_code == 200  # the venue itself is not `search`


def test_a_bad_rate_that_reaches_drf_is_an_error_not_a_silent_pass(monkeypatch, anon_client, alice):
    # Settings refuse such a rate at start (test_env.py); should one reach DRF anyway, the
    # outage handler must not swallow it and turn the limit off.
    monkeypatch.setitem(ScopedThrottle.THROTTLE_RATES, "login", "five/min")

    with pytest.raises(ValueError):
        anon_client.post("/api/auth/token", {"email": alice.email, "password": "wrong"}, format="json")


def test_throttle_counters_survive_the_default_cache_culling(anon_client, alice):
    from django.core.cache import cache

    for _ in range(5):
        anon_client.post("/api/auth/token", {"email": alice.email, "password": "wrong"}, format="json")
    for n in range(1500):  # list counts and page anchors: a file cache culls a third of itself past 300
        cache.set(f"filler-{n}", n)

    assert post_json(anon_client, "/api/auth/token", {"email": alice.email, "password": "wrong"}) == 429


def test_the_throttle_cache_is_set_never_to_cull(settings):
    throttle = settings.CACHES["throttle"]

    if throttle["BACKEND"].endswith(("FileBasedCache", "LocMemCache")):
        assert throttle["OPTIONS"]["MAX_ENTRIES"] >= 10_000_000
        assert throttle["LOCATION"] != settings.CACHES["default"]["LOCATION"]
    else:
        assert throttle == settings.CACHES["default"]  # Redis: evicts nothing unless told to
