"""tus and media through the nginx front door (deploy/nginx/) in front of gunicorn: bodies
stored by nginx and handed over by path (a whole file is renamed, never copied), a path that
only nginx can hand over, Range answered by nginx, and limit_req on logins."""

import hashlib
import os
import threading

import pytest
import requests
from tusclient.exceptions import TusCommunicationError, TusUploadFailed

from tests.e2e.relay import CuttingRelay
from tests.e2e.test_tus_gunicorn import stored_media, tus_client, uploader
from tests.e2e.test_uploads_gunicorn import files_under, wait_for
from tests.uploads.samples import sample_bytes
from tests.uploads.tus_client import metadata
from uploads.models import MediaFile, ResumableUpload

pytestmark = pytest.mark.e2e
MIB = 1024 * 1024


def tus_headers(token, **extra):
    return {"Authorization": f"Bearer {token}", "Tus-Resumable": "1.0.0", **extra}


def create_upload(base_url, token, length):
    response = requests.post(
        f"{base_url}/api/uploads/tus/",
        headers=tus_headers(token, **{"Upload-Length": str(length), "Upload-Metadata": metadata(kind="video")}),
        timeout=10,
    )
    assert response.status_code == 201, response.text
    return response.headers["Location"]


def patch(url, token, offset, chunk, **extra):
    headers = tus_headers(
        token, **{"Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream", **extra}
    )
    return requests.patch(url, data=chunk, headers=headers, timeout=60)


def body_directory(media_root):
    return media_root / ".nginx-body"


class BodyFileWatcher:
    """Notes the inode of every file nginx writes into its body directory while it runs."""

    def __init__(self, directory):
        self.directory = directory
        self.inodes = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self):
        while not self._stop.is_set():
            for entry in os.scandir(self.directory) if self.directory.is_dir() else []:
                self.inodes.add(entry.inode())
            self._stop.wait(0.005)

    def stop(self):
        self._stop.set()
        self._thread.join()


def test_a_whole_file_patch_through_nginx_is_renamed_into_place(front_door, token, media_root):
    door = front_door()
    content = sample_bytes("mp4", 64 * MIB + 5)
    watcher = BodyFileWatcher(body_directory(media_root))

    upload = uploader(tus_client(door.base_url, token), content, chunk_size=len(content))
    upload.upload()
    watcher.stop()

    body = stored_media(upload.url, token)
    media = MediaFile.objects.get()
    assert body["sha256"] == hashlib.sha256(content).hexdigest() and body["url"].startswith(door.base_url)
    assert media.path.stat().st_ino in watcher.inodes  # the very file nginx wrote: a rename, no copy
    assert files_under(media_root) == [f"video/{media.stored_name}"]  # nginx's body directory is empty


def test_chunks_through_nginx_are_appended_and_the_body_files_removed(front_door, token, media_root):
    door = front_door()
    content = sample_bytes("mp4", 20 * MIB + 11)

    upload = uploader(tus_client(door.base_url, token), content, chunk_size=8 * MIB)
    upload.upload()

    assert stored_media(upload.url, token)["sha256"] == hashlib.sha256(content).hexdigest()
    assert files_under(media_root) == [f"video/{MediaFile.objects.get().stored_name}"]


def test_a_patch_cut_through_nginx_loses_only_itself_and_resumes(front_door, token, media_root):
    door = front_door()
    relay = CuttingRelay(door.port)
    content = sample_bytes("mp4", 24 * MIB)
    client = tus_client(relay.base_url, token)
    first = uploader(client, content, chunk_size=8 * MIB)
    first.upload_chunk()
    relay.cut_after(4 * MIB)

    with pytest.raises((TusCommunicationError, TusUploadFailed)):
        first.upload_chunk()

    part = ResumableUpload.objects.get().part_path
    assert wait_for(lambda: not any(body_directory(media_root).iterdir()))  # nginx dropped the cut body
    assert part.stat().st_size == 8 * MIB  # the completed PATCH, nothing of the cut one
    resumed = uploader(client, content, chunk_size=8 * MIB, url=first.url)
    assert resumed.offset == 8 * MIB
    resumed.upload()
    assert stored_media(first.url, token)["sha256"] == hashlib.sha256(content).hexdigest()
    relay.close()


