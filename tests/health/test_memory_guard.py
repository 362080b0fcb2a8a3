"""MemoryGuardMiddleware decisions, in process, with the memory reading forced."""

import logging

import pytest

from health import middleware
from health.memory import MemoryReading
from health.views import HealthView

pytestmark = pytest.mark.django_db


@pytest.fixture
def memory_used(monkeypatch, settings):
    """memory_used(87.3) makes the guard see 87.3% used (threshold 85, critical 90)."""
    settings.MEMORY_THRESHOLD_PERCENT = 85.0
    settings.MEMORY_CRITICAL_PERCENT = 90.0

    def force(percent):
        reading = MemoryReading(total_bytes=1000, available_bytes=round(1000 - percent * 10), source="host")
        monkeypatch.setattr(middleware, "current_memory_reading", lambda: reading)

    return force


def register(client, **extra):
    return client.post("/api/auth/register", {"email": "new@example.com", "password": "x"}, format="json", **extra)


def test_write_at_the_threshold_gets_503_retry_after_and_the_seed_log_line(anon_client, memory_used, caplog, settings):
    settings.MEMORY_RETRY_AFTER_SECONDS = 7
    memory_used(87.3)

    with caplog.at_level(logging.WARNING, logger="lebrq.memory"):
        response = register(anon_client)

    assert response.status_code == 503
    assert response["Retry-After"] == "7"
    assert "87.3% used" in response.json()["detail"]
    assert "[Memory Protection] Rejecting POST /api/auth/register - Memory usage: 87.3%" in caplog.messages


@pytest.mark.parametrize("method", ["put", "patch"])
def test_other_writes_are_rejected_at_the_threshold_too(anon_client, memory_used, method):
    memory_used(86.0)

    assert getattr(anon_client, method)("/api/auth/me", {}, format="json").status_code == 503


def test_reads_pass_at_the_threshold(anon_client, memory_used):
    memory_used(87.3)

    assert anon_client.get("/api/auth/me").status_code == 401  # the view answered, not the guard


def test_writes_pass_below_the_threshold(anon_client, memory_used):
    memory_used(84.9)

    assert register(anon_client).status_code == 400  # weak password: the view answered


def test_everything_but_health_is_rejected_at_critical(anon_client, memory_used, caplog):
    memory_used(95.0)

    with caplog.at_level(logging.WARNING, logger="lebrq.memory"):
        read = anon_client.get("/api/auth/me")

    assert read.status_code == 503
    assert "Retry-After" in read
    assert "[Memory Protection] Rejecting GET /api/auth/me - Memory usage: 95.0%" in caplog.messages
    assert anon_client.get("/api/health").status_code == 200
    assert anon_client.get("/api/health/memory").status_code == 200


def test_oversized_body_on_a_normal_route_is_413_before_reading(anon_client, settings):
    settings.MAX_BODY_SIZE_MB = 1  # read by the middleware when the client builds its handler
    declared = str(1024 * 1024 + 1)

    response = anon_client.generic(
        "POST", "/api/auth/register", b"{}", content_type="application/json", CONTENT_LENGTH=declared
    )

    assert response.status_code == 413
    assert response.json() == {"detail": "Request body too large: limit is 1 MiB.", "code": "request_too_large"}


def test_body_at_the_limit_is_accepted(anon_client, settings):
    settings.MAX_BODY_SIZE_MB = 1
    head, tail = b'{"email": "not-an-email", "password": "', b'"}'
    body = head + b"a" * (1024 * 1024 - len(head) - len(tail)) + tail

    response = anon_client.generic("POST", "/api/auth/register", body, content_type="application/json")

    assert response.status_code == 400
    assert "email" in response.json()


@pytest.mark.parametrize("path", ["/api/uploads/video", "/api/uploads/program-images", "/api/bookings/12/audio-notes"])
def test_upload_routes_are_exempt_from_the_body_limit(anon_client, settings, path):
    settings.MAX_BODY_SIZE_MB = 1

    response = anon_client.generic("POST", path, b"", CONTENT_LENGTH=str(500 * 1024 * 1024))

    assert response.status_code != 413


@pytest.mark.urls("tests.health.urls_with_a_new_upload_route")
def test_a_new_view_that_declares_a_streamed_body_is_exempt_wherever_its_route_is(anon_client, settings):
    settings.MAX_BODY_SIZE_MB = 1
    declared = str(500 * 1024 * 1024)

    response = anon_client.generic("POST", "/api/somewhere/new-upload", b"", CONTENT_LENGTH=declared)

    assert response.status_code == 200
    assert response.json() == {"declared": 500 * 1024 * 1024}


@pytest.mark.urls("tests.health.urls_with_a_new_upload_route")
def test_a_view_that_does_not_stream_is_capped_even_under_the_uploads_prefix(anon_client, settings):
    settings.MAX_BODY_SIZE_MB = 1

    response = anon_client.generic("POST", "/api/uploads/not-streaming", b"", CONTENT_LENGTH=str(1024 * 1024 + 1))

    assert response.status_code == 413
    assert response.json()["code"] == "request_too_large"


@pytest.mark.parametrize("path", ["/api/auth/register", "/api/uploads/video", "/api/bookings/12/audio-notes"])
def test_chunked_body_is_411_on_every_route(anon_client, path):
    response = anon_client.generic(
        "POST", path, b"{}", content_type="application/json", HTTP_TRANSFER_ENCODING="chunked"
    )

    assert response.status_code == 411
    assert response.json()["code"] == "length_required"


def test_chunked_body_on_a_normal_route_is_411(anon_client):
    response = anon_client.generic(
        "POST", "/api/auth/register", b"{}", content_type="application/json", HTTP_TRANSFER_ENCODING="chunked"
    )

    assert response.status_code == 411
    assert "Content-Length" in response.json()["detail"]


@pytest.mark.parametrize("content_length", ["lots", "-1", "+12", " 12", "1_2", "١٢", "1" * 5000, "9" * 20])
@pytest.mark.parametrize("path", ["/api/auth/register", "/api/uploads/image"])
def test_a_content_length_that_is_not_plain_digits_is_400(anon_client, path, content_length):
    response = anon_client.generic("POST", path, b"{}", content_type="application/json", CONTENT_LENGTH=content_length)

    assert response.status_code == 400
    assert response.json() == {"detail": "Invalid Content-Length header.", "code": "invalid_content_length"}


def test_memory_error_in_a_view_is_503_after_a_collection(anon_client, monkeypatch, caplog):
    def exhausted(self, request):
        raise MemoryError

    monkeypatch.setattr(HealthView, "get", exhausted)
    monkeypatch.setattr(middleware.gc, "collect", lambda: 1234)

    with caplog.at_level(logging.ERROR, logger="lebrq.memory"):
        response = anon_client.get("/api/health")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json()["detail"] == "Server ran out of memory handling this request; retry shortly."
    assert "[Memory Protection] Collected 1234 objects after MemoryError on GET /api/health" in caplog.messages
