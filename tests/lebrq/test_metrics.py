"""/metrics: who may scrape, and what the counters count (in process; tests/e2e has gunicorn)."""

from datetime import datetime, timedelta, timezone

import pytest
import time_machine
from django.core.cache import cache
from model_bakery import baker
from prometheus_client.parser import text_string_to_metric_families

from health import middleware as memory_guard
from health.memory import MemoryReading
from jobs.tasks import housekeeping
from lebrq.cache import cache_get

pytestmark = pytest.mark.django_db

VENUE_DETAIL_ROUTE = "api/venues/(?P<pk>[^/.]+)/?$"


def scrape(client, **headers):
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 200, response.content
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def value(samples, name, **labels):
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


@pytest.fixture
def hall(db):
    return baker.make("bookings.Venue", name="Rangoli Hall", city="Bengaluru", is_active=True)


def test_loopback_may_scrape_and_gets_the_exposition_format(anon_client):
    anon_client.get("/api/health")
    response = anon_client.get("/metrics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    assert b"# TYPE lebrq_http_requests_total counter" in response.content


@pytest.mark.parametrize(
    "meta",
    [
        {"REMOTE_ADDR": "203.0.113.9"},
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"},  # through the proxy
        {"REMOTE_ADDR": "203.0.113.9", "HTTP_AUTHORIZATION": "Bearer wrong-token"},
    ],
)
def test_anyone_else_is_refused(anon_client, settings, meta):
    settings.METRICS_TOKEN = "scrape-token-0123456789"

    response = anon_client.get("/metrics", **meta)

    assert response.status_code == 403
    assert response.json()["code"] == "metrics_forbidden"
    assert b"lebrq_" not in response.content


def test_a_token_bearer_may_scrape_from_anywhere(anon_client, settings):
    settings.METRICS_TOKEN = "scrape-token-0123456789"

    response = anon_client.get(
        "/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer scrape-token-0123456789"
    )

    assert response.status_code == 200


def test_without_a_token_configured_no_bearer_opens_it(anon_client, settings):
    settings.METRICS_TOKEN = ""

    assert anon_client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer ").status_code == 403


def test_requests_are_counted_and_timed_by_route_pattern_never_by_path(anon_client, hall):
    before = scrape(anon_client)

    for _ in range(3):
        assert anon_client.get(f"/api/venues/{hall.pk}/").status_code == 200
    after = scrape(anon_client)

    counted = dict(route=VENUE_DETAIL_ROUTE, method="GET", status="200")
    assert (
        value(after, "lebrq_http_requests_total", **counted) - value(before, "lebrq_http_requests_total", **counted)
        == 3
    )
    timed = dict(route=VENUE_DETAIL_ROUTE, method="GET")
    count_delta = value(after, "lebrq_http_request_duration_seconds_count", **timed) - value(
        before, "lebrq_http_request_duration_seconds_count", **timed
    )
    assert count_delta == 3
    assert not any(str(hall.pk) in dict(labels).get("route", "x") for _, labels in after if labels)


def test_unknown_paths_and_methods_share_bounded_labels(anon_client):
    before = scrape(anon_client)

    anon_client.get("/no/such/path/12345")
    anon_client.generic("BREW", "/api/health")
    after = scrape(anon_client)

    labels = dict(route="unmatched", method="GET", status="404")
    assert (
        value(after, "lebrq_http_requests_total", **labels) - value(before, "lebrq_http_requests_total", **labels) == 1
    )
    routes = {dict(labels).get("route") for _, labels in after}
    assert not any("12345" in (route or "") for route in routes)
    assert any(dict(labels).get("method") == "other" for _, labels in after)


def test_database_queries_are_counted_per_route(alice_client, hall, django_assert_num_queries):
    before = scrape(alice_client)

    with django_assert_num_queries(2):  # the token's user, the venue
        alice_client.get(f"/api/venues/{hall.pk}/")
    after = scrape(alice_client)

    delta = value(after, "lebrq_db_queries_total", route=VENUE_DETAIL_ROUTE) - value(
        before, "lebrq_db_queries_total", route=VENUE_DETAIL_ROUTE
    )
    assert delta == 2


def test_cache_reads_are_counted_as_hits_and_misses(anon_client):
    before = scrape(anon_client)

    cache.set("metrics-test-key", 1)
    cache_get("metrics-test-key")
    cache_get("metrics-test-absent")
    cache_get("metrics-test-absent")
    after = scrape(anon_client)

    assert (
        value(after, "lebrq_cache_reads_total", result="hit") - value(before, "lebrq_cache_reads_total", result="hit")
        >= 1
    )
    misses = value(after, "lebrq_cache_reads_total", result="miss") - value(
        before, "lebrq_cache_reads_total", result="miss"
    )
    assert misses >= 2


def test_stored_upload_bytes_are_counted_by_kind(anon_client):
    before = scrape(anon_client)

    baker.make("uploads.MediaFile", kind="poster", size=12_345, stored_name="a.png")
    after = scrape(anon_client)

    assert (
        value(after, "lebrq_upload_bytes_total", kind="poster")
        - value(before, "lebrq_upload_bytes_total", kind="poster")
        == 12_345
    )


def test_memory_guard_rejections_are_counted_by_status(anon_client, monkeypatch):
    before = scrape(anon_client)
    reading = MemoryReading(total_bytes=1000, available_bytes=120, source="host")  # 88%: writes refused
    monkeypatch.setattr(memory_guard, "current_memory_reading", lambda: reading)

    assert anon_client.post("/api/auth/register", {}, format="json").status_code == 503
    after = scrape(anon_client)

    rejected = value(after, "lebrq_memory_guard_rejections_total", status="warning") - value(
        before, "lebrq_memory_guard_rejections_total", status="warning"
    )
    assert rejected == 1
    assert value(after, "lebrq_http_requests_total", route="unmatched", method="POST", status="503") >= 1


def test_job_queue_depth_and_the_age_of_the_oldest_due_job_are_read_at_scrape(anon_client):
    enqueued = datetime(2027, 1, 10, 9, 0, tzinfo=timezone.utc)
    with time_machine.travel(enqueued, tick=False):
        housekeeping.enqueue()
        housekeeping.using(run_after=enqueued + timedelta(hours=1)).enqueue()  # a retry, not due yet

    with time_machine.travel(enqueued + timedelta(seconds=90), tick=False):
        samples = scrape(anon_client)

    assert value(samples, "lebrq_job_queue_depth", queue="default") == 2
    assert value(samples, "lebrq_job_queue_oldest_due_seconds", queue="default") == 90


def test_an_empty_queue_reports_nothing_waiting(anon_client):
    samples = scrape(anon_client)

    assert ("lebrq_job_queue_depth", (("queue", "default"),)) in samples
    assert value(samples, "lebrq_job_queue_depth", queue="default") == 0
    assert value(samples, "lebrq_job_queue_oldest_due_seconds", queue="default") == 0
