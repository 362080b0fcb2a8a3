"""tus 1.0.0 at /api/uploads/tus/ in process: the protocol's answers, and the same files, rows and
checks as the multipart routes."""

import hashlib
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from lebrq.throttles import ScopedThrottle
from tests.conftest import bearer_client
from tests.uploads.conftest import media_files
from tests.uploads.samples import sample_bytes
from tests.uploads.tus_client import ENDPOINT, TUS, create, delete, head, metadata, patch, sha1_header
from uploads.models import MediaFile, ResumableUpload
from uploads.resumable import running_hashes

pytestmark = pytest.mark.django_db


def upload_whole(client, content, chunk_size, **create_args):
    location = create(client, len(content), **create_args)["Location"]
    for offset in range(0, len(content), chunk_size):
        response = patch(client, location, offset, content[offset : offset + chunk_size])
        assert response.status_code == 204, response.content
    return location, response


def test_options_tells_the_version_extensions_limit_and_checksum_without_a_token(anon_client):
    response = anon_client.options(ENDPOINT)

    assert response.status_code == 204
    assert response["Tus-Resumable"] == "1.0.0" and response["Tus-Version"] == "1.0.0"
    assert response["Tus-Extension"] == "creation,creation-with-upload,termination,checksum,expiration"
    assert response["Tus-Checksum-Algorithm"] == "sha1"
    assert int(response["Tus-Max-Size"]) == 2048 * 1024 * 1024


def test_creation_answers_201_with_location_offset_zero_and_expiry(alice_client, settings):
    response = create(alice_client, 5000)

    assert response.status_code == 201, response.content
    assert response["Tus-Resumable"] == "1.0.0" and response["Upload-Offset"] == "0"
    assert response["Location"].startswith("http://testserver/api/uploads/tus/")
    assert "GMT" in response["Upload-Expires"]
    upload = ResumableUpload.objects.get()
    assert abs(upload.expires_at - upload.created_at - timedelta(hours=24)) < timedelta(seconds=1)
    assert media_files(settings) == [f"video/{upload.id.hex}.part"]


def test_a_request_without_tus_resumable_is_412_and_names_the_version(alice_client):
    response = alice_client.generic(
        "POST", ENDPOINT, HTTP_UPLOAD_LENGTH="10", HTTP_UPLOAD_METADATA=metadata(kind="video")
    )

    assert response.status_code == 412
    assert response["Tus-Version"] == "1.0.0" and response["Tus-Resumable"] == "1.0.0"
    assert response.json()["code"] == "tus_version_unsupported"


def test_chunks_make_the_same_file_row_and_json_as_a_multipart_upload(alice_client, settings):
    content = sample_bytes("mp4", 300_000)

    location, last = upload_whole(alice_client, content, 100_000)

    media = MediaFile.objects.get()
    assert (media.kind, media.size, media.sha256) == ("video", len(content), hashlib.sha256(content).hexdigest())
    assert (media.content_type, media.original_name) == ("video/mp4", "clip.mp4")
    assert media_files(settings) == [f"video/{media.stored_name}"]
    assert media.path.read_bytes() == content
    assert last["Upload-Offset"] == str(len(content)) and last["LeBrq-Media-Url"].endswith(media.stored_name)
    body = alice_client.get(location).json()
    assert body["id"] == media.pk and body["sha256"] == media.sha256 and body["url"] == last["LeBrq-Media-Url"]
    assert head(alice_client, location)["Upload-Offset"] == str(len(content))


def test_head_tells_the_offset_stored_on_disk(alice_client):
    content = sample_bytes("mp4", 10_000)
    location = create(alice_client, len(content))["Location"]
    patch(alice_client, location, 0, content[:4000])

    response = head(alice_client, location)

    assert response.status_code == 200
    assert (response["Upload-Offset"], response["Upload-Length"]) == ("4000", "10000")
    assert response["Cache-Control"] == "no-store" and "Upload-Expires" in response


