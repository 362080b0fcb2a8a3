"""Reads behind the housekeeping commands: what on disk (or in the bucket) is stale, orphaned or corrupt."""

import hashlib
import time
from datetime import timedelta
from pathlib import Path

from botocore.exceptions import ClientError
from django.conf import settings
from django.utils import timezone

from uploads.models import MediaFile, ResumableUpload
from uploads.storage import bucket, media_on_s3, object_key, store_errors

# Longer than any upload runs, so a .part still being written is never touched.
STALE_PART_AGE_SECONDS = 6 * 3600


def stale_part_files(older_than_seconds=STALE_PART_AGE_SECONDS):
    """`.part` files untouched for longer than the given age: uploads a crash or kill left behind.
    A resumable upload's `.part` file goes with its upload when that expires, however idle it was."""
    cutoff = time.time() - older_than_seconds
    resumable = resumable_part_paths()
    for kind in MediaFile.Kind.values:
        directory = Path(settings.MEDIA_ROOT) / kind
        if directory.is_dir():
            yield from (
                path for path in directory.glob("*.part") if path not in resumable and path.stat().st_mtime < cutoff
            )


def delete_stale_part_files(older_than_seconds=STALE_PART_AGE_SECONDS, *, dry_run=False):
    """Remove expired resumable uploads and stale `.part` files (housekeeping and cleanup_uploads);
    (path, size) of each file."""
    return [
        *delete_expired_resumable_uploads(dry_run=dry_run),
        *remove_files(stale_part_files(older_than_seconds), dry_run=dry_run),
    ]


def resumable_part_paths():
    incomplete = ResumableUpload.objects.filter(media__isnull=True).only("id", "kind")
    return {upload.part_path for upload in incomplete}


def delete_expired_resumable_uploads(now=None, *, dry_run=False):
    """Incomplete tus uploads past Upload-Expires: each `.part` file and its row."""
    expired = ResumableUpload.objects.filter(media__isnull=True, expires_at__lte=now or timezone.now())
    removed = []
    for upload in expired.only("id", "kind"):
        removed.extend(remove_files([upload.part_path], dry_run=dry_run))
        if not dry_run:
            upload.delete()
    return removed


def remove_files(paths, *, dry_run=False):
    """(path, size) of each file, deleted unless dry_run; a file that vanished meanwhile is skipped."""
    removed = []
    for path in paths:
        try:
            size = path.stat().st_size
            if not dry_run:
                path.unlink()
        except FileNotFoundError:
            continue
        removed.append((path, size))
    return removed


def orphan_files():
    """Stored files (not `.part`) that no MediaFile row names."""
    for kind in MediaFile.Kind.values:
        directory = Path(settings.MEDIA_ROOT) / kind
        if not directory.is_dir():
            continue
        names = {path.name: path for path in directory.iterdir() if path.is_file() and path.suffix != ".part"}
        known = set(MediaFile.objects.filter(kind=kind, stored_name__in=names).values_list("stored_name", flat=True))
        yield from (path for name, path in sorted(names.items()) if name not in known)


def remove_orphans(*, dry_run=False):
    """(where, size) of each stored file or object without a row, deleted unless dry_run; on S3
    also the multipart uploads that a killed worker left unfinished."""
    if media_on_s3():
        with store_errors():
            return [*remove_objects(orphan_objects(), dry_run=dry_run), *abort_stale_multipart_uploads(dry_run=dry_run)]
    return remove_files(orphan_files(), dry_run=dry_run)


# An object goes up before its row is committed (uploads/services.py): younger ones are left alone.
ORPHAN_OBJECT_GRACE_SECONDS = 3600


def orphan_objects(grace_seconds=ORPHAN_OBJECT_GRACE_SECONDS):
    """Objects of the bucket, older than the grace, that no MediaFile row names."""
    cutoff = timezone.now() - timedelta(seconds=grace_seconds)
    for kind in MediaFile.Kind.values:
        objects = {
            summary.key.removeprefix(f"{kind}/"): summary
            for summary in bucket().objects.filter(Prefix=f"{kind}/")
            if summary.last_modified < cutoff
        }
        for names in _batches(sorted(objects), 500):
            rows = MediaFile.objects.filter(kind=kind, stored_name__in=names)
            known = set(rows.values_list("stored_name", flat=True))
            yield from (objects[name] for name in names if name not in known)


def remove_objects(summaries, *, dry_run=False):
    removed = []
    for summary in summaries:
        found = (f"s3://{summary.bucket_name}/{summary.key}", summary.size)  # read before it is gone
        if not dry_run:
            summary.delete()
        removed.append(found)
    return removed


def abort_stale_multipart_uploads(older_than_seconds=STALE_PART_AGE_SECONDS, *, dry_run=False):
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    aborted = []
    for upload in bucket().multipart_uploads.all():
        if upload.initiated < cutoff:
            size = sum(part.size for part in upload.parts.all())
            if not dry_run:
                upload.abort()
            aborted.append((f"s3://{upload.bucket_name}/{upload.object_key} (unfinished multipart upload)", size))
    return aborted


def _batches(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def file_sha256(path):
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()  # readinto one reused buffer: no copies


def media_problem(media):
    """None when the file on disk (or its object) has the recorded size and sha256, else what is wrong."""
    if media_on_s3():
        with store_errors():
            return object_problem(media)
    try:
        size = media.path.stat().st_size
    except FileNotFoundError:
        return "missing"
    if size != media.size:
        return f"size {size} != recorded {media.size}"
    if file_sha256(media.path) != media.sha256:
        return "sha256 mismatch"
    return None


def object_problem(media):
    try:
        answer = bucket().Object(object_key(media.kind, media.stored_name)).get()
    except ClientError as error:
        if error.response["Error"]["Code"] in ("NoSuchKey", "404"):
            return "missing"
        raise
    body = answer["Body"]
    try:
        if answer["ContentLength"] != media.size:
            return f"size {answer['ContentLength']} != recorded {media.size}"
        digest = hashlib.sha256()
        for chunk in body.iter_chunks(1024 * 1024):  # streamed: one MiB in memory at a time
            digest.update(chunk)
    finally:
        body.close()
    if digest.hexdigest() != media.sha256:
        return "sha256 mismatch"
    return None
