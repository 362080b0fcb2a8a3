"""Object-level access on every route that names a booking or a private file: anonymous,
the owner, another customer and staff each get the status in the table, and a stranger's
answer never carries the owner's data."""

import pytest

from payments.services import cancel_with_refund
from tests.bookings.conftest import book, hall  # noqa: F401 (hall is a fixture)
from tests.conftest import bearer_client, pay
from tests.uploads.samples import sample_bytes

pytestmark = pytest.mark.django_db

ANON, OWNER, OTHER, STAFF = "anonymous", "owner", "other", "staff"
SECRET_TITLE = "Alice's private sangeet"

# (method, path, {persona: expected status}); {id} is a confirmed booking of alice's,
# {cancelled} one she cancelled with a refund, {note} an audio note on {id}.
ACCESS_TABLE = [
    ("get", "/api/bookings/{id}/", {ANON: 401, OWNER: 200, OTHER: 404, STAFF: 200}),
    ("post", "/api/bookings/{id}/cancel/", {ANON: 401, OWNER: 200, OTHER: 404, STAFF: 200}),
    ("get", "/api/bookings/{id}/invoice", {ANON: 401, OWNER: 200, OTHER: 404, STAFF: 200}),
    ("get", "/api/bookings/{cancelled}/refund-invoice", {ANON: 401, OWNER: 200, OTHER: 404, STAFF: 200}),
    ("get", "/api/bookings/{id}/audio-notes", {ANON: 401, OWNER: 200, OTHER: 404, STAFF: 200}),
    ("get", "/api/bookings/{id}/audio-notes/{note}", {ANON: 401, OWNER: 200, OTHER: 404, STAFF: 200}),
    ("get", "/api/admin/bookings/{id}/invoice", {ANON: 401, OWNER: 403, OTHER: 403, STAFF: 200}),
    ("get", "/api/admin/bookings/", {ANON: 401, OWNER: 403, OTHER: 403, STAFF: 200}),
    ("get", "/api/admin/bookings/today/", {ANON: 401, OWNER: 403, OTHER: 403, STAFF: 200}),
    ("get", "/api/admin/bookings/export?format=ndjson", {ANON: 401, OWNER: 403, OTHER: 403, STAFF: 200}),
]


@pytest.fixture
def objects(alice, hall, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the documents are issued on commit
        confirmed = book(alice, hall, title=SECRET_TITLE)
        pay(confirmed, confirmed.total)
        cancelled = book(alice, hall, hour=16, title=SECRET_TITLE)
        pay(cancelled, cancelled.total)
        cancel_with_refund(cancelled, by_user=alice, reason="Plans changed")
    upload = bearer_client(alice).post(
        f"/api/bookings/{confirmed.pk}/audio-notes",
        {"file": _named(sample_bytes("mp3"), "note.mp3")},
        format="multipart",
    )
    assert upload.status_code == 201, upload.content
    return {"id": confirmed.pk, "cancelled": cancelled.pk, "note": upload.json()["id"]}


@pytest.fixture
def client_of(alice, bob, charlie):
    users = {ANON: None, OWNER: alice, OTHER: bob, STAFF: charlie}
    return lambda persona: bearer_client(users[persona])


def _named(content, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def _cases():
    for method, path, expected in ACCESS_TABLE:
        for persona, status in expected.items():
            yield pytest.param(method, path, persona, status, id=f"{persona}-{method}-{path}")


@pytest.mark.parametrize(("method", "path", "persona", "status"), list(_cases()))
def test_access_table(objects, client_of, method, path, persona, status):
    response = getattr(client_of(persona), method)(path.format(**objects))

    assert response.status_code == status, response.content[:300]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if status >= 400:
        assert response["Content-Type"].startswith("application/json")
        assert SECRET_TITLE.encode() not in body
        assert b"alice@example.com" not in body


def test_a_stranger_cannot_attach_an_audio_note_and_nothing_is_stored(objects, bob_client, settings):
    from pathlib import Path

    before = sorted(Path(settings.MEDIA_ROOT).rglob("*"))
    response = bob_client.post(
        f"/api/bookings/{objects['id']}/audio-notes", {"file": _named(sample_bytes("mp3"), "x.mp3")}, format="multipart"
    )

    assert response.status_code == 404
    assert sorted(Path(settings.MEDIA_ROOT).rglob("*")) == before


def test_lists_of_a_stranger_hold_none_of_the_owners_rows(objects, bob_client):
    response = bob_client.get("/api/bookings/")

    assert response.status_code == 200
    assert response.json()["items"] == []
    assert SECRET_TITLE not in response.content.decode()


def test_a_signed_audio_url_grants_that_note_only(objects, alice_client, anon_client):
    signed_url = alice_client.get(f"/api/bookings/{objects['id']}/audio-notes").json()["items"][0]["url"]
    path, _, query = signed_url.partition("?")

    assert anon_client.get(signed_url).status_code == 200
    other_note_path = path.rsplit("/", 1)[0] + f"/{objects['note'] + 1}"
    assert anon_client.get(f"{other_note_path}?{query}").status_code in (403, 404)
    assert anon_client.get(f"{path}?{query[:-2]}xx").status_code == 403
