"""Registration refuses what it cannot store cleanly: a taken email (even mid-race), control characters."""

import pytest
from model_bakery import baker
from rest_framework.test import APIClient

from accounts.models import User
from accounts.serializers import RegistrationSerializer
from tests.concurrency import race
from tests.conftest import PASSWORD

TAKEN = {"email": ["A user with this email already exists."]}


def register(client=None, **fields):
    body = {"email": "dev@example.com", "password": PASSWORD, **fields}
    return (client or APIClient()).post("/api/auth/register", body, format="json")


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_of_one_email_are_one_201_and_400s():
    # On MariaDB the requests pass the serializer's check before any inserts; the unique index
    # then refuses all but one. SQLite serialises writers, so there this shows the outcome only.
    responses = race(4, lambda n: register(email="Dev@Example.com" if n % 2 else "dev@example.com"))

    assert sorted(response.status_code for response in responses) == [201, 400, 400, 400]
    assert [response.json() for response in responses if response.status_code == 400] == [TAKEN] * 3
    assert User.objects.filter(email="dev@example.com").count() == 1


@pytest.mark.django_db
def test_an_account_created_between_the_check_and_the_insert_is_a_400(monkeypatch, anon_client):
    # The race, step by step: the check finds no account, another request then creates it.
    checked = RegistrationSerializer.validate_email

    def check_then_lose_the_race(serializer, value):
        value = checked(serializer, value)
        baker.make("accounts.User", email="dev@example.com")
        return value

    monkeypatch.setattr(RegistrationSerializer, "validate_email", check_then_lose_the_race)

    response = register(anon_client)

    assert response.status_code == 400
    assert response.json() == TAKEN
    assert User.objects.filter(email="dev@example.com").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("character", ["\t", "\n", "\r", "\x00", "\x1b", "\x7f", "\x85"])
@pytest.mark.parametrize("field", ["full_name", "phone"])
def test_control_characters_in_names_are_refused(anon_client, field, character):
    response = register(anon_client, **{field: f"98450{character}00000" if field == "phone" else f"Dev{character}Rao"})

    assert response.status_code == 400
    assert set(response.json()) == {field}
    assert any(message.startswith("Control characters are not allowed") for message in response.json()[field])
    assert not User.objects.exists()


@pytest.mark.django_db
def test_names_in_any_script_with_spaces_and_punctuation_are_kept(anon_client):
    response = register(anon_client, full_name="Ānanya D'Souza-Rao (ಅನನ್ಯ)", phone="+91 98450 00000")

    assert response.status_code == 201
    assert User.objects.get().full_name == "Ānanya D'Souza-Rao (ಅನನ್ಯ)"


@pytest.mark.django_db
def test_the_admin_refuses_control_characters_in_names_too():
    from django.core.exceptions import ValidationError

    user = User(email="dev@example.com", full_name="Dev\nRao")

    with pytest.raises(ValidationError) as refused:
        user.full_clean(exclude=["password"])

    assert "full_name" in refused.value.message_dict
