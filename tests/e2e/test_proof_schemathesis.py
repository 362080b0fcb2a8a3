"""API fuzzing: schemathesis generates requests from /api/schema/ and sends them, with a Bearer
token, to the in-process WSGI app. Every response must be non-5xx and match the schema.
The token is a staff user's, so the admin routes are reached too; object ids 1.. exist.

The budget is small (a few examples per operation) so this stays fast enough for CI; raise
`SCHEMATHESIS_MAX_EXAMPLES` locally for a deeper run.
"""

import os
from datetime import timedelta
from decimal import Decimal

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from model_bakery import baker
from rest_framework_simplejwt.tokens import RefreshToken
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from lebrq.throttles import CacheOutageTolerantMixin

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "20"))


# Loaded at collection: the schema view needs no database. (The lazy `from_fixture` loader
# of schemathesis 4.32 touches a pytest-internal attribute that pytest 9 no longer has.)
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@pytest.fixture(autouse=True)
def unthrottled(monkeypatch):
    """Throttles would answer 429 after a handful of generated logins and uploads; the rates
    are tested on their own in tests/lebrq/test_throttles.py."""
    monkeypatch.setattr(CacheOutageTolerantMixin, "allow_request", lambda self, request, view: True)


@pytest.fixture(autouse=True)
def connection_kept_across_requests():
    """The real WSGI handler closes the database connection after each request, which would
    end the test's transaction; Django's own test client unhooks the same receiver."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_user(db):
    from tests.conftest import make_user

    # A superuser: staff routes check model permissions, and the fuzzer should reach every one.
    return make_user("fuzz@example.com", full_name="Fuzz Staff", state_code="29", is_staff=True, is_superuser=True)


@pytest.fixture
def make_fuzz_data(fuzz_user):
    """A venue, an item and a confirmed booking, so ids 1..3 lead somewhere real."""
    venue = baker.make(
        "bookings.Venue",
        name="Main Hall",
        slug="main-hall",
        city="Bengaluru",
        state_code="29",
        capacity=200,
        hourly_rate=Decimal("1000.00"),
        gst_rate=Decimal("18.00"),
        is_active=True,
    )
    baker.make("bookings.Item", name="Chairs", unit_price=Decimal("10.00"), gst_rate=Decimal("18.00"), is_active=True)
    start = timezone.now() + timedelta(days=3)
    baker.make(
        "bookings.Booking",
        user=fuzz_user,
        venue=venue,
        kind="event",
        title="Fuzz booking",
        start_datetime=start,
        end_datetime=start + timedelta(hours=2),
        status="confirmed",
        subtotal=Decimal("2000.00"),
        tax_total=Decimal("360.00"),
        total=Decimal("2360.00"),
    )


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_never_answers_5xx_and_matches_its_schema(case, fuzz_user, make_fuzz_data):
    token = RefreshToken.for_user(fuzz_user).access_token
    case.call_and_validate(
        # The WSGI test transport does not undo gzip; compression has its own tests.
        headers={"Authorization": f"Bearer {token}", "Accept-Encoding": "identity"},
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
    )


# Stateful phase: schemathesis chains operations along the links it infers from the schema
# (a booking or upload created by one call, its id used by the routes that take it).
APIWorkflow = schema.as_state_machine()


class StaffWorkflow(APIWorkflow):
    token = ""

    def get_call_kwargs(self, case):
        return {"headers": {"Authorization": f"Bearer {self.token}", "Accept-Encoding": "identity"}}

    def validate_response(self, response, case, additional_checks=None, **kwargs):
        case.validate_response(
            response, checks=[not_a_server_error, response_schema_conformance, content_type_conformance]
        )


def test_chained_calls_never_answer_5xx(fuzz_user, make_fuzz_data):
    StaffWorkflow.token = str(RefreshToken.for_user(fuzz_user).access_token)
    StaffWorkflow.run(
        settings=settings(
            max_examples=MAX_EXAMPLES,
            stateful_step_count=6,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
        )
    )
