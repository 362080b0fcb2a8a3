"""MEDIA_STORAGE=s3 against a real S3 API server (moto's server mode on 127.0.0.1, over HTTP):
uploads by multipart upload, downloads by presigned redirect (Range answered by the store),
the bucket refusing writes mid-upload, verify_media and cleanup_uploads on the bucket."""

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from tests.s3server import deny_writes, object_keys, unfinished_multipart_uploads
from tests.uploads.conftest import media_files
from tests.uploads.samples import sample_bytes
from tests.uploads.tus_client import create, patch
from uploads.models import MediaFile, ResumableUpload
from uploads.storage import s3_storage

MIB = 1024 * 1024


@pytest.fixture
def s3(s3_server):
    return s3_server.client()


def upload(client, route, content, name="a.png"):
    return client.post(f"/api/uploads/{route}", {"file": SimpleUploadedFile(name, content)}, format="multipart")


def s3_client_events():
    """The event system of the app's own boto3 client (to count its requests or act between them)."""
    return s3_storage().connection.meta.client.meta.events


def test_an_upload_lands_in_the_bucket_and_nothing_stays_on_disk(alice_client, s3_media, s3, settings):
    content = sample_bytes("png", 50_000)

    response = upload(alice_client, "image", content)

    assert response.status_code == 201, response.content
    media = MediaFile.objects.get()
    assert object_keys(s3, s3_media) == [f"image/{media.stored_name}"]
    stored = s3.get_object(Bucket=s3_media, Key=f"image/{media.stored_name}")
    assert stored["Body"].read() == content and stored["ContentType"] == "image/png"
    assert media.sha256 == hashlib.sha256(content).hexdigest()
    assert media_files(settings) == []  # the .part file is gone once the object is up


def test_a_large_file_goes_up_in_parts_of_the_configured_size(alice_client, s3_media, s3, settings):
    settings.S3_MULTIPART_CHUNK_MB = 5
    content = sample_bytes("mp4", 12 * MIB)
    parts = []
    s3_client_events().register(
        "before-parameter-build.s3.UploadPart",
        lambda params, **kwargs: parts.append(len(params["Body"].read())) or params["Body"].seek(0),
    )

    response = upload(alice_client, "video", content, "clip.mp4")

    assert response.status_code == 201, response.content
    assert sorted(parts) == [2 * MIB, 5 * MIB, 5 * MIB]  # never the whole file in one request
    media = MediaFile.objects.get()
    body = s3.get_object(Bucket=s3_media, Key=f"video/{media.stored_name}")["Body"].read()
    assert hashlib.sha256(body).hexdigest() == media.sha256
    assert unfinished_multipart_uploads(s3, s3_media) == [] and media_files(settings) == []


def test_a_tus_upload_completes_into_the_bucket(alice_client, s3_media, s3, settings):
    content = sample_bytes("mp4", 300_000)
    location = create(alice_client, len(content))["Location"]

    for offset in range(0, len(content), 100_000):
        assert patch(alice_client, location, offset, content[offset : offset + 100_000]).status_code == 204

    media = ResumableUpload.objects.get().media
    assert s3.get_object(Bucket=s3_media, Key=f"video/{media.stored_name}")["Body"].read() == content
    assert media_files(settings) == []


def test_a_bucket_that_refuses_writes_between_parts_leaves_no_object_row_or_file(alice_client, s3_media, s3, settings):
    settings.S3_MULTIPART_CHUNK_MB = 5
    sent = []

    def refuse_from_the_second_part(params, **kwargs):
        sent.append(params["PartNumber"])
        if len(sent) == 2:
            deny_writes(s3, s3_media)  # the real server refuses this part and every later one

    s3_client_events().register("before-parameter-build.s3.UploadPart", refuse_from_the_second_part)

    response = upload(alice_client, "video", sample_bytes("mp4", 16 * MIB), "clip.mp4")

    assert response.status_code == 503, response.content
    assert response.json()["code"] == "media_store_unavailable"
    assert len(sent) >= 2
    assert not MediaFile.objects.exists()
    assert object_keys(s3, s3_media) == []
    assert unfinished_multipart_uploads(s3, s3_media) == []  # boto3 aborted the multipart upload
    assert media_files(settings) == []


def test_when_the_second_file_is_refused_the_first_object_is_deleted(alice_client, s3_media, s3, settings):
    s3_client_events().register("after-call.s3.PutObject", lambda **kwargs: deny_writes(s3, s3_media))
    files = [SimpleUploadedFile(f"{n}.png", sample_bytes("png", 10_000)) for n in range(2)]

    response = alice_client.post("/api/uploads/program-images", {"files": files}, format="multipart")

    assert response.status_code == 503, response.content
    assert not MediaFile.objects.exists()
    assert object_keys(s3, s3_media) == []
    assert media_files(settings) == []


def test_an_unreachable_store_is_503_and_leaves_nothing(alice_client, s3_media, settings):
    settings.STORAGES["media"]["OPTIONS"]["endpoint_url"] = "http://127.0.0.1:9"  # nothing listens there
    settings.STORAGES = {**settings.STORAGES}  # reload the backend

    response = upload(alice_client, "image", sample_bytes("png", 5_000))

    assert response.status_code == 503 and response.json()["code"] == "media_store_unavailable"
    assert not MediaFile.objects.exists() and media_files(settings) == []


