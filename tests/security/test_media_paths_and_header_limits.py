"""Path traversal on the media routes and oversize request heads, against a real gunicorn
(raw sockets, so no client library normalises `..` or refuses a long header first).

Oversize bodies are covered by tests/e2e/test_foundation_gunicorn.py (non-upload routes,
413 before the body is sent) and tests/e2e/test_uploads_gunicorn.py (per-kind limits)."""

import socket
from urllib.parse import urlsplit

import pytest
import requests
from rest_framework_simplejwt.tokens import RefreshToken

from tests.uploads.samples import sample_bytes

pytestmark = pytest.mark.e2e


def raw_request(server, head_lines):
    """Send a request head as given; return (status code, body) of the answer."""
    head = "\r\n".join([*head_lines, f"Host: 127.0.0.1:{server.port}", "Connection: close", "", ""])
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as client:
        client.sendall(head.encode("latin-1"))
        answer = b""
        while piece := client.recv(65536):
            answer += piece
    status_line, _, rest = answer.partition(b"\r\n")
    return int(status_line.split()[1]), rest.partition(b"\r\n\r\n")[2]


@pytest.fixture
def served_image(gunicorn_server, alice):
    server = gunicorn_server(WEB_CONCURRENCY=1)
    token = str(RefreshToken.for_user(alice).access_token)
    response = requests.post(
        server.url("/api/uploads/image"), headers={"Authorization": f"Bearer {token}"},
        files={"file": ("cat.png", sample_bytes("png"))}, timeout=10,
    )  # fmt: skip
    assert response.status_code == 201, response.text
    return server, urlsplit(response.json()["url"]).path


TRAVERSALS = [
    "/api/uploads/image/../../../../etc/passwd",
    "/api/uploads/image/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "/api/uploads/image/%2e%2e%2f%2e%2e%2flebrq%2fsettings.py",
    "/api/uploads/image/%252e%252e%252fsettings.py",
    "/api/uploads/image//etc/passwd",
    "/api/uploads/image/%2Fetc%2Fpasswd",
    "/api/uploads/..%2Fimage/{name}",
    "/api/uploads/image/{name}/..",
    "/api/uploads/image/{name}%00.png",
    "/api/uploads/image/..\\..\\settings.py",
    "/api/uploads/audio/{name}",
    "/api/uploads/poster/{name}",
]


def test_traversal_attempts_on_media_routes_are_404(served_image):
    """One server for every attempt: each starts a gunicorn otherwise."""
    server, image_path = served_image
    name = image_path.rsplit("/", 1)[1]
    answers = {path: raw_request(server, [f"GET {path.format(name=name)} HTTP/1.1"]) for path in TRAVERSALS}

    assert {path: status for path, (status, _) in answers.items()} == dict.fromkeys(TRAVERSALS, 404)
    for _status, body in answers.values():
        assert b"root:" not in body and b"SECRET_KEY" not in body and not body.startswith(b"\x89PNG")


def test_the_stored_image_itself_is_served(served_image):
    server, image_path = served_image

    status, body = raw_request(server, [f"GET {image_path} HTTP/1.1"])

    assert status == 200
    assert body.startswith(b"\x89PNG")


OVERSIZE_HEADS = {
    "request line over 8190 bytes": ["GET /api/health?" + "a" * 9000 + " HTTP/1.1"],
    "header over 8190 bytes": ["GET /api/health HTTP/1.1", "X-Big: " + "b" * 9000],
    "over 100 headers": ["GET /api/health HTTP/1.1", *(f"X-Many-{n}: 1" for n in range(120))],
}


def test_oversize_request_heads_are_refused_and_the_worker_keeps_serving(served_image):
    server, _ = served_image

    for case, head_lines in OVERSIZE_HEADS.items():
        status, _ = raw_request(server, head_lines)
        assert status in (400, 414, 431), case
        assert requests.get(server.url("/api/health/memory"), timeout=5).status_code == 200, case


HUGE_NUMBER = "1" * 5000  # past Python's 4,300-digit int() limit, well inside gunicorn's 8190-byte header limit


def test_a_range_past_pythons_integer_limit_is_a_malformed_range_and_gets_the_whole_file(served_image):
    server, image_path = served_image

    for header in (f"bytes={HUGE_NUMBER}-", f"bytes=0-{HUGE_NUMBER}", f"bytes=-{HUGE_NUMBER}"):
        status, body = raw_request(server, [f"GET {image_path} HTTP/1.1", f"Range: {header}"])
        assert (status, body[:4]) == (200, b"\x89PNG"), header


@pytest.mark.parametrize("path", ["/api/auth/register", "/api/uploads/image", "/api/bookings/1/audio-notes"])
def test_a_content_length_past_pythons_integer_limit_is_400(served_image, path):
    server, _ = served_image

    status, _ = raw_request(server, [f"POST {path} HTTP/1.1", f"Content-Length: {HUGE_NUMBER}"])

    assert status == 400
    assert requests.get(server.url("/api/health/memory"), timeout=5).status_code == 200
