import os
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from tests.uploads.conftest import media_files
from tests.uploads.samples import sample_bytes
from uploads.models import MediaFile


@pytest.fixture
def stored_image(alice_client):
    response = alice_client.post(
        "/api/uploads/image", {"file": SimpleUploadedFile("a.png", sample_bytes("png", 20_000))}, format="multipart"
    )
    return MediaFile.objects.get(pk=response.json()["id"])


@pytest.fixture
def leftovers(settings, stored_image):
    directory = Path(settings.MEDIA_ROOT) / "image"
    stale = directory / ("a" * 32 + ".part")
    stale.write_bytes(b"x" * 100)
    now = time.time()  # the filesystem's clock may not be this process's (pytest --clock)
    os.utime(stale, (now - 7 * 3600, now - 7 * 3600))
    in_progress = directory / ("b" * 32 + ".part")
    in_progress.write_bytes(b"y" * 10)
    os.utime(in_progress, (now, now))
    orphan = directory / ("c" * 32 + ".jpg")
    orphan.write_bytes(b"z" * 10)
    os.utime(orphan, (now, now))
    return {"stale": stale, "in_progress": in_progress, "orphan": orphan}


def test_cleanup_is_a_dry_run_by_default(leftovers, capsys):
    call_command("cleanup_uploads")

    output = capsys.readouterr().out
    assert f"would delete {leftovers['stale']}" in output
    assert f"would delete {leftovers['orphan']}" in output
    assert str(leftovers["in_progress"]) not in output
    assert all(path.exists() for path in leftovers.values())


def test_cleanup_deletes_stale_parts_and_orphans_only(leftovers, stored_image, settings):
    call_command("cleanup_uploads", "--delete", verbosity=0)

    assert not leftovers["stale"].exists() and not leftovers["orphan"].exists()
    assert leftovers["in_progress"].exists()  # an upload may still be writing it
    assert stored_image.path.exists()


def test_verify_media_passes_on_intact_files(stored_image, capsys):
    call_command("verify_media")

    assert "All 1 media file(s) match" in capsys.readouterr().out


def test_verify_media_reports_corrupt_and_missing_files(stored_image, alice_client, capsys):
    with open(stored_image.path, "r+b") as file:
        file.seek(100)
        file.write(b"corrupted")
    second = alice_client.post(
        "/api/uploads/image", {"file": SimpleUploadedFile("b.png", sample_bytes("png", 1_000))}, format="multipart"
    )
    MediaFile.objects.get(pk=second.json()["id"]).path.unlink()

    with pytest.raises(CommandError, match="2 of 2 media file"):
        call_command("verify_media")

    errors = capsys.readouterr().err
    assert f"#{stored_image.pk} image/{stored_image.stored_name}: sha256 mismatch" in errors
    assert "missing" in errors


def test_admin_lists_and_deletes_media_with_their_files(
    stored_image, charlie, client, settings, django_capture_on_commit_callbacks
):
    client.force_login(charlie)
    charlie.is_superuser = True
    charlie.save()

    listing = client.get("/admin/uploads/mediafile/")
    with django_capture_on_commit_callbacks(execute=True):
        deleted = client.post(
            "/admin/uploads/mediafile/", {"action": "delete_with_files", "_selected_action": [stored_image.pk]}
        )

    assert listing.status_code == 200 and stored_image.original_name in listing.content.decode()
    assert deleted.status_code == 302
    assert not MediaFile.objects.exists()
    assert media_files(settings) == []


@pytest.mark.parametrize("remove", ["cleanup_uploads", "housekeeping"])
def test_cleanup_and_housekeeping_agree_on_which_part_files_are_stale(settings, remove, db):
    from jobs.housekeeping import run_housekeeping
    from uploads.maintenance import STALE_PART_AGE_SECONDS

    directory = Path(settings.MEDIA_ROOT) / "video"
    directory.mkdir(parents=True)
    ages = {"stale": STALE_PART_AGE_SECONDS + 60, "fresh": STALE_PART_AGE_SECONDS - 60}
    parts = {name: directory / f"{name}.part" for name in ages}
    for name, path in parts.items():
        path.write_bytes(b"partial")
        stamp = time.time() - ages[name]
        os.utime(path, (stamp, stamp))

    if remove == "cleanup_uploads":
        call_command("cleanup_uploads", "--delete", verbosity=0)
    else:
        run_housekeeping()

    assert (parts["stale"].exists(), parts["fresh"].exists()) == (False, True)