def test_public_media_redirects_to_a_presigned_url_that_answers_ranges(alice_client, anon_client, s3_media):
    content = sample_bytes("png", 40_000)
    url = upload(alice_client, "image", content).json()["url"]

    redirect = anon_client.get(url)

    assert redirect.status_code == 302 and redirect["Cache-Control"] == "no-store"
    answer = requests.get(redirect["Location"], headers={"Range": "bytes=100-199"}, timeout=10)
    assert answer.status_code == 206 and answer.content == content[100:200]
    assert answer.headers["Content-Range"] == f"bytes 100-199/{len(content)}"
    assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert answer.headers["Content-Disposition"].startswith("inline")
    assert answer.headers["Content-Type"] == "image/png"


def test_head_redirects_to_a_url_signed_for_head(alice_client, anon_client, s3_media):
    content = sample_bytes("png", 3_000)
    url = upload(alice_client, "image", content).json()["url"]

    redirect = anon_client.head(url)

    answer = requests.head(redirect["Location"], timeout=10)
    assert answer.status_code == 200 and answer.headers["Content-Length"] == str(len(content))
    assert parse_qs(urlsplit(redirect["Location"]).query)["X-Amz-SignedHeaders"] == ["host"]


def test_an_audio_note_redirects_with_private_cache_control(alice_client, alice_booking, anon_client, s3_media):
    content = sample_bytes("mp3", 8_000)
    note = alice_client.post(
        f"/api/bookings/{alice_booking.pk}/audio-notes",
        {"file": SimpleUploadedFile("n.mp3", content)},
        format="multipart",
    ).json()

    redirect = anon_client.get(note["url"])  # the signed link is the credential

    assert redirect.status_code == 302
    answer = requests.get(redirect["Location"], timeout=10)
    assert answer.content == content and answer.headers["Cache-Control"] == "private, max-age=900"
    assert anon_client.get(note["url"].split("?")[0]).status_code == 401  # no link, no token: no redirect


def test_the_presigned_url_is_signed_now_for_the_configured_lifetime(alice_client, anon_client, s3_media, settings):
    """moto 5.2 does not refuse expired presigned URLs (S3 does), so what is proven here is what
    S3 judges by: the signing time is the request's (the clock moved), the lifetime S3_PRESIGN_SECONDS."""
    settings.S3_PRESIGN_SECONDS = 60
    url = upload(alice_client, "image", sample_bytes("png", 2_000)).json()["url"]
    later = datetime(2031, 5, 4, 3, 2, 1, tzinfo=UTC)

    with time_machine.travel(later, tick=False):
        location = anon_client.get(url)["Location"]

    query = parse_qs(urlsplit(location).query)
    assert query["X-Amz-Date"] == ["20310504T030201Z"] and query["X-Amz-Expires"] == ["60"]
    assert query["X-Amz-Credential"][0].split("/")[1] == "20310504"


def test_verify_media_reads_the_objects(alice_client, s3_media, s3, capsys):
    first = upload(alice_client, "image", sample_bytes("png", 5_000)).json()
    second = upload(alice_client, "image", sample_bytes("png", 6_000)).json()
    call_command("verify_media", verbosity=0)
    assert "All 2 media file(s) match" in capsys.readouterr().out

    first_key = f"image/{MediaFile.objects.get(pk=first['id']).stored_name}"
    s3.put_object(Bucket=s3_media, Key=first_key, Body=sample_bytes("png", 5_000))  # same size, other bytes
    s3.delete_object(Bucket=s3_media, Key=f"image/{MediaFile.objects.get(pk=second['id']).stored_name}")

    with pytest.raises(CommandError, match="2 of 2"):
        call_command("verify_media", verbosity=0)
    errors = capsys.readouterr().err
    assert "sha256 mismatch" in errors and "missing" in errors


def test_cleanup_uploads_deletes_old_orphan_objects_and_abandoned_multipart_uploads(alice_client, s3_media, s3, capsys):
    kept = MediaFile.objects.get(pk=upload(alice_client, "image", sample_bytes("png", 5_000)).json()["id"])
    s3.put_object(Bucket=s3_media, Key="image/" + "c" * 32 + ".png", Body=b"orphan")
    s3.create_multipart_upload(Bucket=s3_media, Key="video/" + "d" * 32 + ".mp4")

    call_command("cleanup_uploads", "--delete")  # the orphan object is young: it stays
    # (moto dates every multipart upload 2010-11-10, so the abandoned one is old at once)
    assert len(object_keys(s3, s3_media)) == 2 and unfinished_multipart_uploads(s3, s3_media) == []
    s3.create_multipart_upload(Bucket=s3_media, Key="video/" + "e" * 32 + ".mp4")

    with time_machine.travel(datetime.now(UTC) + timedelta(hours=7), tick=False):
        call_command("cleanup_uploads")  # dry run
        assert "would delete s3://" in capsys.readouterr().out and len(object_keys(s3, s3_media)) == 2
        call_command("cleanup_uploads", "--delete")

    assert object_keys(s3, s3_media) == [f"image/{kept.stored_name}"]
    assert unfinished_multipart_uploads(s3, s3_media) == []


def test_deleting_media_in_the_admin_path_deletes_the_object_on_commit(
    alice_client, s3_media, s3, django_capture_on_commit_callbacks
):
    from uploads.services import delete_media_file

    media = MediaFile.objects.get(pk=upload(alice_client, "image", sample_bytes("png", 5_000)).json()["id"])

    with django_capture_on_commit_callbacks(execute=True):
        delete_media_file(media)

    assert object_keys(s3, s3_media) == []


def test_without_s3_the_filesystem_path_is_unchanged(alice_client, settings):
    content = sample_bytes("png", 5_000)
    media = MediaFile.objects.get(pk=upload(alice_client, "image", content).json()["id"])
    assert Path(media.path).read_bytes() == content and media_files(settings) == [f"image/{media.stored_name}"]
