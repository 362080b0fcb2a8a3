"""Request timing and text-only gzip."""

import gzip
import json
import logging

import pytest
from django.http import FileResponse, HttpResponse, JsonResponse
from django.test import RequestFactory

from lebrq.middleware import RequestTimingMiddleware, TextOnlyGZipMiddleware

BIG_TEXT = "LeBrq venue booking " * 100


def gzip_request(path="/api/anything"):
    return RequestFactory().get(path, HTTP_ACCEPT_ENCODING="gzip, deflate")


def through_gzip(response):
    return TextOnlyGZipMiddleware(lambda request: response)(gzip_request())


def test_json_is_gzipped():
    response = through_gzip(JsonResponse({"text": BIG_TEXT}))

    assert response["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.content)) == {"text": BIG_TEXT}


@pytest.mark.parametrize("content_type", ["application/x-ndjson", "application/vnd.oai.openapi+json; charset=utf-8"])
def test_ndjson_and_json_suffix_types_are_gzipped(content_type):
    assert through_gzip(HttpResponse(BIG_TEXT, content_type=content_type))["Content-Encoding"] == "gzip"


def test_text_is_gzipped():
    assert through_gzip(HttpResponse(BIG_TEXT, content_type="text/csv"))["Content-Encoding"] == "gzip"


@pytest.mark.parametrize(
    "content_type", ["application/pdf", "video/mp4", "image/png", "audio/mpeg", "application/octet-stream"]
)
def test_pdf_and_media_are_left_alone(content_type):
    body = BIG_TEXT.encode()

    response = through_gzip(HttpResponse(body, content_type=content_type))

    assert "Content-Encoding" not in response
    assert response.content == body


@pytest.mark.django_db  # closing a FileResponse sends request_finished, which touches connections
def test_file_response_of_media_is_not_compressed(tmp_path):
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"\x00" * 4096)

    response = through_gzip(FileResponse(video.open("rb"), content_type="video/mp4"))

    assert "Content-Encoding" not in response
    assert response["Content-Length"] == "4096"
    response.close()


@pytest.mark.django_db
def test_api_json_is_gzipped_end_to_end(anon_client):
    response = anon_client.get("/api/schema/?format=json", HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "openapi" in json.loads(gzip.decompress(response.content))


@pytest.mark.django_db
def test_every_response_has_x_process_time(anon_client):
    for response in (anon_client.get("/api/health"), anon_client.get("/api/no-such-route")):
        assert float(response["X-Process-Time"]) >= 0


def test_requests_slower_than_the_limit_are_logged(settings, caplog):
    settings.SLOW_REQUEST_SECONDS = 0
    timing = RequestTimingMiddleware(lambda request: HttpResponse("ok"))

    with caplog.at_level(logging.WARNING, logger="lebrq.timing"):
        response = timing(RequestFactory().post("/api/bookings/"))

    assert float(response["X-Process-Time"]) >= 0
    assert len(caplog.records) == 1
    assert caplog.messages[0].startswith("Slow request: POST /api/bookings/ took ")


def test_fast_requests_are_not_logged(settings, caplog):
    settings.SLOW_REQUEST_SECONDS = 60
    timing = RequestTimingMiddleware(lambda request: HttpResponse("ok"))

    with caplog.at_level(logging.WARNING, logger="lebrq.timing"):
        timing(RequestFactory().get("/api/health"))

    assert caplog.records == []
