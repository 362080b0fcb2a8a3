"""Ids too long for a BIGINT are a 404 on the audio-note routes, not a 500 (SQLite raised
OverflowError on the booking filter; found by tests/e2e/test_proof_schemathesis.py)."""

import pytest

pytestmark = pytest.mark.django_db

TOO_LONG = "20211124054456011360869990531072"


@pytest.mark.parametrize(
    "path",
    [
        f"/api/bookings/{TOO_LONG}/audio-notes/1",
        f"/api/bookings/{TOO_LONG}/audio-notes/1?signature=forged",
        f"/api/bookings/1/audio-notes/{TOO_LONG}",
        f"/api/bookings/{TOO_LONG}/audio-notes",
    ],
)
def test_overlong_ids_are_404(staff_client, path):
    response = staff_client.get(path)

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
