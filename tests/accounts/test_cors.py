"""CORS (django-cors-headers): only the origins in CORS_ALLOWED_ORIGINS, only on /api/."""

import pytest

pytestmark = pytest.mark.django_db
APP = "https://app.lebrq.example"


@pytest.fixture(autouse=True)
def allowed_origin(settings):
    settings.CORS_ALLOWED_ORIGINS = [APP]


def preflight(client, path, origin, method="POST", headers="authorization,content-type"):
    return client.options(
        path, HTTP_ORIGIN=origin, HTTP_ACCESS_CONTROL_REQUEST_METHOD=method, HTTP_ACCESS_CONTROL_REQUEST_HEADERS=headers
    )


def test_a_preflight_from_an_allowed_origin_is_answered_with_its_headers(client):
    response = preflight(client, "/api/bookings/", APP, headers="authorization,content-type,idempotency-key")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == APP
    assert "POST" in response["Access-Control-Allow-Methods"]
    assert "idempotency-key" in response["Access-Control-Allow-Headers"]


def test_another_origin_gets_no_cors_headers(client):
    response = preflight(client, "/api/bookings/", "https://evil.example")
    assert "Access-Control-Allow-Origin" not in response


def test_a_real_request_from_the_allowed_origin_is_readable_by_the_browser(alice_client):
    response = alice_client.get("/api/auth/me", HTTP_ORIGIN=APP)
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == APP
    assert "x-request-id" in response["Access-Control-Expose-Headers"].lower()


def test_the_admin_is_not_opened_to_other_origins(client):
    response = client.get("/admin/login/", HTTP_ORIGIN=APP)
    assert "Access-Control-Allow-Origin" not in response


def test_with_no_origins_configured_nothing_is_allowed(client, settings):
    settings.CORS_ALLOWED_ORIGINS = []
    assert "Access-Control-Allow-Origin" not in preflight(client, "/api/bookings/", APP)
