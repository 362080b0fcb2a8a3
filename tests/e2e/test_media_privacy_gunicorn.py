"""Signed media URLs are bearer capabilities: gunicorn's access log keeps the path and drops
the query, and a browser's stale Bearer header beside a signature does not stop playback."""

import socket
import time
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import requests
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from tests.uploads.conftest import alice_booking  # noqa: F401 - fixture
from tests.uploads.samples import sample_bytes

pytestmark = pytest.mark.e2e


@pytest.fixture
def signed_note(gunicorn_server, alice, alice_booking):
    server = gunicorn_server(WEB_CONCURRENCY=1)
    token = str(RefreshToken.for_user(alice).access_token)
    response = requests.post(
        server.url(f"/api/bookings/{alice_booking.pk}/audio-notes"),
        headers={"Authorization": f"Bearer {token}"},
        files={"file": ("note.mp3", sample_bytes("mp3", 40_000))},
        timeout=30,
    )
    assert response.status_code == 201, response.text
    return server, response.json()["url"]


def expired_token(user):
    token = AccessToken.for_user(user)
    token.set_exp(lifetime=-timedelta(minutes=1))
    return str(token)


def logged_requests(server, path):
    """Access log lines of `path`, once gunicorn has written one (it logs after sending the answer)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        lines = [line for line in server.log_text().splitlines() if f" {path}" in line and "pid=" in line]
        if lines:
            return lines
        time.sleep(0.05)
    return []


def test_the_access_log_keeps_the_path_and_drops_the_signature(signed_note):
    server, signed_url = signed_note
    parts = urlsplit(signed_url)
    signature = parts.query.partition("=")[2]

    played = requests.get(signed_url, headers={"Range": "bytes=0-"}, timeout=10)

    assert played.status_code == 206
    assert [line for line in logged_requests(server, parts.path) if f'"GET {parts.path} HTTP/1.1" 206 ' in line]
    assert signature and signature not in server.log_text()
    assert "signature=" not in server.log_text()


def test_a_path_with_an_encoded_newline_stays_on_one_log_line(signed_note):
    server, _ = signed_note
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as client:
        client.sendall(b"GET /api/uploads/image/x%0Afake-line HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        while client.recv(65536):
            pass

    assert logged_requests(server, "/api/uploads/image/x%0Afake-line")
    assert not any(line.startswith("fake-line") for line in server.log_text().splitlines())


def test_a_stale_bearer_header_beside_a_valid_signature_still_plays(signed_note, alice):
    server, signed_url = signed_note
    stale = {"Authorization": f"Bearer {expired_token(alice)}"}

    opening = requests.get(signed_url, headers={**stale, "Range": "bytes=0-"}, timeout=10)
    unsigned = requests.get(signed_url.partition("?")[0], headers=stale, timeout=10)

    assert opening.status_code == 206
    assert opening.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert unsigned.status_code == 401
    assert unsigned.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
