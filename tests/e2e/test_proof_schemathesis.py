"""API fuzzing: schemathesis generates requests from /api/schema/ and sends them, with a Bearer
token, to the in-process WSGI app. Every response must be non-5xx and match the schema.
The token is a superuser's, so the admin routes are reached too; object ids 1.. exist.

Three phases: coverage (boundary values of every parameter, such as the first and last dates
a calendar has), fuzzing (random values within the schema) and stateful (chains of calls along
the links schemathesis infers: a booking or an upload created, then its id used). The run is
bounded to a couple of minutes and happens on SQLite only: it exercises the API's own
validation, which is the same on every database. `SCHEMATHESIS_MAX_EXAMPLES` raises it.
"""

import os
from datetime import UTC, timedelta
from decimal import Decimal

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from model_bakery import baker
from rest_framework_simplejwt.tokens import RefreshToken
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from lebrq.throttles import CacheOutageTolerantMixin

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "40"))

# Dates and datetimes lean on the ends of the calendar, where date arithmetic overflows
# (`?date=9999-12-31`, `date_to=0001-01-01`), as well as on ordinary days.
CALENDAR_ENDS = ["0001-01-01", "0001-01-02", "1969-12-31", "1970-01-01", "9999-12-30", "9999-12-31"]
schemathesis.openapi.format("date", st.sampled_from(CALENDAR_ENDS) | st.dates().map(str))
schemathesis.openapi.format(
    "date-time",
    st.sampled_from([f"{day}T00:00:00Z" for day in CALENDAR_ENDS] + ["9999-12-31T23:59:59+05:30"])
    | st.datetimes(timezones=st.just(UTC)).map(lambda moment: moment.isoformat()),
)

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("mysql"), reason="fuzzed once, on SQLite (see the docstring)"
)


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
        # The price snapshot its invoice is drawn from must add up to its totals.
        venue_hourly_rate=Decimal("1000.00"),
        venue_gst_rate=Decimal("18.00"),
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
    """Each scenario starts from the same rows: its writes are rolled back when it ends, so
    hypothesis replays a scenario against the data it first saw."""

    token = ""

    def setup(self):
        self.scenario = transaction.atomic()
        self.scenario.__enter__()

    def teardown(self):
        transaction.set_rollback(True)
        self.scenario.__exit__(None, None, None)

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
            max_examples=3 * MAX_EXAMPLES,
            stateful_step_count=8,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
        )
    )
