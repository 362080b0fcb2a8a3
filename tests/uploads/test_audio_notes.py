import hashlib
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework_simplejwt.tokens import AccessToken

from tests.conftest import bearer_client
from tests.uploads.conftest import media_files
from tests.uploads.samples import sample_bytes
from uploads.models import MediaFile


def post_note(client, booking, extension="mp3", size=50_000):
    content = sample_bytes(extension, size)
    response = client.post(
        f"/api/bookings/{booking.pk}/audio-notes",
        {"file": SimpleUploadedFile(f"note.{extension}", content)},
        format="multipart",
    )
    return response, content


def relative(url):
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


@pytest.mark.parametrize(
    "extension, content_type",
    [("mp3", "audio/mpeg"), ("m4a", "audio/mp4"), ("ogg", "audio/ogg"), ("wav", "audio/wav"), ("webm", "audio/webm")],
)
def test_owner_adds_an_audio_note(alice_client, alice_booking, settings, extension, content_type):
    response, content = post_note(alice_client, alice_booking, extension)

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "audio" and body["content_type"] == content_type
    assert body["sha256"] == hashlib.sha256(content).hexdigest()
    note = MediaFile.objects.get(pk=body["id"])
    assert note.booking == alice_booking
    assert body["url"].startswith(f"http://testserver/api/bookings/{alice_booking.pk}/audio-notes/{note.pk}?signature=")


def test_staff_adds_a_note_to_anyones_booking(staff_client, charlie, alice_booking):
    response, _ = post_note(staff_client, alice_booking)

    assert response.status_code == 201
    assert MediaFile.objects.get().owner == charlie


def test_another_customer_gets_404_and_nothing_is_stored(bob_client, alice_booking, settings):
    response, _ = post_note(bob_client, alice_booking)

    assert response.status_code == 404
    assert media_files(settings) == []


def test_anonymous_gets_401(anon_client, alice_booking, settings):
    response, _ = post_note(anon_client, alice_booking)

    assert response.status_code == 401
    assert media_files(settings) == []


def test_a_video_is_not_an_audio_note(alice_client, alice_booking, settings):
    response, _ = post_note(alice_client, alice_booking, "exe")

    assert response.status_code == 415
    assert media_files(settings) == []


def test_owner_lists_notes(alice_client, alice_booking, bob_client):
    post_note(alice_client, alice_booking)
    post_note(alice_client, alice_booking, "ogg")

    listing = alice_client.get(f"/api/bookings/{alice_booking.pk}/audio-notes")

    assert listing.status_code == 200
    assert [item["content_type"] for item in listing.json()["items"]] == ["audio/ogg", "audio/mpeg"]
    assert listing.json()["pagination"]["total"] == 2
    assert bob_client.get(f"/api/bookings/{alice_booking.pk}/audio-notes").status_code == 404


@pytest.fixture
def note(alice_client, alice_booking):
    response, content = post_note(alice_client, alice_booking, size=80_000)
    note = MediaFile.objects.get(pk=response.json()["id"])
    note.content = content
    note.signed_url = relative(response.json()["url"])
    note.route = f"/api/bookings/{alice_booking.pk}/audio-notes/{note.pk}"
    return note


def test_signed_url_works_without_a_token_and_with_ranges(anon_client, note):
    response = anon_client.get(note.signed_url, HTTP_RANGE="bytes=0-")

    assert response.status_code == 206
    assert b"".join(response.streaming_content) == note.content
    assert response["Cache-Control"] == "private, max-age=900"
    assert response["Content-Type"] == "audio/mpeg"


@pytest.mark.parametrize(
    "client_name, status", [("alice_client", 200), ("staff_client", 200), ("bob_client", 404), ("anon_client", 401)]
)
def test_bearer_access_to_the_bytes(request, note, client_name, status):
    client = request.getfixturevalue(client_name)

    assert client.get(note.route).status_code == status


def test_expired_signature_is_refused(anon_client, note, monkeypatch):
    monkeypatch.setattr("uploads.links.SIGNED_URL_MAX_AGE_SECONDS", -1)

    response = anon_client.get(note.signed_url)

    assert response.status_code == 403
    assert "expired" in response.json()["detail"]


def test_a_signature_is_bound_to_its_note(anon_client, alice_client, alice_booking, note):
    other, _ = post_note(alice_client, alice_booking)
    signature = note.signed_url.split("signature=")[1]

    response = anon_client.get(
        f"/api/bookings/{alice_booking.pk}/audio-notes/{other.json()['id']}?signature={signature}"
    )

    assert response.status_code == 403


def test_a_signed_note_under_another_booking_path_is_404(anon_client, note):
    signature = note.signed_url.split("signature=")[1]

    assert (
        anon_client.get(f"/api/bookings/{note.booking_id + 1}/audio-notes/{note.pk}?signature={signature}").status_code
        == 404
    )


def test_audio_notes_are_not_public_media(anon_client, note):
    assert anon_client.get(f"/api/uploads/audio/{note.stored_name}").status_code == 404


def expired_access_token(user):
    token = AccessToken.for_user(user)
    token.set_exp(lifetime=-timedelta(minutes=1))
    return str(token)


@pytest.mark.parametrize("stale_token", ["expired", "garbage"])
def test_a_stale_token_beside_a_valid_signature_still_plays(alice, note, stale_token):
    browser = bearer_client(None)
    token = expired_access_token(alice) if stale_token == "expired" else "not-a-token"
    browser.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    opening = browser.get(note.signed_url, HTTP_RANGE="bytes=0-")
    whole = browser.get(note.signed_url)

    assert (opening.status_code, whole.status_code) == (206, 200)
    assert b"".join(whole.streaming_content) == note.content


@pytest.mark.parametrize("stale_token", ["expired", "garbage"])
def test_a_stale_token_without_a_signature_is_401(alice, note, stale_token):
    browser = bearer_client(None)
    token = expired_access_token(alice) if stale_token == "expired" else "not-a-token"
    browser.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    assert browser.get(note.route).status_code == 401
    assert browser.get(f"{note.route}?signature=forged").status_code == 401
