"""The backup runbook (docs/operations.md, "Backup and restore") works: a dump of the MariaDB
database, restored into a fresh database, passes the smoke checks. MariaDB only."""

import os
import shutil
import subprocess
import sys

import pytest
from django.db import connection
from pypdf import PdfReader

from accounts.models import User
from bookings.models import Booking
from invoices.models import Invoice
from invoices.services import get_or_issue_invoice
from tests.invoices.conftest import create_booking, venue  # noqa: F401
from tests.server import PROJECT_ROOT

pytestmark = [pytest.mark.mysql, pytest.mark.django_db(transaction=True)]

RESTORE_SECRET_KEY = "restore-test-secret-key-0123456789abcdefghijklmnop"


def client_options(db):
    options = ["-h", db["HOST"] or "127.0.0.1", "-P", str(db["PORT"] or 3306), "-u", db["USER"]]
    return options + ([f"-p{db['PASSWORD']}"] if db["PASSWORD"] else [])


def run_mysql(db, *args, stdin=None):
    subprocess.run(["mysql", *client_options(db), *args], stdin=stdin, check=True, capture_output=True, timeout=120)


def manage(database_url, *args, tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lebrq.settings", "DATABASE_URL": database_url,
           "SECRET_KEY": RESTORE_SECRET_KEY, "VAR_DIR": str(tmp_path / "var")}  # fmt: skip
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def restored_database(requires_mysql):
    db = connection.settings_dict
    name = f"{db['NAME']}_restored"
    yield db, name
    run_mysql(db, "-e", f"DROP DATABASE IF EXISTS `{name}`")


@pytest.mark.skipif(not (shutil.which("mysqldump") and shutil.which("mysql")), reason="needs the MariaDB client")
def test_a_dump_restored_into_a_fresh_database_passes_the_smoke_checks(restored_database, alice, venue, tmp_path):  # noqa: F811
    db, restored_name = restored_database
    booking = create_booking(alice, venue)
    invoice = get_or_issue_invoice(booking)
    dump = tmp_path / "lebrq.sql"

    with dump.open("wb") as out:  # the runbook's command
        subprocess.run(
            ["mysqldump", *client_options(db), "--single-transaction", "--routines", "--triggers", db["NAME"]],
            stdout=out, check=True, timeout=300,
        )  # fmt: skip
    run_mysql(db, "-e", f"CREATE DATABASE `{restored_name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
    with dump.open("rb") as source:
        run_mysql(db, restored_name, stdin=source)

    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    restored_url = f"mysql://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 3306}/{restored_name}"
    check = manage(restored_url, "migrate", "--check", tmp_path=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr

    counts = manage(restored_url, "shell", "-c", COUNT_ROWS, tmp_path=tmp_path)
    assert counts.returncode == 0, counts.stderr
    assert counts.stdout.splitlines()[-1].split() == [
        str(User.objects.count()),
        str(Booking.objects.count()),
        str(Invoice.objects.count()),
    ]

    pdf = tmp_path / "invoice.pdf"
    rendered = manage(restored_url, "render_invoice", str(booking.pk), "-o", str(pdf), tmp_path=tmp_path)
    assert rendered.returncode == 0, rendered.stderr
    assert invoice.number in "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert Invoice.objects.count() == 1  # rendering on the restored copy issued nothing here


COUNT_ROWS = (
    "from accounts.models import User; from bookings.models import Booking; from invoices.models import Invoice; "
    "print(User.objects.count(), Booking.objects.count(), Invoice.objects.count())"
)