def test_a_chunk_at_the_wrong_offset_is_409_and_changes_nothing(alice_client):
    location = create(alice_client, 10_000)["Location"]
    patch(alice_client, location, 0, sample_bytes("mp4", 1000))

    response = patch(alice_client, location, 500, b"x" * 100)

    assert response.status_code == 409 and response.json()["code"] == "offset_mismatch"
    assert head(alice_client, location)["Upload-Offset"] == "1000"


def test_a_chunk_of_another_content_type_is_415(alice_client):
    location = create(alice_client, 10_000)["Location"]

    response = patch(alice_client, location, 0, sample_bytes("mp4", 1000), content_type="application/octet-stream")

    assert response.status_code == 415 and response["Tus-Resumable"] == "1.0.0"


def test_first_bytes_of_a_wrong_type_are_415_at_the_first_patch_and_the_upload_is_gone(alice_client, settings):
    location = create(alice_client, 100_000)["Location"]

    response = patch(alice_client, location, 0, sample_bytes("exe", 50_000))

    assert response.status_code == 415 and response.json()["code"] == "unsupported_file_type"
    assert head(alice_client, location).status_code == 404
    assert media_files(settings) == [] and not ResumableUpload.objects.exists()


def test_the_type_is_checked_once_the_first_bytes_arrive_across_patches(alice_client):
    content = sample_bytes("mp4", 1000)
    location = create(alice_client, len(content))["Location"]

    assert patch(alice_client, location, 0, content[:100]).status_code == 204
    assert patch(alice_client, location, 100, content[100:]).status_code == 204
    assert MediaFile.objects.get().content_type == "video/mp4"


def test_a_chunk_with_a_matching_sha1_is_stored(alice_client):
    chunk = sample_bytes("mp4", 5000)
    location = create(alice_client, 10_000)["Location"]

    response = patch(alice_client, location, 0, chunk, HTTP_UPLOAD_CHECKSUM=sha1_header(chunk))

    assert response.status_code == 204 and response["Upload-Offset"] == "5000"


def test_a_chunk_whose_sha1_differs_is_460_and_discarded(alice_client):
    chunk = sample_bytes("mp4", 5000)
    location = create(alice_client, 10_000)["Location"]

    response = patch(alice_client, location, 0, chunk, HTTP_UPLOAD_CHECKSUM=sha1_header(chunk + b"!"))

    assert response.status_code == 460 and response.json()["code"] == "checksum_mismatch"
    assert head(alice_client, location)["Upload-Offset"] == "0"


def test_an_unknown_checksum_algorithm_is_400(alice_client):
    location = create(alice_client, 10_000)["Location"]

    response = patch(alice_client, location, 0, b"x" * 10, HTTP_UPLOAD_CHECKSUM="md5 AAAA")

    assert response.status_code == 400


def test_only_the_creator_sees_an_upload(alice_client, bob_client):
    content = sample_bytes("mp4", 1000)
    location = create(alice_client, 2000)["Location"]

    assert head(bob_client, location).status_code == 404
    assert patch(bob_client, location, 0, content).status_code == 404
    assert delete(bob_client, location).status_code == 404
    assert bob_client.get(location).status_code == 404
    assert head(alice_client, location)["Upload-Offset"] == "0"


def test_termination_removes_the_part_file_and_the_upload(alice_client, settings):
    location = create(alice_client, 2000)["Location"]
    patch(alice_client, location, 0, sample_bytes("mp4", 1000))

    response = delete(alice_client, location)

    assert response.status_code == 204 and response["Tus-Resumable"] == "1.0.0"
    assert head(alice_client, location).status_code == 404
    assert media_files(settings) == [] and not ResumableUpload.objects.exists()


