"""Uploads against the real server: every failure leaves no .part, no file and no row."""

import hashlib
import socket
import subprocess
import time

import pytest
import requests

from tests.uploads.samples import multipart_envelope, sample_bytes
from uploads.models import MediaFile

pytestmark = pytest.mark.e2e
MIB = 1024 * 1024


def files_under(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def wait_for(condition, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def open_upload(server, route, token, content_length, content_type):
    """A raw socket with the request headers sent; the caller sends (some of) the body."""
    connection = socket.create_connection(("127.0.0.1", server.port), timeout=15)
    connection.sendall(
        (
            f"POST {route} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {content_length}\r\n\r\n"
        ).encode()
    )
    return connection


def read_response(connection):
    """(status, body) of a response with Content-Length."""
    response = b""
    while b"\r\n\r\n" not in response:
        response += connection.recv(65536)
    head, body = response.split(b"\r\n\r\n", 1)
    length = int(
        next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length"))
    )
    while len(body) < length:
        body += connection.recv(65536)
    return int(head.split(b" ", 2)[1]), body


def post_file(server, route, token, content, name="file.bin"):
    return requests.post(
        server.url(route), headers={"Authorization": f"Bearer {token}"}, files={"file": (name, content)}, timeout=60
    )


def test_video_upload_is_streamed_to_disk_and_served_back(gunicorn_server, token, media_root):
    server = gunicorn_server()
    content = sample_bytes("mp4", 24 * MIB + 123)

    response = post_file(server, "/api/uploads/video", token, content, "clip.mp4")

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["sha256"] == hashlib.sha256(content).hexdigest() and body["size"] == len(content)
    stored = MediaFile.objects.get(pk=body["id"])
    assert files_under(media_root) == [f"video/{stored.stored_name}"]
    assert requests.get(body["url"], timeout=30).content == content


def test_client_that_disconnects_mid_upload_leaves_nothing(gunicorn_server, token, media_root):
    server = gunicorn_server()
    content_type, head, tail = multipart_envelope("file", "clip.mp4")
    total = len(head) + 40 * MIB + len(tail)
    connection = open_upload(server, "/api/uploads/video", token, total, content_type)
    connection.sendall(head + sample_bytes("mp4", 8 * MIB))
    assert wait_for(lambda: list(media_root.glob("video/*.part"))), "the upload never reached the disk"

    connection.close()

    assert wait_for(lambda: files_under(media_root) == []), files_under(media_root)
    assert not MediaFile.objects.exists()
    assert post_file(server, "/api/uploads/image", token, sample_bytes("png")).status_code == 201  # worker still fine


def test_oversize_by_content_length_is_413_before_the_body_is_sent(gunicorn_server, token, media_root):
    server = gunicorn_server(UPLOAD_LIMIT_VIDEO_MB=5)
    content_type, head, _ = multipart_envelope("file", "huge.mp4")
    connection = open_upload(server, "/api/uploads/video", token, 6 * MIB, content_type)
    connection.sendall(head + sample_bytes("mp4", 1024))

    status, body = read_response(connection)
    connection.close()

    assert status == 413, body
    assert b"video files may be at most 5 MiB each" in body
    assert files_under(media_root) == []


def test_oversize_by_running_count_is_413(gunicorn_server, token, media_root):
    server = gunicorn_server(UPLOAD_LIMIT_IMAGE_MB=1)

    response = post_file(server, "/api/uploads/image", token, sample_bytes("png", MIB + 40_000))

    assert response.status_code == 413
    assert files_under(media_root) == []
    assert not MediaFile.objects.exists()


def test_wrong_magic_bytes_is_415(gunicorn_server, token, media_root):
    server = gunicorn_server()

    response = post_file(server, "/api/uploads/video", token, sample_bytes("exe", 3 * MIB), "movie.mp4")

    assert response.status_code == 415
    assert files_under(media_root) == []
    assert not MediaFile.objects.exists()


@pytest.fixture
def tiny_media_root(media_root):
    """MEDIA_ROOT on a 4 MiB tmpfs, so the disk really fills up."""
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(media_root)], capture_output=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({result.stderr.decode().strip()}); tests/uploads covers ENOSPC")
    yield media_root
    subprocess.run(["umount", str(media_root)], check=True)


def test_disk_full_is_507_and_leaves_nothing(gunicorn_server, token, tiny_media_root):
    server = gunicorn_server()

    response = post_file(server, "/api/uploads/video", token, sample_bytes("mp4", 10 * MIB))

    assert response.status_code == 507
    assert "no disk space" in response.json()["detail"]
    assert files_under(tiny_media_root) == []
    assert not MediaFile.objects.exists()
    small = post_file(server, "/api/uploads/image", token, sample_bytes("png", 100_000))
    assert small.status_code == 201  # the space was given back
