"""The schema describes the audio-notes list as the paginated page it is (found by the
schemathesis run in tests/e2e/test_proof_schemathesis.py)."""

import pytest

pytestmark = pytest.mark.django_db


def test_audio_notes_list_is_documented_as_a_page(anon_client, alice_client, alice_booking):
    schema = anon_client.get("/api/schema/?format=json").json()
    documented = schema["paths"]["/api/bookings/{booking_id}/audio-notes"]["get"]["responses"]["200"]
    body = alice_client.get(f"/api/bookings/{alice_booking.pk}/audio-notes").json()

    assert documented["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/PaginatedMediaFileList"
    assert set(body) == {"items", "pagination"}