def test_an_expired_upload_is_404_and_housekeeping_removes_it(alice, alice_client, settings):
    location = create(alice_client, 2000)["Location"]
    patch(alice_client, location, 0, sample_bytes("mp4", 1000))
    live = create(alice_client, 2000)["Location"]

    with time_machine.travel(timezone.now() + timedelta(hours=24, seconds=1)):
        assert head(bearer_client(alice), location).status_code == 404
        ResumableUpload.objects.filter(pk=live.rsplit("/", 1)[1]).update(expires_at=timezone.now() + timedelta(hours=1))
        call_command("cleanup_uploads", "--delete", stdout=open("/dev/null", "w"))

    remaining = ResumableUpload.objects.get()
    assert str(remaining.pk) == live.rsplit("/", 1)[1]
    assert media_files(settings) == [f"video/{remaining.id.hex}.part"]


def test_an_idle_upload_that_has_not_expired_is_not_a_stale_part_file(alice_client, settings):
    create(alice_client, 2000)
    upload = ResumableUpload.objects.get()

    with time_machine.travel(timezone.now() + timedelta(hours=23)):
        call_command("cleanup_uploads", "--delete", "--part-age-hours", "0", stdout=open("/dev/null", "w"))

    assert media_files(settings) == [f"video/{upload.id.hex}.part"]


def test_a_sixth_incomplete_upload_is_409_too_many_uploads(alice_client, bob_client):
    for _ in range(5):
        assert create(alice_client, 2000).status_code == 201

    response = create(alice_client, 2000)

    assert response.status_code == 409 and response.json()["code"] == "too_many_uploads"
    assert create(bob_client, 2000).status_code == 201


def test_finished_uploads_do_not_count_against_the_limit(alice_client):
    for _ in range(5):
        upload_whole(alice_client, sample_bytes("mp4", 1000), 1000)

    assert create(alice_client, 2000).status_code == 201


def test_upload_length_over_the_kinds_limit_is_413(alice_client, settings):
    settings.UPLOAD_LIMITS_MB = {"image": 1}

    response = create(alice_client, 1024 * 1024 + 1, kind="image", filename="big.png")

    assert response.status_code == 413 and response.json()["code"] == "upload_too_large"
    assert media_files(settings) == []


def test_a_chunk_past_upload_length_is_413(alice_client):
    location = create(alice_client, 1000)["Location"]

    assert patch(alice_client, location, 0, sample_bytes("mp4", 1001)).status_code == 413


def test_creation_with_upload_stores_the_first_chunk(alice_client):
    content = sample_bytes("png", 3000)

    response = create(alice_client, len(content), kind="image", filename="cat.png", body=content[:1000])

    assert response.status_code == 201 and response["Upload-Offset"] == "1000"
    assert patch(alice_client, response["Location"], 1000, content[1000:]).status_code == 204
    assert MediaFile.objects.get().kind == "image"


def test_creation_with_the_whole_file_completes_at_once(alice_client):
    content = sample_bytes("png", 3000)

    response = create(alice_client, len(content), kind="image", filename="cat.png", body=content)

    assert response.status_code == 201 and "LeBrq-Media-Url" in response
    assert MediaFile.objects.get().sha256 == hashlib.sha256(content).hexdigest()


def test_an_unknown_kind_or_bad_metadata_is_400(alice_client):
    assert create(alice_client, 100, kind="exe").status_code == 400
    response = alice_client.generic("POST", ENDPOINT, HTTP_UPLOAD_LENGTH="10", HTTP_UPLOAD_METADATA="kind %%%", **TUS)
    assert response.status_code == 400
    assert alice_client.generic("POST", ENDPOINT, HTTP_UPLOAD_METADATA=metadata(kind="video"), **TUS).status_code == 400


