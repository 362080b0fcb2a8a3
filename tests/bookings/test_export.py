import csv
import io
import json

import pytest
from django.core.management import call_command

from bookings.models import Booking
from bookings.selectors import export_rows
from tests.bookings.conftest import book
from tests.bookings.test_lists import make_bookings

pytestmark = pytest.mark.django_db


def streamed_text(response):
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def test_csv_export_streams_every_row_with_a_header(staff_client, alice, hall):
    booking = book(alice, hall, title='Sangeet, "grand"')

    response = staff_client.get("/api/admin/bookings/export?format=csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="bookings-')
    rows = list(csv.DictReader(io.StringIO(streamed_text(response))))
    assert len(rows) == 1
    assert rows[0]["id"] == str(booking.pk)
    assert rows[0]["title"] == 'Sangeet, "grand"'
    assert rows[0]["user_email"] == "alice@example.com"
    assert rows[0]["total"] == str(booking.total)
    assert rows[0]["start_datetime"].endswith("+05:30")


def test_ndjson_export_applies_the_list_filters(staff_client, alice, bob, hall, studio):
    make_bookings(alice, hall, 30)
    make_bookings(bob, studio, 5, status=Booking.Status.CANCELLED)

    response = staff_client.get(f"/api/admin/bookings/export/?format=ndjson&venue={studio.pk}&status=cancelled")

    assert response["Content-Type"] == "application/x-ndjson"
    records = [json.loads(line) for line in streamed_text(response).splitlines()]
    assert len(records) == 5
    assert {record["status"] for record in records} == {"cancelled"}
    assert records[0]["venue"] == "Yoga Studio" and records[0]["is_public"] is False


def test_export_rejects_an_unknown_format_or_filter(staff_client):
    assert staff_client.get("/api/admin/bookings/export?format=xml").json() == {
        "format": ['"xml" is not a valid choice.']
    }
    assert staff_client.get("/api/admin/bookings/export?status=lost").status_code == 400


def test_export_rows_walk_the_table_in_key_order_chunks(alice, hall, django_assert_num_queries):
    made = make_bookings(alice, hall, 25)

    with django_assert_num_queries(3 * 3 + 1):  # chunks of 10, 10, 5 with 2 name lookups each, then an empty one
        ids = [row[0] for row in export_rows(Booking.objects.all(), chunk_size=10)]

    assert ids == sorted(booking.pk for booking in made)


def test_export_bookings_command_writes_a_file(tmp_path, alice, hall):
    make_bookings(alice, hall, 12)
    target = tmp_path / "out.ndjson"

    call_command("export_bookings", "--format", "ndjson", "-o", str(target), "--status", "confirmed")

    assert len(target.read_text().splitlines()) == 12


def test_export_bookings_command_writes_csv_to_stdout(alice, hall, capsys):
    make_bookings(alice, hall, 3)

    call_command("export_bookings")

    assert len(capsys.readouterr().out.strip().splitlines()) == 4
