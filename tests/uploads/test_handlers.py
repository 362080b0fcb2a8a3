"""The kind's streaming handler is the only one in force, whoever reads the body first."""

import errno

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from rest_framework.test import APIClient

from tests.uploads.conftest import media_files
from tests.uploads.samples import sample_bytes
from uploads.handlers import StreamingUploadHandler
from uploads.models import MediaFile

MIB = 1024 * 1024
CSRF_TOKEN = "a" * 32


@pytest.fixture
def chunk_sizes(monkeypatch):
    """Sizes of the chunks the streaming handler received."""
    sizes = []
    original = StreamingUploadHandler.receive_data_chunk

    def recording(self, raw_data, start):
        sizes.append(len(raw_data))
        return original(self, raw_data, start)

    monkeypatch.setattr(StreamingUploadHandler, "receive_data_chunk", recording)
    return sizes


@pytest.fixture
def no_temp_files(settings, tmp_path):
    """Django's default handlers would spill every file into FILE_UPLOAD_TEMP_DIR."""
    temp_dir = tmp_path / "django-temp"
    temp_dir.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(temp_dir)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    yield
    assert list(temp_dir.iterdir()) == []


@pytest.fixture
def alice_session_client(alice):
    """Session-authenticated and CSRF-checked: DRF's SessionAuthentication then reads
    request.POST (the whole multipart body) during authentication, before any parser runs."""
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(alice)  # django-axes needs the request that Client.login does not pass
    client.cookies["csrftoken"] = CSRF_TOKEN
    return client


def test_bearer_upload_streams_through_the_kinds_handler_in_its_chunk_size(alice_client, chunk_sizes, no_temp_files):
    response = alice_client.post(
        "/api/uploads/video", {"file": SimpleUploadedFile("a.mp4", sample_bytes("mp4", 7 * MIB))}, format="multipart"
    )

    assert response.status_code == 201
    assert sum(chunk_sizes) == 7 * MIB
    assert max(chunk_sizes) == 1 * MIB  # the video policy's chunks, not the default 64 KiB


def test_session_upload_with_csrf_check_uses_the_same_handler(
    alice_session_client, chunk_sizes, no_temp_files, settings
):
    response = alice_session_client.post(
        "/api/uploads/image",
        {"file": SimpleUploadedFile("a.png", sample_bytes("png", 3 * MIB))},
        format="multipart",
        HTTP_X_CSRFTOKEN=CSRF_TOKEN,
    )

    assert response.status_code == 201, response.content
    assert sum(chunk_sizes) == 3 * MIB
    assert max(chunk_sizes) == 1 * MIB
    assert len(media_files(settings)) == 1


def test_session_upload_without_csrf_token_is_403_and_leaves_nothing(
    alice_session_client, chunk_sizes, no_temp_files, settings
):
    response = alice_session_client.post(
        "/api/uploads/image", {"file": SimpleUploadedFile("a.png", sample_bytes("png", 2 * MIB))}, format="multipart"
    )

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert media_files(settings) == []
    assert not MediaFile.objects.exists()


def test_session_upload_over_the_limit_is_413_during_the_csrf_check(alice_session_client, settings):
    settings.UPLOAD_LIMITS_MB = {**settings.UPLOAD_LIMITS_MB, "image": 1}

    response = alice_session_client.post(
        "/api/uploads/image",
        {"file": SimpleUploadedFile("a.png", sample_bytes("png", MIB + 30_000))},
        format="multipart",
        HTTP_X_CSRFTOKEN=CSRF_TOKEN,
    )

    assert response.status_code == 413
    assert media_files(settings) == []


def test_disk_full_is_507_and_leaves_nothing(alice_client, settings, monkeypatch):
    """Unit-level ENOSPC; tests/e2e/test_uploads_gunicorn.py fills a real tmpfs."""
    original_write = StreamingUploadHandler.receive_data_chunk

    def write_then_fail(self, raw_data, start):
        if start >= MIB:
            raise_enospc()
        return original_write(self, raw_data, start)

    def raise_enospc():
        from uploads.handlers import disk_errors

        with disk_errors():
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(StreamingUploadHandler, "receive_data_chunk", write_then_fail)

    response = alice_client.post(
        "/api/uploads/image", {"file": SimpleUploadedFile("a.png", sample_bytes("png", 3 * MIB))}, format="multipart"
    )

    assert response.status_code == 507
    assert "no disk space" in response.json()["detail"]
    assert media_files(settings) == []
    assert not MediaFile.objects.exists()


def test_database_failure_after_the_write_leaves_no_file_and_no_row(alice, settings, monkeypatch):
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(alice)
    files = [SimpleUploadedFile(f"{n}.png", sample_bytes("png", 100_000)) for n in range(3)]
    created = []
    original_create = MediaFile.objects.create

    def fail_on_third(**fields):
        if len(created) == 2:
            raise DatabaseError("disk I/O error")
        created.append(original_create(**fields))
        return created[-1]

    monkeypatch.setattr(MediaFile.objects, "create", fail_on_third)

    response = client.post("/api/uploads/program-images", {"files": files}, format="multipart")

    assert response.status_code == 500
    assert len(created) == 2  # two rows and two renamed files existed before the failure
    assert media_files(settings) == []
    assert not MediaFile.objects.exists()


def test_session_upload_with_a_chunked_body_is_411_before_the_csrf_check_reads_it(alice_session_client, settings):
    response = alice_session_client.post(
        "/api/uploads/image",
        {"file": SimpleUploadedFile("a.png", sample_bytes("png"))},
        format="multipart",
        HTTP_X_CSRFTOKEN=CSRF_TOKEN,
        HTTP_TRANSFER_ENCODING="chunked",
    )

    assert response.status_code == 411
    assert media_files(settings) == []
