"""A buyer's GSTIN: a valid check digit (python-stdnum) and issued in the buyer's own state_code."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db  # full_clean checks the email is free

KARNATAKA_GSTIN = "29AABCL1234M1ZF"


def register(client, **fields):
    return client.post(
        "/api/auth/register", {"email": "gst@example.com", "password": PASSWORD, **fields}, format="json"
    )


def test_a_valid_gstin_of_the_buyers_state_is_accepted(anon_client):
    response = register(anon_client, state_code="29", gstin=KARNATAKA_GSTIN)

    assert response.status_code == 201, response.json()
    assert User.objects.get(email="gst@example.com").gstin == KARNATAKA_GSTIN


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"state_code": "29", "gstin": "29AABCL1234M1Z5"}, "check digit is wrong"),
        ({"state_code": "29", "gstin": "29aabcl1234m1zf"}, "Enter a valid 15-character GSTIN."),
        ({"state_code": "27", "gstin": KARNATAKA_GSTIN}, "issued in state 29, not in state_code 27"),
        ({"gstin": KARNATAKA_GSTIN}, "needs the state_code it was issued in (29"),
    ],
)
def test_a_bad_gstin_is_400_with_a_clear_detail_and_no_account(anon_client, fields, message):
    response = register(anon_client, **fields)

    assert response.status_code == 400
    assert list(response.json()) == ["gstin"]
    assert message in response.json()["gstin"][0]
    assert not User.objects.filter(email="gst@example.com").exists()


def test_no_gstin_is_fine_for_an_unregistered_buyer():
    User(email="walk-in@example.com", state_code="29").full_clean(exclude=["password"])


@pytest.mark.parametrize(
    "gstin, state_code, message",
    [
        ("29AABCL1234M1Z5", "29", "check digit is wrong"),
        (KARNATAKA_GSTIN, "27", "first two digits must match"),
        (KARNATAKA_GSTIN, "", "needs the state_code"),
    ],
)
def test_the_model_refuses_the_same_gstins_as_the_api(gstin, state_code, message):
    user = User(email="buyer@example.com", state_code=state_code, gstin=gstin)

    with pytest.raises(ValidationError) as raised:
        user.full_clean(exclude=["password"])

    assert message in " ".join(raised.value.message_dict["gstin"])
