"""deploy/nginx/ as production runs it, in front of a real gunicorn: slow request bodies are
nginx's problem on ordinary routes and reach the app as they arrive on upload routes only."""

import shutil
import socket
from pathlib import Path

import pytest
import requests
from rest_framework_simplejwt.tokens import RefreshToken

from tests.e2e.test_uploads_gunicorn import files_under, wait_for
from tests.server import PROJECT_ROOT
from tests.uploads.samples import multipart_envelope, sample_bytes

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("nginx") is None, reason="needs nginx (apt-get install nginx-light)"),
]
MIB = 1024 * 1024
GUNICORN_THREADS = 2


@pytest.fixture
def nginx_front(front_door):
    """(nginx base URL, nginx port, gunicorn) with gunicorn at 1 worker x GUNICORN_THREADS threads."""
    door = front_door(WEB_CONCURRENCY=1, GUNICORN_THREADS=GUNICORN_THREADS)
    return door.base_url, door.port, door.gunicorn


def answers(url):
    try:
        return requests.get(url, timeout=1).status_code == 200
    except requests.RequestException:
        return False


def start_slow_post(port, path, content_length, first_bytes, extra_headers=()):
    """A raw connection that has sent its headers and the first bytes of its body, and stalls."""
    connection = socket.create_connection(("127.0.0.1", port), timeout=30)
    head = "\r\n".join(
        [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", f"Content-Length: {content_length}", *extra_headers, "", ""]
    )
    connection.sendall(head.encode() + first_bytes)
    return connection


def status_of_answer(connection):
    answer = b""
    while b"\r\n" not in answer:
        piece = connection.recv(65536)
        if not piece:
            break
        answer += piece
    return int(answer.split(b" ", 2)[1])


def test_slow_bodies_on_ordinary_routes_wait_in_nginx_not_in_gunicorns_threads(nginx_front):
    base, port, _ = nginx_front
    body = b'{"email": "slow@example.com", "password": "x"}'
    stalled = [
        start_slow_post(port, "/api/auth/register", len(body), body[:10], ["Content-Type: application/json"])
        for _ in range(GUNICORN_THREADS * 4)
    ]

    # With every gunicorn thread held by a stalled body these would wait for ever (here: fail at the timeout).
    assert requests.get(f"{base}/api/venues/", timeout=10).status_code == 200
    assert requests.post(f"{base}/api/auth/register", json={"email": "x"}, timeout=10).status_code == 400

    for connection in stalled:
        connection.sendall(body[10:])
    assert [status_of_answer(connection) for connection in stalled] == [400] * len(stalled)  # weak password
    for connection in stalled:
        connection.close()


def test_upload_bodies_go_through_to_the_app_as_they_arrive(nginx_front, alice, settings):
    base, port, _ = nginx_front
    media_root = Path(settings.MEDIA_ROOT)
    token = str(RefreshToken.for_user(alice).access_token)
    content_type, head, tail = multipart_envelope("file", "big.png")
    upload = start_slow_post(
        port,
        "/api/uploads/image",
        len(head) + 10 * MIB + len(tail),
        head + sample_bytes("png", 2 * MIB),
        [f"Authorization: Bearer {token}", f"Content-Type: {content_type}"],
    )

    assert wait_for(lambda: list(media_root.glob("image/*.part"))), "the upload never reached the app's .part file"

    upload.close()
    assert wait_for(lambda: files_under(media_root) == [])
    small = requests.post(
        f"{base}/api/uploads/image",
        headers={"Authorization": f"Bearer {token}"},
        files={"file": ("cat.png", sample_bytes("png"))},
        timeout=10,
    )
    assert small.status_code == 201, small.text


def test_the_operations_guide_uses_these_files_and_copies_none_of_their_rules():
    guide = (PROJECT_ROOT / "docs" / "operations.md").read_text()
    nginx_blocks = [block.partition("```")[0] for block in guide.split("```nginx")[1:]]

    assert "deploy/nginx/lebrq.conf" in guide and "deploy/nginx/upstream.conf" in guide
    assert nginx_blocks and not [block for block in nginx_blocks if "proxy_request_buffering" in block]