def test_an_audio_note_names_a_booking_its_creator_can_see(alice_client, bob_client, alice_booking):
    content = sample_bytes("mp3", 2000)

    refused = create(bob_client, len(content), kind="audio", filename="a.mp3", **{"HTTP_UPLOAD_METADATA": ""})
    stranger = bob_client.generic(
        "POST",
        ENDPOINT,
        HTTP_UPLOAD_LENGTH="2000",
        HTTP_UPLOAD_METADATA=metadata(kind="audio", booking=alice_booking.pk),
        **TUS,
    )
    response = alice_client.generic(
        "POST",
        ENDPOINT,
        content,
        content_type="application/offset+octet-stream",
        HTTP_UPLOAD_LENGTH="2000",
        HTTP_UPLOAD_METADATA=metadata(kind="audio", booking=alice_booking.pk, filename="a.mp3"),
        **TUS,
    )

    assert refused.status_code == 400 and stranger.status_code == 404
    assert response.status_code == 201, response.content
    note = MediaFile.objects.get()
    assert (note.kind, note.booking, note.content_type) == ("audio", alice_booking, "audio/mpeg")
    assert "signature=" in response["LeBrq-Media-Url"]


def test_a_patch_on_a_complete_upload_is_409(alice_client):
    content = sample_bytes("mp4", 1000)
    location, _ = upload_whole(alice_client, content, 1000)

    response = patch(alice_client, location, 1000, b"x")

    assert response.status_code == 409 and response.json()["code"] == "upload_complete"


def test_get_of_an_incomplete_upload_is_409(alice_client):
    location = create(alice_client, 1000)["Location"]

    response = alice_client.get(location)

    assert response.status_code == 409 and response["Tus-Resumable"] == "1.0.0"


def test_an_anonymous_client_is_401_with_tus_resumable(anon_client):
    response = create(anon_client, 1000)

    assert response.status_code == 401 and response["Tus-Resumable"] == "1.0.0"


def test_the_uploads_throttle_counts_creations_only(alice_client, monkeypatch):
    monkeypatch.setitem(ScopedThrottle.THROTTLE_RATES, "uploads", "2/min")
    content = sample_bytes("mp4", 4000)
    first, second = create(alice_client, len(content)), create(alice_client, len(content))

    answers = [
        patch(alice_client, first["Location"], offset, content[offset : offset + 1000])
        for offset in range(0, 4000, 1000)
    ]
    answers += [head(alice_client, second["Location"]) for _ in range(3)]
    third = create(alice_client, len(content))

    assert [first.status_code, second.status_code, third.status_code] == [201, 201, 429]
    assert [answer.status_code for answer in answers] == [204] * 4 + [200] * 3
    assert third["Tus-Resumable"] == "1.0.0" and "Retry-After" in third


@pytest.mark.parametrize("forgotten_before", [set(), {1}, {2}, {1, 2, 3}])
def test_the_sha256_is_right_whichever_process_received_which_chunk(alice_client, forgotten_before):
    """A chunk served by another worker (here: the running hash dropped) leaves a hash at completion."""
    content = sample_bytes("mp4", 4000)
    location = create(alice_client, len(content))["Location"]

    for index, offset in enumerate(range(0, 4000, 1000)):
        if index in forgotten_before:
            running_hashes._hashes.clear()
        assert patch(alice_client, location, offset, content[offset : offset + 1000]).status_code == 204

    assert MediaFile.objects.get().sha256 == hashlib.sha256(content).hexdigest()


def test_a_chunk_refused_by_its_checksum_leaves_the_running_hash_right(alice_client):
    content = sample_bytes("mp4", 3000)
    location = create(alice_client, len(content))["Location"]
    patch(alice_client, location, 0, content[:1000])

    refused = patch(alice_client, location, 1000, content[1000:2000], HTTP_UPLOAD_CHECKSUM=sha1_header(b"other"))
    patch(alice_client, location, 1000, content[1000:2000])
    patch(alice_client, location, 2000, content[2000:])

    assert refused.status_code == 460
    assert MediaFile.objects.get().sha256 == hashlib.sha256(content).hexdigest()
