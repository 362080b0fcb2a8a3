"""`manage.py check` warns about venues in states without a seller registration."""

import os
import subprocess
import sys

from django.core.checks import run_checks
from django.core.management import call_command
from django.db import OperationalError

from invoices.checks import every_venue_state_has_a_registration
from tests.server import PROJECT_ROOT


def gst_warnings():
    return [message for message in run_checks(tags=["gst"]) if message.id == "invoices.W001"]


def test_no_warning_while_every_venue_state_has_a_registration(venue, mumbai_venue):
    assert gst_warnings() == []


def test_a_venue_in_an_unregistered_state_is_warned_about(venue, chennai_venue):
    (warning,) = gst_warnings()

    assert f"Venue #{chennai_venue.pk} 'Marina Mandapam' is in 33 - Tamil Nadu" in warning.msg
    assert "head office (29AABCL1234M1ZF) with IGST" in warning.msg
    assert "33=<GSTIN> to SELLER_GSTINS" in warning.hint


def test_an_inactive_venue_is_not_warned_about(chennai_venue):
    chennai_venue.is_active = False
    chennai_venue.save()

    assert gst_warnings() == []


def test_manage_py_check_prints_the_warning(chennai_venue, capsys):
    call_command("check", tag=["gst"])

    assert "invoices.W001" in capsys.readouterr().err


def test_a_database_that_cannot_answer_is_no_error(db, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("no such table: bookings_venue")

    monkeypatch.setattr("bookings.models.Venue.objects.filter", unreachable)

    assert every_venue_state_has_a_registration(None) == []


def test_check_runs_clean_before_any_migration(tmp_path):
    """A fresh clone: no database file, no tables; `check` (and so `migrate`) must still run."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=PROJECT_ROOT,
        env={"PATH": os.environ["PATH"], "SECRET_KEY": "s" * 50, "VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
