"""Public answers served from the cache before the view (bookings/middleware.py): the same bytes
and headers, the same throttles, and nothing a caller should not get."""

import logging
from datetime import date, datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import override_settings
from rest_framework.test import APIClient

from lebrq.throttles import ScopedThrottle

pytestmark = pytest.mark.django_db

IST = ZoneInfo("Asia/Kolkata")
NOW = datetime(2026, 12, 2, 9, 0, tzinfo=IST)
DAY = date(2026, 12, 12)
VIEW_HEADERS = ("Content-Type", "ETag", "Allow", "X-Frame-Options")


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def availability_path(venue):
    return f"/api/venues/{venue.pk}/availability?from={DAY}&to={DAY}"


def search_path():
    start = datetime(2026, 12, 12, 10, tzinfo=IST)
    return "/api/venues/available?" + urlencode({"start": start.isoformat(), "end": start.replace(hour=12).isoformat()})


@pytest.mark.parametrize("path", [availability_path, lambda venue: search_path()])
def test_a_customer_with_a_token_gets_the_cached_public_answer_without_a_query(
    alice_client, rules_hall, path, django_assert_num_queries
):
    first = alice_client.get(path(rules_hall))

    with django_assert_num_queries(0):
        again = alice_client.get(path(rules_hall))

    assert again.status_code == 200 and again.content == first.content
    assert {name: again[name] for name in VIEW_HEADERS} == {name: first[name] for name in VIEW_HEADERS}


def test_a_staff_answer_and_a_customer_answer_are_the_same_cached_bytes(alice_client, staff_client, rules_hall):
    customers = alice_client.get(availability_path(rules_hall))

    assert staff_client.get(availability_path(rules_hall)).content == customers.content


def test_the_anonymous_catalogue_keeps_the_headers_the_view_gives_it(anon_client, hall):
    first = anon_client.get("/api/venues/")

    again = anon_client.get("/api/venues/")

    assert again.content == first.content and again["Allow"] == "GET, POST, HEAD, OPTIONS"
    assert {name: again[name] for name in VIEW_HEADERS} == {name: first[name] for name in VIEW_HEADERS}


@pytest.mark.parametrize("path", [availability_path, lambda venue: search_path()])
def test_cached_answers_still_count_against_the_search_throttle(monkeypatch, alice_client, rules_hall, path):
    monkeypatch.setitem(ScopedThrottle.THROTTLE_RATES, "search", "3/min")

    statuses = [alice_client.get(path(rules_hall)).status_code for _ in range(4)]
    refused = alice_client.get(path(rules_hall))

    assert statuses == [200, 200, 200, 429]
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0 and "detail" in refused.json()


def test_each_cached_answer_counts_once_against_the_general_throttle(monkeypatch, alice_client, rules_hall):
    monkeypatch.setitem(ScopedThrottle.THROTTLE_RATES, "general", "4/min")

    statuses = [alice_client.get(availability_path(rules_hall)).status_code for _ in range(5)]

    assert statuses == [200, 200, 200, 200, 429]


def test_cached_answers_go_unthrottled_when_the_throttle_cache_is_down(
    settings, anon_client, rules_hall, caplog, django_assert_num_queries
):
    anon_client.get(availability_path(rules_hall))
    unreachable = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}

    with override_settings(CACHES={**settings.CACHES, "throttle": unreachable}):
        with caplog.at_level(logging.WARNING, logger="lebrq.throttles"), django_assert_num_queries(0):
            answer = anon_client.get(availability_path(rules_hall))

    assert answer.status_code == 200 and "not throttling" in caplog.text


def test_a_token_that_does_not_verify_is_refused_even_when_the_answer_is_cached(anon_client, rules_hall):
    assert anon_client.get(availability_path(rules_hall)).status_code == 200

    forged = APIClient()
    forged.credentials(HTTP_AUTHORIZATION="Bearer not.a.token")

    assert forged.get(availability_path(rules_hall)).status_code == 401


def test_a_client_that_accepts_no_json_gets_the_views_406_not_the_cached_bytes(anon_client, rules_hall):
    anon_client.get(availability_path(rules_hall))

    assert anon_client.get(availability_path(rules_hall), HTTP_ACCEPT="text/csv").status_code == 406


def test_a_session_user_is_answered_by_the_view_with_the_same_bytes(client, alice, rules_hall):
    public = APIClient().get(availability_path(rules_hall))
    client.force_login(alice)

    answer = client.get(availability_path(rules_hall))

    assert answer.status_code == 200 and answer.content == public.content


def test_a_deactivated_venue_leaves_the_public_availability_at_once(anon_client, staff_client, rules_hall):
    assert anon_client.get(availability_path(rules_hall)).status_code == 200

    assert staff_client.patch(f"/api/venues/{rules_hall.pk}/", {"is_active": False}, format="json").status_code == 200

    assert anon_client.get(availability_path(rules_hall)).status_code == 404
    assert staff_client.get(availability_path(rules_hall)).status_code == 200


def test_head_and_a_repeat_naming_the_etag_are_answered_alike(anon_client, rules_hall):
    etag = anon_client.get(availability_path(rules_hall))["ETag"]

    assert anon_client.head(availability_path(rules_hall)).status_code == 200
    assert anon_client.get(availability_path(rules_hall), HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_gzipped_answer_repeated_with_its_weak_etag_is_304(anon_client, rules_hall):
    # A month: GZipMiddleware pads with up to 100 random bytes (BREACH) and leaves an answer as
    # it is when that makes it no smaller, as it can make one day's.
    month = f"/api/venues/{rules_hall.pk}/availability?from={DAY}&to={DAY.replace(day=31)}"
    zipped = anon_client.get(month, HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["Content-Encoding"] == "gzip" and zipped["ETag"].startswith('W/"')

    repeat = anon_client.get(month, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=zipped["ETag"])

    assert repeat.status_code == 304
