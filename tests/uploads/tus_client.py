"""tus requests through DRF's APIClient, spelled as a tus client sends them."""

import base64
import hashlib

TUS = {"HTTP_TUS_RESUMABLE": "1.0.0"}
ENDPOINT = "/api/uploads/tus/"
OFFSET_OCTET_STREAM = "application/offset+octet-stream"


def metadata(**pairs):
    return ",".join(f"{key} {base64.b64encode(str(value).encode()).decode()}" for key, value in pairs.items())


def create(client, length, *, kind="video", filename="clip.mp4", body=None, **extra):
    headers = {**TUS, "HTTP_UPLOAD_LENGTH": str(length), "HTTP_UPLOAD_METADATA": metadata(kind=kind, filename=filename)}
    headers.update(extra)
    if body is None:
        return client.generic("POST", ENDPOINT, **headers)
    return client.generic("POST", ENDPOINT, body, content_type=OFFSET_OCTET_STREAM, **headers)


def patch(client, location, offset, chunk, *, content_type=OFFSET_OCTET_STREAM, **extra):
    return client.generic(
        "PATCH", location, chunk, content_type=content_type, **{**TUS, "HTTP_UPLOAD_OFFSET": str(offset), **extra}
    )


def head(client, location):
    return client.head(location, **TUS)


def delete(client, location):
    return client.delete(location, **TUS)


def sha1_header(chunk):
    return "sha1 " + base64.b64encode(hashlib.sha1(chunk).digest()).decode()
