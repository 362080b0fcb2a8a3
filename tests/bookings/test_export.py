import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from bookings.models import Booking, Venue
from bookings.selectors import export_rows
from tests.bookings.conftest import book, book_confirmed
from tests.bookings.test_lists import make_bookings
from tests.conftest import make_user

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


FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1:A9)", "\tTAB", "\rCR"]


@pytest.fixture
def hostile_bookings(hall):
    """Bookings whose text columns a spreadsheet would run as formulas, and one plain."""
    mallory = make_user("=cmd@example.com")
    Venue.objects.filter(pk=hall.pk).update(name="@Rangoli Hall")
    made = [book_confirmed(mallory, hall, days=10 + index) for index in range(len(FORMULAS) + 1)]
    for booking, title in zip(made, [*FORMULAS, "Sangeet - day 2"], strict=True):
        Booking.objects.filter(pk=booking.pk).update(title=title)
    Booking.objects.filter(pk=made[0].pk).update(total=Decimal("-5.00"))  # a number, never a text cell
    return made


def csv_rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_export_defuses_cells_a_spreadsheet_would_run_as_formulas(staff_client, hostile_bookings):
    rows = csv_rows(streamed_text(staff_client.get("/api/admin/bookings/export?format=csv")))

    assert [row["title"] for row in rows] == [*("'" + title for title in FORMULAS), "Sangeet - day 2"]
    assert {row["user_email"] for row in rows} == {"'=cmd@example.com"}
    assert {row["venue"] for row in rows} == {"'@Rangoli Hall"}
    assert rows[0]["total"] == "-5.00"
    assert rows[1]["start_datetime"][0].isdigit() and rows[1]["status"] == "confirmed"


def test_ndjson_export_keeps_text_as_stored(staff_client, hostile_bookings):
    text = streamed_text(staff_client.get("/api/admin/bookings/export?format=ndjson"))
    records = [json.loads(line) for line in text.splitlines()]

    assert [record["title"] for record in records] == [*FORMULAS, "Sangeet - day 2"]
    assert records[0]["user_email"] == "=cmd@example.com" and records[0]["total"] == "-5.00"


def test_bom_1_starts_the_csv_with_a_utf8_byte_order_mark_for_excel(staff_client, alice, hall):
    book(alice, hall, title="Sangeet ₹")

    with_bom = staff_client.get("/api/admin/bookings/export?format=csv&bom=1")
    without = staff_client.get("/api/admin/bookings/export?format=csv")

    body = b"".join(with_bom.streaming_content)
    assert body.startswith(b"\xef\xbb\xbfid,user_email,")
    assert csv_rows(body.decode("utf-8-sig"))[0]["title"] == "Sangeet ₹"
    assert not b"".join(without.streaming_content).startswith(b"\xef\xbb\xbf")


def test_bom_is_refused_on_ndjson_which_must_not_carry_one(staff_client):
    response = staff_client.get("/api/admin/bookings/export?format=ndjson&bom=1")

    assert response.status_code == 400
    assert response.json() == {"bom": ["Only the CSV export takes a byte-order mark."]}
    assert staff_client.get("/api/admin/bookings/export?bom=maybe").status_code == 400


def test_bom_is_documented_as_a_boolean_query_parameter(anon_client):
    operation = anon_client.get("/api/schema/?format=json").json()["paths"]["/api/admin/bookings/export/"]["get"]

    bom = next(parameter for parameter in operation["parameters"] if parameter["name"] == "bom")
    assert (bom["in"], bom["schema"]["type"]) == ("query", "boolean")


def test_export_bookings_command_defuses_formulas_and_adds_a_bom_on_request(hostile_bookings, tmp_path):
    target = tmp_path / "out.csv"

    call_command("export_bookings", "--bom", "-o", str(target))

    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert csv_rows(raw.decode("utf-8-sig"))[0]["title"] == "'" + FORMULAS[0]
