"""Login lockout (django-axes): per account and address together, on the API and the admin alike."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from lebrq.throttles import ScopedThrottle
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

ALICE_ADDRESS = "198.51.100.7"
OTHER_ADDRESS = "203.0.113.9"


@pytest.fixture(autouse=True)
def generous_login_throttle(monkeypatch):
    # The per-address `login` throttle (5/min) would answer first; this file is about the lockout.
    monkeypatch.setitem(ScopedThrottle.THROTTLE_RATES, "login", "1000/min")


@pytest.fixture
def frozen_clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def login(email, password, address=ALICE_ADDRESS):
    return APIClient().post(
        "/api/auth/token", {"email": email, "password": password}, format="json", REMOTE_ADDR=address
    )


def fail_ten_times(email, address=ALICE_ADDRESS):
    return [login(email, "wrong", address).status_code for _ in range(10)]


def test_the_right_password_after_ten_failures_is_429_with_retry_after(alice, frozen_clock):
    statuses = fail_ten_times(alice.email)

    response = login(alice.email, PASSWORD)

    assert statuses == [401] * 9 + [429]
    assert response.status_code == 429
    assert response.json()["code"] == "login_locked_out"
    assert response.json()["detail"] == (
        "Too many failed sign-ins for this account from your address. Try again in 15 minutes."
    )
    assert response["Retry-After"] == str(15 * 60)
    assert "access" not in response.json()


def test_nine_failures_do_not_lock(alice):
    assert [login(alice.email, "wrong").status_code for _ in range(9)] == [401] * 9

    assert login(alice.email, PASSWORD).status_code == 200


def test_retry_after_counts_down_from_the_last_failure(alice, frozen_clock):
    fail_ten_times(alice.email)
    frozen_clock.shift(timedelta(minutes=5))

    response = login(alice.email, PASSWORD)

    assert response.status_code == 429
    assert response["Retry-After"] == str(10 * 60)


def test_another_account_from_the_same_address_is_unaffected(alice, bob):
    fail_ten_times(alice.email)

    assert login(bob.email, PASSWORD).status_code == 200
    assert login(alice.email, PASSWORD).status_code == 429


def test_the_same_account_from_another_address_is_unaffected(alice):
    fail_ten_times(alice.email)

    assert login(alice.email, PASSWORD, address=OTHER_ADDRESS).status_code == 200
    assert login(alice.email, PASSWORD).status_code == 429


def test_the_lockout_ends_after_fifteen_minutes(alice, frozen_clock):
    fail_ten_times(alice.email)
    frozen_clock.shift(timedelta(minutes=15))
    assert login(alice.email, PASSWORD).status_code == 429  # 15 minutes to the microsecond: not yet

    frozen_clock.shift(timedelta(seconds=1))

    assert login(alice.email, PASSWORD).status_code == 200


def test_tries_during_the_lockout_do_not_extend_it(alice, frozen_clock):
    fail_ten_times(alice.email)
    for _ in range(10):
        frozen_clock.shift(timedelta(minutes=1))
        assert login(alice.email, "wrong").status_code == 429

    frozen_clock.shift(timedelta(minutes=5, seconds=1))

    assert login(alice.email, PASSWORD).status_code == 200


def test_changing_the_case_of_the_email_does_not_dodge_the_lockout(alice):
    statuses = [login(email, "wrong").status_code for email in ["Alice@Example.com", "ALICE@EXAMPLE.COM"] * 5]

    assert statuses[-1] == 429
    assert login(alice.email, PASSWORD).status_code == 429


def test_a_successful_login_forgets_the_earlier_failures(alice):
    [login(alice.email, "wrong") for _ in range(9)]
    assert login(alice.email, PASSWORD).status_code == 200

    assert [login(alice.email, "wrong").status_code for _ in range(9)] == [401] * 9
    assert login(alice.email, PASSWORD).status_code == 200


def test_an_unknown_account_is_locked_like_a_real_one(db):
    # Same answers whether or not the account exists: the lockout reveals nothing.
    assert fail_ten_times("nobody@example.com") == [401] * 9 + [429]


def test_behind_one_proxy_the_lockout_keys_on_the_address_nginx_added(settings, alice):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}

    def attempt(password, forwarded_for):
        return (
            APIClient()
            .post(
                "/api/auth/token",
                {"email": alice.email, "password": password},
                format="json",
                REMOTE_ADDR="127.0.0.1",
                HTTP_X_FORWARDED_FOR=forwarded_for,
            )
            .status_code
        )

    # A client forging the first entry still ends on the address nginx appended.
    assert [attempt("wrong", f"10.0.0.{n}, {ALICE_ADDRESS}") for n in range(10)] == [401] * 9 + [429]
    assert attempt(PASSWORD, ALICE_ADDRESS) == 429
    assert attempt(PASSWORD, OTHER_ADDRESS) == 200


@pytest.fixture
def staff_member(db):
    return make_user("dana@example.com", full_name="Dana Staff", is_staff=True)


def admin_login(client, email, password):
    return client.post(
        "/admin/login/?next=/admin/", {"username": email, "password": password}, REMOTE_ADDR=ALICE_ADDRESS
    )


def test_the_admin_login_locks_too_and_shows_a_lockout_page(staff_member, frozen_clock):
    browser = Client()
    statuses = [admin_login(browser, staff_member.email, "wrong").status_code for _ in range(10)]

    locked = admin_login(browser, staff_member.email, PASSWORD)

    assert statuses == [200] * 9 + [429]  # the admin re-shows its form (200) on a wrong password
    assert locked.status_code == 429
    assert locked["Retry-After"] == str(15 * 60)
    assert "Sign-in locked" in locked.content.decode()
    assert "Try again in 15 minutes." in locked.content.decode()
    assert "_auth_user_id" not in browser.session


def test_the_admin_lockout_ends_after_fifteen_minutes(staff_member, frozen_clock):
    browser = Client()
    [admin_login(browser, staff_member.email, "wrong") for _ in range(10)]
    frozen_clock.shift(timedelta(minutes=15, seconds=1))

    response = admin_login(browser, staff_member.email, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_failures_on_the_api_and_the_admin_count_together(staff_member):
    [login(staff_member.email, "wrong") for _ in range(5)]
    [admin_login(Client(), staff_member.email, "wrong") for _ in range(5)]

    assert login(staff_member.email, PASSWORD).status_code == 429
    assert admin_login(Client(), staff_member.email, PASSWORD).status_code == 429
