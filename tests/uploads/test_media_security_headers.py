"""What a browser may do with stored media: every answer of a media route is sandboxed, and a
PDF is downloaded rather than rendered on the API's origin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.uploads.samples import sample_bytes
from uploads.models import MediaFile

CSP = "default-src 'none'; sandbox"


def upload(client, route, extension, size=50_000, field="file"):
    response = client.post(
        route, {field: SimpleUploadedFile(f"upload.{extension}", sample_bytes(extension, size))}, format="multipart"
    )
    assert response.status_code == 201, response.content
    media = MediaFile.objects.get(pk=response.json()["id"])
    media.route = f"/api/uploads/{media.kind}/{media.stored_name}"
    return media


@pytest.fixture
def pdf_poster(alice_client):
    return upload(alice_client, "/api/uploads/poster", "pdf")


@pytest.fixture
def image(alice_client):
    return upload(alice_client, "/api/uploads/image", "png")


def test_a_pdf_poster_is_an_attachment_named_by_the_server(anon_client, pdf_poster):
    for response in (anon_client.get(pdf_poster.route), anon_client.get(pdf_poster.route, HTTP_RANGE="bytes=0-9")):
        assert response.status_code in (200, 206)
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == f'attachment; filename="{pdf_poster.stored_name}"'
    assert anon_client.head(pdf_poster.route)["Content-Disposition"].startswith("attachment;")


def test_a_pdf_poster_behind_nginx_is_an_attachment_too(anon_client, pdf_poster, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"

    response = anon_client.get(pdf_poster.route)

    assert response["X-Accel-Redirect"].endswith(pdf_poster.stored_name)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == CSP


def test_images_video_and_audio_stay_inline(anon_client, image):
    assert anon_client.get(image.route)["Content-Disposition"] == f'inline; filename="{image.stored_name}"'


def test_every_answer_of_a_public_media_route_is_sandboxed(anon_client, image):
    size = image.size
    etag = anon_client.get(image.route)["ETag"]
    answers = {
        200: anon_client.get(image.route),
        206: anon_client.get(image.route, HTTP_RANGE="bytes=0-9"),
        304: anon_client.get(image.route, HTTP_IF_NONE_MATCH=etag),
        412: anon_client.get(image.route, HTTP_IF_MATCH='"other"'),
        416: anon_client.get(image.route, HTTP_RANGE=f"bytes={size}-"),
        "HEAD": anon_client.head(image.route),
        404: anon_client.get(f"/api/uploads/image/{'0' * 32}.png"),
    }

    assert {key: response.status_code for key, response in answers.items()} == {
        200: 200, 206: 206, 304: 304, 412: 412, 416: 416, "HEAD": 200, 404: 404
    }  # fmt: skip
    for key, response in answers.items():
        assert response["Content-Security-Policy"] == CSP, key
        assert response["Referrer-Policy"] == "no-referrer", key
        assert response["X-Content-Type-Options"] == "nosniff", key


def test_every_answer_of_an_audio_note_route_is_sandboxed(alice_client, anon_client, bob_client, alice_booking):
    note = upload(alice_client, f"/api/bookings/{alice_booking.pk}/audio-notes", "mp3")
    route = f"/api/bookings/{alice_booking.pk}/audio-notes/{note.pk}"
    answers = {
        "owner": alice_client.get(route, HTTP_RANGE="bytes=0-"),
        "anonymous": anon_client.get(route),
        "bad signature": anon_client.get(f"{route}?signature=nope"),
        "stranger": bob_client.get(route),
    }

    assert {key: response.status_code for key, response in answers.items()} == {
        "owner": 206, "anonymous": 401, "bad signature": 403, "stranger": 404
    }  # fmt: skip
    for key, response in answers.items():
        assert response["Content-Security-Policy"] == CSP, key


def test_json_routes_are_not_sandboxed(alice_client):
    assert "Content-Security-Policy" not in alice_client.get("/api/auth/me")
