"""URLs of stored media. Audio notes are private: a browser's <audio> cannot send a Bearer
header, so their URL carries a signature (django.core.signing) that expires."""

from django.core import signing
from django.urls import reverse

from uploads.models import MediaFile

SIGNED_URL_MAX_AGE_SECONDS = 15 * 60
SIGNATURE_PARAM = "signature"
_signer = signing.TimestampSigner(salt="uploads.audio-note")


def media_url(media):
    if media.kind == MediaFile.Kind.AUDIO:
        return signed_audio_note_url(media)
    return reverse("uploads:media", kwargs={"kind": media.kind, "name": media.stored_name})


def signed_audio_note_url(note):
    path = reverse("uploads:audio-note", kwargs={"booking_id": note.booking_id, "note_id": note.pk})
    # sign() gives "<id>:<timestamp>:<signature>"; the id is already in the path.
    signature = _signer.sign(str(note.pk)).split(":", 1)[1]
    return f"{path}?{SIGNATURE_PARAM}={signature}"


def signature_grants_access(note_id, signature):
    if not signature:
        return False
    try:
        _signer.unsign(f"{note_id}:{signature}", max_age=SIGNED_URL_MAX_AGE_SECONDS)
    except signing.BadSignature:  # includes SignatureExpired
        return False
    return True
