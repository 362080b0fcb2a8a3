import pytest

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_register_then_login_then_me(anon_client):
    registered = anon_client.post(
        "/api/auth/register", {"email": "Dev@Example.com", "password": PASSWORD, "full_name": "Dev"}, format="json"
    )
    assert registered.status_code == 201, registered.json()
    assert registered.json()["email"] == "dev@example.com"
    assert "password" not in registered.json()

    tokens = anon_client.post("/api/auth/token", {"email": "dev@example.com", "password": PASSWORD}, format="json")
    assert tokens.status_code == 200
    anon_client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens.json()['access']}")

    me = anon_client.get("/api/auth/me")
    assert me.status_code == 200
    assert me.json()["email"] == "dev@example.com"


def test_register_rejects_weak_password_with_field_error(anon_client):
    response = anon_client.post("/api/auth/register", {"email": "x@example.com", "password": "12345678"}, format="json")

    assert response.status_code == 400
    assert "password" in response.json()


def test_refresh_rotates_and_blacklists_the_old_token(anon_client, alice):
    tokens = anon_client.post("/api/auth/token", {"email": alice.email, "password": PASSWORD}, format="json").json()

    rotated = anon_client.post("/api/auth/token/refresh", {"refresh": tokens["refresh"]}, format="json")
    assert rotated.status_code == 200
    assert rotated.json()["refresh"] != tokens["refresh"]

    reused = anon_client.post("/api/auth/token/refresh", {"refresh": tokens["refresh"]}, format="json")
    assert reused.status_code == 401


def test_logout_blacklists_the_refresh_token(anon_client, alice):
    tokens = anon_client.post("/api/auth/token", {"email": alice.email, "password": PASSWORD}, format="json").json()

    assert anon_client.post("/api/auth/logout", {"refresh": tokens["refresh"]}, format="json").status_code == 205
    assert anon_client.post("/api/auth/token/refresh", {"refresh": tokens["refresh"]}, format="json").status_code == 401


def test_me_needs_a_token(anon_client):
    assert anon_client.get("/api/auth/me").status_code == 401


def test_login_is_throttled_after_five_attempts_a_minute(anon_client, alice):
    statuses = [
        anon_client.post("/api/auth/token", {"email": alice.email, "password": "wrong"}, format="json").status_code
        for _ in range(6)
    ]

    assert statuses[:5] == [401] * 5
    assert statuses[5] == 429


def test_register_refuses_an_email_already_taken_whatever_its_case(anon_client, alice):
    response = anon_client.post(
        "/api/auth/register", {"email": "ALICE@example.com", "password": PASSWORD}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"email": ["A user with this email already exists."]}


def test_register_rejects_a_bad_state_code_and_gstin(anon_client):
    response = anon_client.post(
        "/api/auth/register",
        {"email": "gst@example.com", "password": PASSWORD, "state_code": "KA", "gstin": "29ABC"},
        format="json",
    )

    assert response.status_code == 400
    assert set(response.json()) == {"state_code", "gstin"}


def test_logout_with_a_bad_token_is_a_field_error(anon_client):
    response = anon_client.post("/api/auth/logout", {"refresh": "not-a-token"}, format="json")

    assert response.status_code == 400
    assert "refresh" in response.json()


def test_logout_without_a_token_is_a_field_error(anon_client):
    response = anon_client.post("/api/auth/logout", {}, format="json")

    assert response.status_code == 400
    assert response.json() == {"refresh": ["This field is required."]}


def test_logout_twice_is_refused_the_second_time(anon_client, alice):
    refresh = anon_client.post("/api/auth/token", {"email": alice.email, "password": PASSWORD}, format="json").json()[
        "refresh"
    ]

    assert anon_client.post("/api/auth/logout", {"refresh": refresh}, format="json").status_code == 205
    assert anon_client.post("/api/auth/logout", {"refresh": refresh}, format="json").status_code == 400


def test_login_with_a_wrong_password_is_401_without_saying_which_part_was_wrong(anon_client, alice):
    response = anon_client.post("/api/auth/token", {"email": alice.email, "password": "wrong"}, format="json")

    assert response.status_code == 401
    assert "detail" in response.json()


def test_me_shows_the_profile_without_secrets(alice_client, alice):
    body = alice_client.get("/api/auth/me").json()

    assert body["email"] == "alice@example.com"
    assert body["state_code"] == "29"
    assert "password" not in body


def test_login_ignores_the_case_of_the_email(anon_client, alice):
    response = anon_client.post("/api/auth/token", {"email": "Alice@Example.COM", "password": PASSWORD}, format="json")

    assert response.status_code == 200
    assert {"access", "refresh"} <= set(response.json())


def test_admin_form_stores_emails_lower_cased(db):
    from accounts.models import User

    user = User(email="Staff@LeBrq.Example")
    user.clean()

    assert user.email == "staff@lebrq.example"


def test_a_refresh_token_of_a_deleted_user_is_401(anon_client, alice):
    refresh = anon_client.post("/api/auth/token", {"email": alice.email, "password": PASSWORD}, format="json").json()[
        "refresh"
    ]
    alice.delete()

    response = anon_client.post("/api/auth/token/refresh", {"refresh": refresh}, format="json")

    assert response.status_code == 401
    assert response.json()["detail"] == "No active account found for the given token."
