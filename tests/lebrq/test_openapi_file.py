"""openapi.yaml, committed, is what drf-spectacular generates from the code today."""

from io import StringIO

from django.core.management import call_command

from tests.server import PROJECT_ROOT

COMMITTED = PROJECT_ROOT / "openapi.yaml"


def test_the_committed_openapi_yaml_matches_the_code():
    generated = StringIO()
    call_command("spectacular", "--validate", stdout=generated, skip_checks=True)

    assert COMMITTED.read_text() == generated.getvalue(), (
        "openapi.yaml differs from the schema the code generates: run `make openapi` and commit the result "
        "(and `make client` to regenerate clients/python)."
    )
