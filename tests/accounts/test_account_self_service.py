"""Account self-service: PATCH /api/auth/me, password reset and email verification with Django's
token generator (single use, expiring, no enumeration), REQUIRE_VERIFIED_EMAIL before booking."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.conftest import PASSWORD, bearer_client
from tests.notifications.conftest import run_ready_jobs

pytestmark = pytest.mark.django_db
KARNATAKA_GSTIN = "29AABCL1234M1ZF"
NEW_PASSWORD = "a brand new passphrase 42"


def past_the_token_timeout(settings):
    # Django's token clock is the naive local time; a day's margin keeps any TZ offset out of it.
    return time_machine.travel(timezone.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT, days=1))


def tokens_in(message):
    return dict(re.findall(r"^\s+(uid|token):\s+(\S+)$", message.body, re.MULTILINE))


def mailed_reset(anon_client, email, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert anon_client.post("/api/auth/password-reset", {"email": email}, format="json").status_code == 204
    run_ready_jobs()
    return tokens_in(mailoutbox[-1])


# --- PATCH /api/auth/me ---------------------------------------------------------------------
def test_a_customer_changes_name_phone_gstin_and_state(alice_client, alice):
    response = alice_client.patch(
        "/api/auth/me", {"full_name": "Alice R.", "phone": "+91 98450 11111", "gstin": KARNATAKA_GSTIN}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["gstin"] == KARNATAKA_GSTIN and response.json()["full_name"] == "Alice R."
    alice.refresh_from_db()
    assert alice.phone == "+91 98450 11111"


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"gstin": "29AABCL1234M1Z5"}, "gstin"),  # check digit wrong
        ({"gstin": "27AABCL1234M1ZF"}, "gstin"),
        ({"state_code": "27", "gstin": KARNATAKA_GSTIN}, "gstin"),  # 29... is not Maharashtra
        ({"state_code": "9"}, "state_code"),
        ({"full_name": "Alice\nRao"}, "full_name"),
    ],
)
def test_bad_profile_fields_are_400_and_nothing_changes(alice_client, alice, fields, field):
    response = alice_client.patch("/api/auth/me", fields, format="json")
    assert response.status_code == 400 and field in response.json()
    alice.refresh_from_db()
    assert alice.gstin == "" and alice.state_code == "29" and alice.full_name == "Alice Rao"


def test_a_state_change_must_agree_with_the_gstin_already_on_the_account(alice_client, alice):
    alice.gstin = KARNATAKA_GSTIN
    alice.save()
    assert alice_client.patch("/api/auth/me", {"state_code": "27"}, format="json").status_code == 400


def test_email_and_staff_flags_cannot_be_patched(alice_client, alice):
    alice_client.patch(
        "/api/auth/me", {"email": "x@example.com", "is_staff": True, "email_verified": True}, format="json"
    )
    alice.refresh_from_db()
    assert alice.email == "alice@example.com" and not alice.is_staff and not alice.email_verified


def test_patch_needs_a_login(anon_client):
    assert anon_client.patch("/api/auth/me", {"full_name": "x"}, format="json").status_code == 401


# --- Password reset --------------------------------------------------------------------------
def test_a_reset_mail_carries_a_token_that_sets_a_new_password_once(
    anon_client, alice, mailoutbox, django_capture_on_commit_callbacks
):
    tokens = mailed_reset(anon_client, "Alice@Example.com", mailoutbox, django_capture_on_commit_callbacks)
    assert mailoutbox[-1].to == ["alice@example.com"]
    confirm = {**tokens, "new_password": NEW_PASSWORD}

    assert anon_client.post("/api/auth/password-reset/confirm", confirm, format="json").status_code == 204
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)

    reused = anon_client.post(
        "/api/auth/password-reset/confirm", {**confirm, "new_password": "yet another pass 99"}, format="json"
    )
    assert reused.status_code == 400 and reused.json()["code"] == "invalid_token"
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)


def test_an_expired_reset_token_is_refused(
    anon_client, alice, settings, mailoutbox, django_capture_on_commit_callbacks
):
    tokens = mailed_reset(anon_client, "alice@example.com", mailoutbox, django_capture_on_commit_callbacks)
    with past_the_token_timeout(settings):
        response = anon_client.post(
            "/api/auth/password-reset/confirm", {**tokens, "new_password": NEW_PASSWORD}, format="json"
        )
    assert response.status_code == 400 and response.json()["code"] == "invalid_token"
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


@pytest.mark.parametrize("uid", ["Mg", "not-base64!", "", "MTAwMDAwMDAwMDAwMDAwMDAwMDAwMDAw"])
def test_a_wrong_uid_is_an_invalid_token_never_a_500(
    anon_client, alice, bob, uid, mailoutbox, django_capture_on_commit_callbacks
):
    tokens = mailed_reset(anon_client, "alice@example.com", mailoutbox, django_capture_on_commit_callbacks)
    response = anon_client.post(
        "/api/auth/password-reset/confirm",
        {"uid": uid or "x", "token": tokens["token"], "new_password": NEW_PASSWORD},
        format="json",
    )
    assert response.status_code == 400 and response.json()["code"] == "invalid_token"


def test_the_password_validators_apply_and_keep_the_token_usable(
    anon_client, alice, mailoutbox, django_capture_on_commit_callbacks
):
    tokens = mailed_reset(anon_client, "alice@example.com", mailoutbox, django_capture_on_commit_callbacks)
    weak = anon_client.post("/api/auth/password-reset/confirm", {**tokens, "new_password": "12345678"}, format="json")
    assert weak.status_code == 400 and "new_password" in weak.json()
    ok = anon_client.post("/api/auth/password-reset/confirm", {**tokens, "new_password": NEW_PASSWORD}, format="json")
    assert ok.status_code == 204


def test_a_reset_for_an_unknown_email_answers_exactly_like_a_known_one(
    anon_client, alice, mailoutbox, django_capture_on_commit_callbacks
):
    answers = []
    for email in ["alice@example.com", "nobody@example.com"]:
        with django_capture_on_commit_callbacks(execute=True):
            response = anon_client.post("/api/auth/password-reset", {"email": email}, format="json")
        answers.append((response.status_code, response.content, sorted(response.headers)))
    assert answers[0] == answers[1] == (204, b"", answers[0][2])
    assert DBTaskResult.objects.count() == 2  # the same work for both: one job each
    run_ready_jobs()
    assert [message.to for message in mailoutbox] == [["alice@example.com"]]


def test_the_reset_route_is_throttled(anon_client):
    codes = [
        anon_client.post("/api/auth/password-reset", {"email": "x@example.com"}, format="json").status_code
        for _ in range(6)
    ]
    assert codes == [204] * 5 + [429]


# --- Email verification ---------------------------------------------------------------------
def register(anon_client, django_capture_on_commit_callbacks, email="erin@example.com"):
    body = {"email": email, "password": PASSWORD, "full_name": "Erin"}
    with django_capture_on_commit_callbacks(execute=True):
        assert anon_client.post("/api/auth/register", body, format="json").status_code == 201
    run_ready_jobs()


def test_registration_mails_a_verification_token_that_works_once(
    anon_client, mailoutbox, django_capture_on_commit_callbacks
):
    from accounts.models import User

    register(anon_client, django_capture_on_commit_callbacks)
    assert mailoutbox[-1].to == ["erin@example.com"] and "Confirm" in mailoutbox[-1].subject
    tokens = tokens_in(mailoutbox[-1])
    assert not User.objects.get(email="erin@example.com").email_verified

    assert anon_client.post("/api/auth/verify-email", tokens, format="json").status_code == 204
    assert User.objects.get(email="erin@example.com").email_verified
    again = anon_client.post("/api/auth/verify-email", tokens, format="json")
    assert again.status_code == 400 and again.json()["code"] == "invalid_token"


def test_an_expired_verification_token_is_refused(
    anon_client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    register(anon_client, django_capture_on_commit_callbacks)
    tokens = tokens_in(mailoutbox[-1])
    with past_the_token_timeout(settings):
        response = anon_client.post("/api/auth/verify-email", tokens, format="json")
    assert response.status_code == 400 and response.json()["code"] == "invalid_token"


def test_a_reset_token_does_not_verify_an_email(anon_client, alice, mailoutbox, django_capture_on_commit_callbacks):
    tokens = mailed_reset(anon_client, "alice@example.com", mailoutbox, django_capture_on_commit_callbacks)
    assert anon_client.post("/api/auth/verify-email", tokens, format="json").json()["code"] == "invalid_token"


def test_a_signed_in_customer_can_ask_for_a_new_verification_link(
    anon_client, mailoutbox, django_capture_on_commit_callbacks
):
    from accounts.models import User

    register(anon_client, django_capture_on_commit_callbacks)
    first = tokens_in(mailoutbox[-1])
    api_client = bearer_client(User.objects.get(email="erin@example.com"))
    with django_capture_on_commit_callbacks(execute=True):
        assert api_client.post("/api/auth/verify-email/resend").status_code == 204
    run_ready_jobs()

    assert len(mailoutbox) == 2 and mailoutbox[-1].to == ["erin@example.com"]
    assert anon_client.post("/api/auth/verify-email", tokens_in(mailoutbox[-1]), format="json").status_code == 204
    assert anon_client.post("/api/auth/verify-email", first, format="json").json()["code"] == "invalid_token"
    with django_capture_on_commit_callbacks(execute=True):  # verified: nothing more is sent
        assert api_client.post("/api/auth/verify-email/resend").status_code == 204
    run_ready_jobs()
    assert len(mailoutbox) == 2


def test_a_new_verification_link_needs_a_login_and_is_throttled(anon_client, alice_client):
    assert anon_client.post("/api/auth/verify-email/resend").status_code == 401
    codes = [alice_client.post("/api/auth/verify-email/resend").status_code for _ in range(6)]
    assert codes == [204] * 5 + [429]


# --- REQUIRE_VERIFIED_EMAIL ------------------------------------------------------------------
def test_an_unverified_customer_may_not_book_when_verification_is_required(alice_client, settings):
    settings.REQUIRE_VERIFIED_EMAIL = True
    response = alice_client.post("/api/bookings/", {}, format="json")
    assert response.status_code == 403 and response.json()["code"] == "email_unverified"
    assert alice_client.post("/api/bookings/quote/", {}, format="json").status_code == 400  # quoting is fine


def test_a_verified_customer_and_staff_pass_the_check(alice_client, alice, staff_client, settings):
    settings.REQUIRE_VERIFIED_EMAIL = True
    alice.email_verified = True
    alice.save()
    assert alice_client.post("/api/bookings/", {}, format="json").status_code == 400  # on to the body's checks
    assert staff_client.post("/api/bookings/", {}, format="json").status_code == 400


def test_without_the_setting_an_unverified_customer_books_as_before(alice_client, settings):
    settings.REQUIRE_VERIFIED_EMAIL = False
    assert alice_client.post("/api/bookings/", {}, format="json").status_code == 400
