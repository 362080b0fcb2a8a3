"""tus against the real server with the official Python client (tuspy), unchanged: chunked
uploads, a connection cut mid-PATCH and resumed, and a resume across a server restart."""

import fcntl
import hashlib
import io
import json
import socket

import pytest
import requests
from tusclient import client as tus
from tusclient.exceptions import TusCommunicationError, TusUploadFailed

from tests.e2e.relay import CuttingRelay
from tests.e2e.test_uploads_gunicorn import files_under, read_response, wait_for
from tests.uploads.samples import sample_bytes
from uploads.models import MediaFile, ResumableUpload

pytestmark = pytest.mark.e2e
MIB = 1024 * 1024


def tus_client(base_url, token):
    return tus.TusClient(f"{base_url}/api/uploads/tus/", headers={"Authorization": f"Bearer {token}"})


def uploader(client, content, *, chunk_size, url=None):
    return client.uploader(
        file_stream=io.BytesIO(content),
        chunk_size=chunk_size,
        metadata={"kind": "video", "filename": "wedding.mp4"},
        url=url,
        retries=0,
        store_url=False,
    )


def nobody_writes(part_path):
    """True once no request holds the upload's lock: the server has stored all it will."""
    with open(part_path, "rb") as part:
        try:
            fcntl.flock(part.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def stored_media(upload_url, token):
    response = requests.get(upload_url, headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def test_tuspy_uploads_in_chunks_and_the_file_is_served_back(gunicorn_server, token, media_root):
    server = gunicorn_server()
    content = sample_bytes("mp4", 20 * MIB + 321)

    upload = uploader(tus_client(server.base_url, token), content, chunk_size=8 * MIB)
    upload.upload()

    body = stored_media(upload.url, token)
    assert body["sha256"] == hashlib.sha256(content).hexdigest() and body["size"] == len(content)
    assert files_under(media_root) == [f"video/{MediaFile.objects.get().stored_name}"]
    assert requests.get(body["url"], timeout=30).content == content


def test_a_patch_cut_at_half_keeps_what_reached_disk_and_tuspy_resumes_from_there(gunicorn_server, token, media_root):
    server = gunicorn_server()
    relay = CuttingRelay(server.port)
    content = sample_bytes("mp4", 32 * MIB)
    client = tus_client(relay.base_url, token)
    upload = uploader(client, content, chunk_size=len(content))  # one PATCH: the cut falls inside it
    relay.cut_after(len(content) // 2)

    with pytest.raises((TusCommunicationError, TusUploadFailed)):
        upload.upload()

    assert relay.cut.is_set()
    part = ResumableUpload.objects.get().part_path
    assert wait_for(lambda: nobody_writes(part))
    stored = part.stat().st_size
    assert 0 < stored <= len(content) // 2
    resumed = uploader(client, content, chunk_size=len(content), url=upload.url)
    assert resumed.offset == stored  # tuspy asked HEAD
    resumed.upload()

    body = stored_media(upload.url, token)
    assert body["sha256"] == hashlib.sha256(content).hexdigest()
    patches = [headers for method, _, headers in relay.requests if method == "PATCH"]
    assert [int(headers["upload-offset"]) for headers in patches] == [0, stored]  # no stored byte sent again
    assert int(patches[1]["content-length"]) == len(content) - stored
    assert "Traceback" not in server.log_text()  # a lost connection is the client's failure
    relay.close()


def test_an_upload_resumes_across_a_server_restart_with_the_right_sha256(gunicorn_server, token, media_root):
    content = sample_bytes("mp4", 6 * MIB + 7)
    first = gunicorn_server(WEB_CONCURRENCY=1)
    upload = uploader(tus_client(first.base_url, token), content, chunk_size=2 * MIB)
    upload.upload_chunk()
    upload.upload_chunk()
    first.stop()

    second = gunicorn_server(WEB_CONCURRENCY=1)
    url = upload.url.replace(first.base_url, second.base_url)
    resumed = uploader(tus_client(second.base_url, token), content, chunk_size=2 * MIB, url=url)
    assert resumed.offset == 4 * MIB
    resumed.upload()

    assert stored_media(resumed.url, token)["sha256"] == hashlib.sha256(content).hexdigest()


def test_a_patch_trickling_below_the_floor_is_408_and_keeps_what_arrived(gunicorn_server, token, media_root):
    server = gunicorn_server(UPLOAD_MIN_BYTES_PER_SECOND=200_000, UPLOAD_RATE_WINDOW_SECONDS=0.5)
    tus_headers = {"Authorization": f"Bearer {token}", "Tus-Resumable": "1.0.0"}
    created = requests.post(
        server.url("/api/uploads/tus/"),
        headers={**tus_headers, "Upload-Length": str(4 * MIB), "Upload-Metadata": "kind dmlkZW8="},
        timeout=10,
    )
    url = created.headers["Location"]
    path = "/" + url.split("/", 3)[3]
    connection = socket.create_connection(("127.0.0.1", server.port), timeout=15)
    connection.sendall(
        (
            f"PATCH {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\nTus-Resumable: 1.0.0\r\n"
            f"Upload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: {4 * MIB}\r\n\r\n"
        ).encode()
        + sample_bytes("mp4", 5000)
    )

    status, body = read_response(connection)  # the client sends nothing more
    connection.close()

    assert status == 408 and json.loads(body)["code"] == "upload_too_slow"
    assert requests.head(url, headers=tus_headers, timeout=10).headers["Upload-Offset"] == "5000"
