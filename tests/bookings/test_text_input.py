"""Control characters (Unicode category Cc) are refused in booking titles and cancellation reasons."""

import pytest
from django.core.exceptions import ValidationError

from bookings.models import Booking, Refund
from lebrq.validators import refuse_control_characters
from tests.bookings.conftest import book, booking_payload

pytestmark = pytest.mark.django_db

CONTROL_CHARACTERS = ["\n", "\r", "\t", "\x00", "\x1b", "\x7f", "\x85"]


@pytest.mark.parametrize("character", CONTROL_CHARACTERS, ids=repr)
def test_the_validator_refuses_every_control_character(character):
    with pytest.raises(ValidationError) as refused:
        refuse_control_characters(f"Sangeet{character}night")

    assert refused.value.code == "control_characters"
    assert "position 8" in refused.value.messages[0]


@pytest.mark.parametrize("text", ["", "Ananya & Rohan's sangeet", "संगीत संध्या", "Café — 🎉", "Line\u2028sep"])
def test_the_validator_accepts_ordinary_text_in_any_script(text):
    refuse_control_characters(text)


@pytest.mark.parametrize("character", CONTROL_CHARACTERS, ids=repr)
def test_a_title_with_a_control_character_is_400_and_nothing_is_stored(alice_client, hall, character):
    response = alice_client.post(
        "/api/bookings/", booking_payload(hall, title=f"Sangeet{character}Bcc: everyone"), format="json"
    )

    assert response.status_code == 400
    assert response.json()["title"][0].startswith("Control characters are not allowed")
    assert not Booking.objects.exists()


def test_a_cancellation_reason_with_a_newline_is_400_and_the_booking_stays(alice_client, alice, hall):
    booking = book(alice, hall)

    response = alice_client.post(f"/api/bookings/{booking.pk}/cancel/", {"reason": "No\nthanks"}, format="json")

    assert response.status_code == 400
    assert "reason" in response.json()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.PENDING and not Refund.objects.exists()
