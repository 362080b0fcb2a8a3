import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.http import http_date

from tests.uploads.samples import sample_bytes
from uploads.models import MediaFile

SIZE = 300_000


@pytest.fixture
def video(alice_client):
    content = sample_bytes("mp4", SIZE)
    response = alice_client.post(
        "/api/uploads/video", {"file": SimpleUploadedFile("v.mp4", content)}, format="multipart"
    )
    assert response.status_code == 201
    media = MediaFile.objects.get(pk=response.json()["id"])
    media.content = content
    media.route = f"/api/uploads/video/{media.stored_name}"
    return media


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_full_get(anon_client, video):
    response = anon_client.get(video.route)

    assert response.status_code == 200
    assert body(response) == video.content
    assert response["Content-Length"] == str(SIZE)
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/mp4"
    assert response["ETag"] == f'"{hashlib.sha256(video.content).hexdigest()}"'
    assert response["Last-Modified"] == http_date(video.created_at.timestamp())
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "Content-Encoding" not in response


@pytest.mark.parametrize(
    "header, start, end",
    [
        ("bytes=0-99", 0, 99),
        ("bytes=1000-", 1000, SIZE - 1),
        ("bytes=-500", SIZE - 500, SIZE - 1),
        ("bytes=0-", 0, SIZE - 1),
        ("bytes=299990-400000", 299_990, SIZE - 1),
    ],
)
def test_single_range_is_206_with_exact_headers(anon_client, video, header, start, end):
    response = anon_client.get(video.route, HTTP_RANGE=header)

    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/{SIZE}"
    assert response["Content-Length"] == str(end - start + 1)
    assert body(response) == video.content[start : end + 1]


def test_browser_seek_pattern_gets_206_twice(anon_client, video):
    opening = anon_client.get(video.route, HTTP_RANGE="bytes=0-")
    seek = anon_client.get(video.route, HTTP_RANGE="bytes=150000-150999")

    assert (opening.status_code, seek.status_code) == (206, 206)
    assert body(seek) == video.content[150_000:151_000]


def test_range_past_the_end_is_416_without_body(anon_client, video):
    response = anon_client.get(video.route, HTTP_RANGE=f"bytes={SIZE}-")

    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{SIZE}"
    assert response["Content-Length"] == "0"
    assert response.content == b""


@pytest.mark.parametrize("header", ["bytes=0-1,5-9", "bytes=9-5", "bytes=abc", "pages=1-2"])
def test_malformed_or_multiple_ranges_get_the_full_file(anon_client, video, header):
    response = anon_client.get(video.route, HTTP_RANGE=header)

    assert response.status_code == 200
    assert "Content-Range" not in response
    assert body(response) == video.content


def test_if_none_match_is_304(anon_client, video):
    etag = anon_client.get(video.route)["ETag"]

    response = anon_client.get(video.route, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_if_modified_since_is_304(anon_client, video):
    last_modified = anon_client.get(video.route)["Last-Modified"]

    response = anon_client.get(video.route, HTTP_IF_MODIFIED_SINCE=last_modified)

    assert response.status_code == 304


def test_if_match_with_another_etag_is_412(anon_client, video):
    response = anon_client.get(video.route, HTTP_IF_MATCH='"something-else"')

    assert response.status_code == 412


def test_if_range_with_the_current_etag_or_date_honours_range(anon_client, video):
    full = anon_client.get(video.route)

    by_etag = anon_client.get(video.route, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=full["ETag"])
    by_date = anon_client.get(video.route, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=full["Last-Modified"])

    assert (by_etag.status_code, by_date.status_code) == (206, 206)


@pytest.mark.parametrize("if_range", ['"stale"', 'W/"weak"', "Mon, 01 Jan 2001 00:00:00 GMT", "garbage"])
def test_if_range_with_a_stale_validator_sends_everything(anon_client, video, if_range):
    response = anon_client.get(video.route, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=if_range)

    assert response.status_code == 200
    assert body(response) == video.content


def test_head_has_headers_and_no_body(anon_client, video):
    full = anon_client.head(video.route)
    ranged = anon_client.head(video.route, HTTP_RANGE="bytes=10-19")

    assert full.status_code == 200 and full["Content-Length"] == str(SIZE) and full.content == b""
    assert ranged.status_code == 206 and ranged["Content-Range"] == f"bytes 10-19/{SIZE}" and ranged.content == b""


def test_file_is_closed_after_the_response(anon_client, video, monkeypatch):
    opened = []
    import builtins

    real_open = builtins.open

    def tracking_open(*args, **kwargs):
        file = real_open(*args, **kwargs)
        opened.append(file)
        return file

    monkeypatch.setattr("uploads.responses.open", tracking_open, raising=False)

    for header in (None, "bytes=0-9", f"bytes={SIZE}-"):
        response = anon_client.get(video.route, **({"HTTP_RANGE": header} if header else {}))
        body(response)  # the test client closes the response once its body is consumed
    anon_client.head(video.route)

    assert len(opened) == 4 and all(file.closed for file in opened)


@pytest.mark.parametrize(
    "path",
    [
        "/api/uploads/video/../../../etc/passwd",
        "/api/uploads/video/..%2F..%2Fetc%2Fpasswd",
        "/api/uploads/video/%2e%2e/secret.mp4",
        "/api/uploads/video//etc/passwd",
        "/api/uploads/video/%2Fetc%2Fpasswd",
        "/api/uploads/audio/0123456789abcdef0123456789abcdef.mp3",
        "/api/uploads/video/0123456789abcdef0123456789abcdef.mp4",
        "/api/uploads/video/0123456789ABCDEF0123456789ABCDEF.mp4",
    ],
)
def test_traversal_and_unknown_names_are_404(anon_client, video, path):
    response = anon_client.get(path)

    assert response.status_code == 404


def test_a_row_whose_file_is_missing_is_404(anon_client, video):
    video.path.unlink()

    assert anon_client.get(video.route).status_code == 404


def test_accel_redirect_hands_the_body_to_nginx(anon_client, video, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"

    response = anon_client.get(video.route, HTTP_RANGE="bytes=0-9")

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/video/{video.stored_name}"
    assert response["Content-Type"] == "video/mp4"
    assert response.content == b""
