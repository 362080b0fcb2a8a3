"""Slow clients against the real server. An upload that trickles (or stops) below
UPLOAD_MIN_BYTES_PER_SECOND is answered 408 and leaves nothing behind; the windows here are
half a second so that the tests are quick, and they assert on answers and files, not times."""

import json
import select

import pytest
import requests

from tests.e2e.test_uploads_gunicorn import files_under, open_upload, post_file, read_response
from tests.uploads.samples import multipart_envelope, sample_bytes
from uploads.models import MediaFile

pytestmark = pytest.mark.e2e
MIB = 1024 * 1024
FLOOR = {"UPLOAD_MIN_BYTES_PER_SECOND": 200_000, "UPLOAD_RATE_WINDOW_SECONDS": 0.5, "WEB_CONCURRENCY": 1}


def start_image_upload(server, token, file_size=2 * MIB):
    content_type, head, tail = multipart_envelope("file", "slow.png")
    connection = open_upload(server, "/api/uploads/image", token, len(head) + file_size + len(tail), content_type)
    connection.sendall(head + sample_bytes("png", 4096))
    return connection


def answered(connection, wait_seconds):
    return bool(select.select([connection], [], [], wait_seconds)[0])


def trickle_until_answered(connection, piece=b"\0" * 100, max_pieces=600):
    """Send a piece every tenth of a second (1 KB/s) until the server answers; bounded."""
    for _ in range(max_pieces):
        if answered(connection, 0.1):
            return True
        connection.sendall(piece)
    return False


def assert_refused_as_too_slow(connection, media_root):
    status, body = read_response(connection)
    connection.close()
    assert status == 408, body
    assert json.loads(body) == {
        "detail": "The upload arrived slower than 200000 bytes/s over 0.5 s; retry on a faster connection.",
        "code": "upload_too_slow",
    }
    assert files_under(media_root) == []
    assert not MediaFile.objects.exists()


def test_an_upload_trickling_below_the_floor_is_408_and_leaves_nothing(gunicorn_server, token, media_root):
    server = gunicorn_server(**FLOOR)
    connection = start_image_upload(server, token)

    assert trickle_until_answered(connection), "the server never gave up on the trickling client"

    assert_refused_as_too_slow(connection, media_root)
    assert post_file(server, "/api/uploads/image", token, sample_bytes("png", MIB)).status_code == 201


def test_an_upload_that_stops_sending_is_408_and_leaves_nothing(gunicorn_server, token, media_root):
    server = gunicorn_server(**FLOOR)
    connection = start_image_upload(server, token)

    assert answered(connection, 30), "the server never gave up on the silent client"

    assert_refused_as_too_slow(connection, media_root)
    assert requests.get(server.url("/api/health/memory"), timeout=5).status_code == 200
