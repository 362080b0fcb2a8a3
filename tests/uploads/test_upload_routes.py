import hashlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.uploads.conftest import media_files
from tests.uploads.samples import sample_bytes
from uploads.models import MediaFile

MIB = 1024 * 1024
FIELDS = {"id", "kind", "url", "size", "sha256", "content_type", "original_name", "created_at"}


def upload(client, route, content, name="upload.bin", field="file"):
    return client.post(route, {field: SimpleUploadedFile(name, content)}, format="multipart")


@pytest.mark.parametrize(
    "route, kind, extension, content_type",
    [
        ("/api/uploads/poster", "poster", "pdf", "application/pdf"),
        ("/api/uploads/poster", "poster", "png", "image/png"),
        ("/api/uploads/image", "image", "jpg", "image/jpeg"),
        ("/api/uploads/image", "image", "gif", "image/gif"),
        ("/api/uploads/image", "image", "webp", "image/webp"),
        ("/api/uploads/video", "video", "mp4", "video/mp4"),
        ("/api/uploads/video", "video", "webm", "video/webm"),
        ("/api/uploads/video", "video", "mov", "video/quicktime"),
    ],
)
def test_upload_is_stored_under_a_generated_name(alice_client, alice, settings, route, kind, extension, content_type):
    content = sample_bytes(extension, 300_000)

    response = upload(alice_client, route, content, name=f"../../etc/my {kind}.{extension}")

    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == FIELDS
    assert body["kind"] == kind
    assert body["size"] == len(content)
    assert body["sha256"] == hashlib.sha256(content).hexdigest()
    assert body["content_type"] == content_type
    assert body["original_name"] == f"my {kind}.{extension}"
    media = MediaFile.objects.get(pk=body["id"])
    assert media.owner == alice
    assert body["url"] == f"http://testserver/api/uploads/{kind}/{media.stored_name}"
    assert media.stored_name.endswith(f".{extension}") and "my" not in media.stored_name
    assert Path(settings.MEDIA_ROOT, kind, media.stored_name).read_bytes() == content
    assert media_files(settings) == [f"{kind}/{media.stored_name}"]


def test_program_images_take_up_to_ten_files(alice_client, settings):
    files = [SimpleUploadedFile(f"slide{n}.png", sample_bytes("png", 10_000 + n)) for n in range(10)]

    response = alice_client.post("/api/uploads/program-images", {"files": files}, format="multipart")

    assert response.status_code == 201, response.content
    items = response.json()["items"]
    assert [item["original_name"] for item in items] == [f"slide{n}.png" for n in range(10)]
    assert [item["size"] for item in items] == [10_000 + n for n in range(10)]
    assert {item["kind"] for item in items} == {"program_image"}
    assert len(media_files(settings)) == 10


def test_an_eleventh_programme_image_is_refused_and_nothing_is_kept(alice_client, settings):
    files = [SimpleUploadedFile(f"slide{n}.png", sample_bytes("png", 5_000)) for n in range(11)]

    response = alice_client.post("/api/uploads/program-images", {"files": files}, format="multipart")

    assert response.status_code == 400
    assert "At most 10" in response.json()["detail"]
    assert media_files(settings) == []
    assert not MediaFile.objects.exists()


@pytest.mark.parametrize("extension", ["exe", "elf"])
def test_a_renamed_executable_is_415(alice_client, settings, extension):
    response = upload(alice_client, "/api/uploads/image", sample_bytes(extension, 200_000), name="holiday.jpg")

    assert response.status_code == 415
    assert "not an accepted image type" in response.json()["detail"]
    assert media_files(settings) == []
    assert not MediaFile.objects.exists()


def test_a_pdf_is_a_poster_but_not_an_image(alice_client, settings):
    response = upload(alice_client, "/api/uploads/image", sample_bytes("pdf"), name="poster.pdf")

    assert response.status_code == 415
    assert media_files(settings) == []


def test_content_length_over_the_limit_is_413_before_the_body_is_read(alice_client, settings, monkeypatch):
    settings.UPLOAD_LIMITS_MB = {**settings.UPLOAD_LIMITS_MB, "image": 1}
    read_sizes = []
    monkeypatch.setattr("uploads.handlers.CompleteBodyStream._count", lambda self, data, size: read_sizes.append(size))

    response = upload(alice_client, "/api/uploads/image", sample_bytes("jpg", 2 * MIB))

    assert response.status_code == 413
    assert response.json()["detail"] == "Upload too large: image files may be at most 1 MiB each."
    assert read_sizes == []
    assert media_files(settings) == []


def test_running_count_over_the_limit_is_413(alice_client, settings):
    settings.UPLOAD_LIMITS_MB = {**settings.UPLOAD_LIMITS_MB, "image": 1}
    # Within the Content-Length allowance (limit + multipart overhead), over the file limit.
    response = upload(alice_client, "/api/uploads/image", sample_bytes("jpg", MIB + 20_000))

    assert response.status_code == 413
    assert media_files(settings) == []
    assert not MediaFile.objects.exists()


def test_one_oversized_programme_image_rejects_the_whole_request(alice_client, settings):
    settings.UPLOAD_LIMITS_MB = {**settings.UPLOAD_LIMITS_MB, "program_image": 1}
    files = [
        SimpleUploadedFile("a.png", sample_bytes("png", 50_000)),
        SimpleUploadedFile("b.png", sample_bytes("png", 2 * MIB)),
    ]

    response = alice_client.post("/api/uploads/program-images", {"files": files}, format="multipart")

    assert response.status_code == 413
    assert media_files(settings) == []
    assert not MediaFile.objects.exists()


def test_a_file_exactly_at_the_limit_is_accepted(alice_client, settings):
    settings.UPLOAD_LIMITS_MB = {**settings.UPLOAD_LIMITS_MB, "image": 1}

    response = upload(alice_client, "/api/uploads/image", sample_bytes("png", MIB))

    assert response.status_code == 201
    assert response.json()["size"] == MIB


def test_missing_file_is_400(alice_client, settings):
    response = alice_client.post("/api/uploads/image", {"title": "no file"}, format="multipart")

    assert response.status_code == 400
    assert response.json()["detail"] == "No file received: send it in the multipart field 'file'."


def test_a_file_in_another_field_is_400_and_not_kept(alice_client, settings):
    response = upload(alice_client, "/api/uploads/image", sample_bytes("png"), field="attachment")

    assert response.status_code == 400
    assert "Unexpected file field 'attachment'" in response.json()["detail"]
    assert media_files(settings) == []


def test_empty_file_is_400(alice_client, settings):
    response = upload(alice_client, "/api/uploads/image", b"")

    assert response.status_code == 400
    assert media_files(settings) == []


def test_a_json_body_is_415(alice_client):
    response = alice_client.post("/api/uploads/image", {"file": "x"}, format="json")

    assert response.status_code == 415


def test_chunked_body_is_411(alice_client, settings):
    response = alice_client.post(
        "/api/uploads/image",
        {"file": SimpleUploadedFile("a.png", sample_bytes("png"))},
        format="multipart",
        HTTP_TRANSFER_ENCODING="chunked",
    )

    assert response.status_code == 411
    assert media_files(settings) == []


def test_anonymous_upload_is_401_and_nothing_is_read(anon_client, settings):
    response = upload(anon_client, "/api/uploads/image", sample_bytes("png"))

    assert response.status_code == 401
    assert media_files(settings) == []