def test_the_first_patch_of_a_wrong_type_through_nginx_is_415(front_door, token, media_root):
    door = front_door()
    url = create_upload(door.base_url, token, 4 * MIB)

    response = patch(url, token, 0, sample_bytes("exe", 2 * MIB))

    assert response.status_code == 415 and response.headers["Tus-Resumable"] == "1.0.0"
    assert requests.head(url, headers=tus_headers(token), timeout=10).status_code == 404
    assert wait_for(lambda: files_under(media_root) == [])


def test_a_body_path_forged_through_nginx_is_replaced_by_nginxs_own(front_door, token, media_root):
    door = front_door()
    decoy = body_directory(media_root) / "0000000999"
    decoy.write_bytes(sample_bytes("mp4", 1000))
    content = sample_bytes("mp4", 3000)
    url = create_upload(door.base_url, token, len(content))

    forged = {"X-LeBrq-Body-File": str(decoy), "X-LeBrq-Body-Secret": "guess"}
    response = patch(url, token, 0, content, **forged)

    assert response.status_code == 204, response.text
    assert MediaFile.objects.get().path.read_bytes() == content and decoy.exists()


def test_a_body_path_sent_straight_to_gunicorn_is_refused(front_door, token, media_root):
    door = front_door()
    server = door.gunicorn
    decoy = body_directory(media_root) / "0000000999"
    decoy.write_bytes(sample_bytes("mp4", 1000))
    outside = media_root / "outside.bin"
    outside.write_bytes(sample_bytes("mp4", 1000))
    link = body_directory(media_root) / "0000000998"
    link.symlink_to(outside)
    url = create_upload(door.base_url, token, 1000).replace(door.base_url, server.base_url)

    def hand_over(path, secret):
        return patch(url, token, 0, b"", **{"X-LeBrq-Body-File": str(path), "X-LeBrq-Body-Secret": secret})

    no_secret = hand_over(decoy, "")
    wrong_secret = hand_over(decoy, door.secret[:-1] + "x")
    outside_directory = hand_over(outside, door.secret)
    through_a_symlink = hand_over(link, door.secret)
    climbing_out = hand_over(body_directory(media_root) / ".." / "outside.bin", door.secret)

    assert [no_secret.status_code, wrong_secret.status_code] == [403, 403]
    assert no_secret.json()["code"] == "untrusted_body_file"
    assert [outside_directory.status_code, through_a_symlink.status_code, climbing_out.status_code] == [400] * 3
    assert not MediaFile.objects.exists() and decoy.exists() and outside.exists()
    assert requests.head(url, headers=tus_headers(token), timeout=10).headers["Upload-Offset"] == "0"


def test_media_behind_nginx_is_sent_by_nginx_with_ranges_and_security_headers(front_door, token, media_root):
    door = front_door()
    content = sample_bytes("mp4", 3 * MIB)
    upload = uploader(tus_client(door.base_url, token), content, chunk_size=len(content))
    upload.upload()
    media_url = stored_media(upload.url, token)["url"]

    ranged = requests.get(media_url, headers={"Range": "bytes=100-199"}, timeout=10)
    whole = requests.get(media_url, timeout=10)

    assert ranged.status_code == 206 and ranged.content == content[100:200]
    assert ranged.headers["Content-Range"] == f"bytes 100-199/{len(content)}"
    assert ranged.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert ranged.headers["Server"].startswith("nginx") and "X-Accel-Redirect" not in ranged.headers
    assert whole.status_code == 200 and whole.content == content


def test_logins_are_limited_by_nginx_before_the_app(front_door):
    door = front_door()
    login = f"{door.base_url}/api/auth/token"

    first = requests.post(login, json={"email": "x@example.com", "password": "x"}, timeout=10)
    # GETs (405 from the app) count against the same limit and cost no password hashing.
    answers = [requests.get(login, timeout=10) for _ in range(30)]
    admin = [requests.get(f"{door.base_url}/admin/login/", timeout=10) for _ in range(3)]

    limited = [response for response in answers + admin if response.status_code == 429]
    assert first.status_code == 401
    assert len(limited) >= 10 and all("nginx" in response.text for response in limited)  # nginx's page, not the app's
    assert requests.get(f"{door.base_url}/api/venues/", timeout=10).status_code == 200  # other routes unaffected
