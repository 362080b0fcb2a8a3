"""clients/python, generated from openapi.yaml, installs from the repository alone and talks to a
live gunicorn: log in, list venues, read a venue's availability."""

import datetime
import json
import subprocess
import sys

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from tests.bookings.conftest import hall  # noqa: F401
from tests.conftest import PASSWORD
from tests.server import PROJECT_ROOT

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CLIENT_DIR = PROJECT_ROOT / "clients" / "python"


@pytest.fixture
def installed_client(tmp_path, monkeypatch):
    """pip installs the client into a directory (no index, no build isolation: nothing is downloaded)."""
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-index", "--no-build-isolation", "--no-deps",
         "--target", str(target), str(CLIENT_DIR)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    monkeypatch.syspath_prepend(str(target))
    for name in [name for name in sys.modules if name.startswith("lebrq_client")]:
        monkeypatch.delitem(sys.modules, name)
    import lebrq_client

    assert lebrq_client.__file__.startswith(str(target))
    return lebrq_client


def test_the_generated_client_logs_in_lists_venues_and_reads_availability(
    gunicorn_server, installed_client, alice, hall
):  # noqa: F811
    from lebrq_client import AuthenticatedClient, Client
    from lebrq_client.api.auth import auth_token_create
    from lebrq_client.api.venues import venues_availability_retrieve, venues_list
    from lebrq_client.models import TokenObtainPairRequest

    # The suite hashes with MD5 for speed; the server runs the production hashers.
    alice.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    alice.save(update_fields=["password"])
    server = gunicorn_server(WEB_CONCURRENCY=1)

    login = auth_token_create.sync_detailed(
        client=Client(base_url=server.base_url), body=TokenObtainPairRequest(email=alice.email, password=PASSWORD)
    )
    assert login.status_code == 200, login.content
    api = AuthenticatedClient(base_url=server.base_url, token=json.loads(login.content)["access"])

    venues = venues_list.sync(client=api)
    assert [venue.name for venue in venues.items] == ["Rangoli Hall"]
    assert venues.pagination.total == 1

    day = datetime.date.today() + datetime.timedelta(days=7)
    availability = venues_availability_retrieve.sync(venues.items[0].id, client=api, date=day)
    assert availability is not None and availability.venue == hall.pk
