"""The schema describes what the admin routes really send (found by the schemathesis run in
tests/e2e/test_proof_schemathesis.py)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(anon_client):
    return anon_client.get("/api/schema/?format=json").json()


def test_today_is_a_paginated_list(schema, staff_client):
    documented = schema["paths"]["/api/admin/bookings/today/"]["get"]["responses"]["200"]["content"]["application/json"]
    body = staff_client.get("/api/admin/bookings/today/").json()

    assert documented["schema"]["$ref"] == "#/components/schemas/PaginatedAdminBookingListList"
    assert set(body) == {"items", "pagination"}


def test_export_documents_both_of_its_content_types(schema, staff_client):
    documented = schema["paths"]["/api/admin/bookings/export/"]["get"]["responses"]["200"]["content"]

    assert set(documented) == {"text/csv", "application/x-ndjson"}
    for export_format in ("csv", "ndjson"):
        sent = staff_client.get(f"/api/admin/bookings/export?format={export_format}")["Content-Type"]
        assert sent.partition(";")[0] in documented


def test_create_and_quote_document_guests_the_quote_and_their_refusals(schema):
    create = schema["paths"]["/api/bookings/"]["post"]
    quote = schema["paths"]["/api/bookings/quote/"]["post"]
    components = schema["components"]["schemas"]

    assert "guests" in components["BookingCreateRequest"]["properties"]
    assert "guests" in components["BookingDetail"]["properties"]
    assert quote["responses"]["200"]["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/Quote"
    for operation in (create, quote):
        assert {"400", "409"} <= set(operation["responses"])
    conflict = components["BookingConflictResponse"]["properties"]
    assert {"detail", "code", "conflicts", "item", "available"} <= set(conflict)
