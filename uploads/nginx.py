"""The nginx front door's hand-over of request bodies: nginx writes a tus body to a file in its
body directory (on the media filesystem) and passes the path instead of the bytes.

The path is believed only when the request also carries NGINX_BODY_SECRET, which nginx adds
itself (deploy/nginx/lebrq.conf, from a file only nginx and the app read), and only for a
regular file directly inside the body directory: normalised, no symlink, no `..`.
"""

import hmac
from pathlib import Path

from django.conf import settings

from uploads.exceptions import InvalidUpload, UntrustedBodyFile

BODY_FILE_HEADER = "HTTP_X_LEBRQ_BODY_FILE"
BODY_SECRET_HEADER = "HTTP_X_LEBRQ_BODY_SECRET"


def nginx_body_directory():
    return Path(settings.NGINX_BODY_DIR or Path(settings.MEDIA_ROOT) / ".nginx-body")


def handed_over_body(meta):
    """The file nginx stored this request's body in, or None when the body comes on the socket."""
    if BODY_FILE_HEADER not in meta:
        return None
    if not _sent_by_nginx(meta.get(BODY_SECRET_HEADER, "")):
        raise UntrustedBodyFile()
    raw = meta[BODY_FILE_HEADER]
    if not raw:
        return None  # nginx had no body to store
    return _inside_body_directory(raw)


def _sent_by_nginx(secret):
    expected = settings.NGINX_BODY_SECRET
    return bool(expected) and hmac.compare_digest(secret.encode(), expected.encode())


def _inside_body_directory(raw):
    path = Path(raw)
    directory = nginx_body_directory().resolve()
    refused = InvalidUpload("The handed-over body file is not one of nginx's body files.")
    if not path.is_absolute() or ".." in path.parts or path.is_symlink():
        raise refused
    try:
        resolved = path.resolve(strict=True)
    except (FileNotFoundError, RuntimeError):
        raise refused from None
    if resolved.parent != directory or not resolved.is_file():
        raise refused
    return resolved
