"""Seller registrations: read and checked at start, and which one issues a venue's documents."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from bookings.pricing import place_of_supply, supply_is_intra_state
from bookings.registrations import Registration, home_registration, issuing_registration, venue_registration
from lebrq.gstin import gstin_problem, parse_seller_gstins, state_label
from tests.invoices.conftest import KARNATAKA_GSTIN, MAHARASHTRA_GSTIN
from tests.server import PROJECT_ROOT

LADAKH_GSTIN = "38AABCL1234M1ZG"  # a code python-stdnum's list lacks: checked all the same


@pytest.mark.parametrize("gstin", [KARNATAKA_GSTIN, MAHARASHTRA_GSTIN, "27AAPFU0939F1ZV", LADAKH_GSTIN])
def test_valid_gstins_pass(gstin):
    assert gstin_problem(gstin) is None


@pytest.mark.parametrize(
    "gstin, problem",
    [
        ("29AABCL1234M1Z5", "check digit is wrong"),  # Part 1's demo GSTIN
        ("27AAPFU0939F1ZO", "check digit is wrong"),
        ("38AABCL1234M1Z5", "check digit is wrong"),
        ("29aabcl1234m1zf", "in capitals"),
        ("29AABCL1234M1Z", "15-character"),
        (" 29AABCL1234M1ZF", "15-character"),
        ("99AABCL1234M1ZF", "'99' is none"),
        ("29AABCL1234M0ZF", "Enter a valid"),  # the 13th character is never 0
        ("29AABCL1234M1AF", "Enter a valid"),  # the 14th is always Z
        ("2912345678901ZF", "Enter a valid"),
        ("", "15-character"),
        (None, "15-character"),
    ],
)
def test_invalid_gstins_say_why(gstin, problem):
    assert problem in gstin_problem(gstin)


def test_seller_gstins_parse_into_one_registration_per_state():
    assert parse_seller_gstins(f" 29={KARNATAKA_GSTIN} , 27={MAHARASHTRA_GSTIN},") == {
        "29": KARNATAKA_GSTIN,
        "27": MAHARASHTRA_GSTIN,
    }


@pytest.mark.parametrize(
    "raw, message",
    [
        ("29=29AABCL1234M1Z5", "check digit is wrong"),
        (f"27={KARNATAKA_GSTIN}", "first two digits must be 27"),
        (f"29={KARNATAKA_GSTIN},29={KARNATAKA_GSTIN}", "listed twice"),
        (KARNATAKA_GSTIN, "is not STATE_CODE=GSTIN"),
        (f"99={KARNATAKA_GSTIN}", "is not STATE_CODE=GSTIN"),
        ("", "at least one registration"),
        (" , ", "at least one registration"),
    ],
)
def test_a_bad_seller_gstins_entry_is_a_configuration_error(raw, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        parse_seller_gstins(raw)


def load_settings(**env):
    return subprocess.run(
        [sys.executable, "-c", "from lebrq import settings; print(settings.SELLER_GSTINS, settings.SELLER_HOME_STATE)"],
        cwd=PROJECT_ROOT,
        env={"PATH": os.environ["PATH"], "SECRET_KEY": "s" * 50, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_settings_default_to_demo_registrations_with_valid_check_digits(tmp_path):
    result = load_settings(VAR_DIR=str(tmp_path))

    assert result.returncode == 0, result.stderr
    assert "'29': '29AABCL1234M1ZF'" in result.stdout and result.stdout.strip().endswith(" 29")


@pytest.mark.parametrize(
    "env, message",
    [
        ({"SELLER_GSTINS": "29=29AABCL1234M1Z5"}, "check digit is wrong"),
        ({"SELLER_GSTINS": f"27={MAHARASHTRA_GSTIN}"}, "SELLER_HOME_STATE='29' must be one of the states"),
        ({"SELLER_GSTIN": KARNATAKA_GSTIN}, "SELLER_GSTIN is replaced by SELLER_GSTINS"),
        ({"SELLER_STATE_CODE": "29"}, "SELLER_STATE_CODE is replaced by SELLER_GSTINS"),
    ],
)
def test_settings_refuse_a_bad_registration_at_start(tmp_path, env, message):
    result = load_settings(VAR_DIR=str(tmp_path), **env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr


def test_settings_take_the_registrations_and_home_state_from_the_environment(tmp_path):
    result = load_settings(
        VAR_DIR=str(tmp_path), SELLER_GSTINS=f"29={KARNATAKA_GSTIN},27={MAHARASHTRA_GSTIN}", SELLER_HOME_STATE="27"
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{{'29': '{KARNATAKA_GSTIN}', '27': '{MAHARASHTRA_GSTIN}'}} 27"


def test_a_registered_state_issues_its_own_documents_and_others_go_to_the_head_office():
    assert issuing_registration("27") == Registration(MAHARASHTRA_GSTIN, "27")
    assert issuing_registration("29") == Registration(KARNATAKA_GSTIN, "29") == home_registration()
    assert issuing_registration("33") == home_registration()


def test_the_place_of_supply_is_the_venue_and_decides_the_tax(venue, mumbai_venue, chennai_venue):
    assert [place_of_supply(place) for place in (venue, mumbai_venue, chennai_venue)] == ["29", "27", "33"]
    assert [supply_is_intra_state(place) for place in (venue, mumbai_venue, chennai_venue)] == [True, True, False]


def test_a_venues_registration_is_that_of_its_state_else_the_head_offices(venue, mumbai_venue, chennai_venue):
    assert [venue_registration(place).gstin for place in (venue, mumbai_venue, chennai_venue)] == [
        KARNATAKA_GSTIN, MAHARASHTRA_GSTIN, KARNATAKA_GSTIN,
    ]  # fmt: skip


def test_a_moved_head_office_takes_over_the_unregistered_states(settings, chennai_venue):
    settings.SELLER_HOME_STATE = "27"

    assert issuing_registration("33").gstin == MAHARASHTRA_GSTIN
    assert not supply_is_intra_state(chennai_venue)


def test_state_labels_name_the_state():
    assert state_label("29") == "29 - Karnataka"
    assert state_label("38") == "38 - Ladakh"
    assert state_label("00") == "00"
