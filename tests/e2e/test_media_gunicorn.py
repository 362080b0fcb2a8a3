"""Ranged media served by gunicorn (the sendfile path): exact bytes, keep-alive, closed files."""

import os
import socket
import time
from urllib.parse import urlsplit

import pytest
import requests
from rest_framework_simplejwt.tokens import RefreshToken

from tests.uploads.samples import sample_bytes

pytestmark = pytest.mark.e2e
MIB = 1024 * 1024


@pytest.fixture
def served_video(gunicorn_server, alice):
    server = gunicorn_server(WEB_CONCURRENCY=1)
    content = sample_bytes("mp4", 6 * MIB + 7)
    token = str(RefreshToken.for_user(alice).access_token)
    response = requests.post(
        server.url("/api/uploads/video"),
        headers={"Authorization": f"Bearer {token}"},
        files={"file": ("v.mp4", content)},
        timeout=30,
    )
    assert response.status_code == 201, response.text
    return server, response.json()["url"], content


def test_full_range_and_416_on_one_keep_alive_connection(served_video):
    server, url, content = served_video
    size = len(content)
    with requests.Session() as session:
        head = session.head(url, timeout=10)
        full = session.get(url, timeout=30)
        opening = session.get(url, headers={"Range": "bytes=0-"}, timeout=30)
        middle = session.get(url, headers={"Range": "bytes=3145728-4194303"}, timeout=10)
        suffix = session.get(url, headers={"Range": "bytes=-100"}, timeout=10)
        past_end = session.get(url, headers={"Range": f"bytes={size}-"}, timeout=10)
        cached = session.get(url, headers={"If-None-Match": full.headers["ETag"]}, timeout=10)

    assert (head.status_code, head.headers["Content-Length"], head.content) == (200, str(size), b"")
    assert full.status_code == 200 and full.content == content
    assert opening.status_code == 206 and opening.content == content
    assert middle.status_code == 206 and middle.content == content[3 * MIB : 4 * MIB]
    assert middle.headers["Content-Range"] == f"bytes 3145728-4194303/{size}"
    assert middle.headers["Content-Length"] == str(MIB)
    assert suffix.content == content[-100:]
    assert (
        past_end.status_code == 416
        and past_end.headers["Content-Range"] == f"bytes */{size}"
        and past_end.content == b""
    )
    assert cached.status_code == 304
    assert "Content-Encoding" not in full.headers


def open_media_fds(pid, media_dir):
    fd_dir = f"/proc/{pid}/fd"
    paths = []
    for fd in os.listdir(fd_dir):
        try:
            paths.append(os.readlink(f"{fd_dir}/{fd}"))
        except OSError:
            continue
    return [path for path in paths if path.startswith(str(media_dir))]


def test_a_client_that_goes_away_mid_download_leaves_no_open_file(served_video, settings):
    server, url, content = served_video
    path = urlsplit(url).path
    connection = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    connection.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    assert connection.recv(4096).startswith(b"HTTP/1.1 200")

    connection.close()

    worker = server.worker_pids()[0]
    deadline = time.monotonic() + 10
    while open_media_fds(worker, settings.MEDIA_ROOT) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert open_media_fds(worker, settings.MEDIA_ROOT) == []
    assert requests.get(url, headers={"Range": "bytes=0-9"}, timeout=10).content == content[:10]
