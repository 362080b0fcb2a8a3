import io
import os

import pytest
from pypdf import PdfReader

from bookings.models import Booking
from invoices.models import Invoice
from tests.invoices.conftest import create_booking, descriptors_into, refund


def body_of(response):
    # Reading to the end closes the response (and its file), as a WSGI server would.
    return b"".join(response.streaming_content)


def invoice_url(booking):
    return f"/api/bookings/{booking.pk}/invoice"


def test_owner_downloads_the_invoice_as_a_pdf_attachment(alice_client, alice_booking, invoice_temp_dir):
    response = alice_client.get(invoice_url(alice_booking))

    assert response.status_code == 200
    body = body_of(response)
    invoice = Invoice.objects.get(booking=alice_booking)
    assert response["Content-Type"] == "application/pdf"
    assert int(response["Content-Length"]) == len(body)
    assert response["Content-Disposition"] == f'attachment; filename="{invoice.number.replace("/", "-")}.pdf"'
    assert invoice.content_hash[:20] in response["ETag"]
    assert "Content-Encoding" not in response
    assert response.block_size == 64 * 1024
    assert invoice.number in PdfReader(io.BytesIO(body)).pages[0].extract_text()
    assert os.listdir(invoice_temp_dir) == []


def test_a_repeat_download_with_the_etag_is_304_without_rendering(alice_client, alice_booking, monkeypatch):
    etag = alice_client.get(invoice_url(alice_booking))["ETag"]
    monkeypatch.setattr("invoices.downloads.render_invoice_pdf", None)  # any render would now fail

    response = alice_client.get(invoice_url(alice_booking), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "private, no-cache"


def test_the_same_invoice_is_served_every_time(alice_client, alice_booking):
    first = alice_client.get(invoice_url(alice_booking))
    second = alice_client.get(invoice_url(alice_booking))

    assert first["ETag"] == second["ETag"]
    assert Invoice.objects.filter(booking=alice_booking).count() == 1


def test_a_client_asking_for_pdf_gets_pdf_and_json_errors(alice_client, alice_booking):
    assert alice_client.get(invoice_url(alice_booking), HTTP_ACCEPT="application/pdf").status_code == 200

    missing = alice_client.get("/api/bookings/999999/invoice", HTTP_ACCEPT="application/pdf")

    assert missing.status_code == 404
    assert missing.json() == {"detail": "No Booking matches the given query."}


def test_another_customer_gets_404_and_anonymous_401(bob_client, anon_client, alice_booking):
    assert bob_client.get(invoice_url(alice_booking)).status_code == 404
    assert bob_client.get(f"/api/bookings/{alice_booking.pk}/refund-invoice").status_code == 404
    assert anon_client.get(invoice_url(alice_booking)).status_code == 401
    assert not Invoice.objects.exists()


def test_staff_download_any_invoice_on_both_routes(staff_client, alice_booking):
    assert staff_client.get(invoice_url(alice_booking)).status_code == 200
    response = staff_client.get(f"/api/admin/bookings/{alice_booking.pk}/invoice")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_the_admin_route_is_for_staff_only(alice_client, alice_booking):
    response = alice_client.get(f"/api/admin/bookings/{alice_booking.pk}/invoice")

    assert response.status_code == 403


def test_a_confirmed_booking_without_an_invoice_gets_one_on_first_download(alice_client, alice_booking):
    assert not Invoice.objects.filter(booking=alice_booking).exists()

    response = alice_client.get(invoice_url(alice_booking))

    assert response.status_code == 200
    assert Invoice.objects.get(booking=alice_booking).number.startswith("LB/")


def test_a_pending_booking_has_no_invoice_yet(alice_client, alice, venue):
    booking = create_booking(alice, venue, status=Booking.Status.PENDING)

    response = alice_client.get(invoice_url(booking))

    assert response.status_code == 404
    assert "issued on confirmation" in response.json()["detail"]
    assert not Invoice.objects.exists()


def test_credit_note_is_404_until_a_refund_exists(alice_client, alice_booking, alice_invoice):
    url = f"/api/bookings/{alice_booking.pk}/refund-invoice"
    assert alice_client.get(url).status_code == 404

    refund(alice_booking, percent=50)
    response = alice_client.get(url)

    assert response.status_code == 200
    credit_note = Invoice.objects.get(booking=alice_booking, kind=Invoice.Kind.CREDIT_NOTE)
    assert response["Content-Disposition"] == f'attachment; filename="{credit_note.number.replace("/", "-")}.pdf"'
    assert alice_invoice.number in PdfReader(io.BytesIO(body_of(response))).pages[0].extract_text()


def test_a_refund_of_nothing_has_no_credit_note(alice_client, alice_booking):
    refund(alice_booking, percent=0)

    response = alice_client.get(f"/api/bookings/{alice_booking.pk}/refund-invoice")

    assert response.status_code == 404
    assert not Invoice.objects.filter(kind=Invoice.Kind.CREDIT_NOTE).exists()


def test_a_rendering_error_is_a_json_500_and_leaves_no_temp_file(
    alice_client, alice_booking, alice_invoice, invoice_temp_dir, monkeypatch
):
    def broken_render(document, fileobj):
        fileobj.write(b"%PDF-1.4 half a document")
        raise RuntimeError("font missing")

    monkeypatch.setattr("invoices.downloads.render_invoice_pdf", broken_render)
    alice_client.raise_request_exception = False

    response = alice_client.get(invoice_url(alice_booking))

    assert response.status_code == 500
    assert response.json() == {"detail": "Internal server error."}
    assert os.listdir(invoice_temp_dir) == []


def test_the_temp_file_has_no_name_while_the_response_streams(alice_client, alice_booking, invoice_temp_dir):
    response = alice_client.get(invoice_url(alice_booking))

    stream = response.streaming_content
    first_block = next(stream)  # the response is open, mid-stream

    assert first_block.startswith(b"%PDF")
    assert os.listdir(invoice_temp_dir) == []
    [held] = descriptors_into(invoice_temp_dir)
    assert held.endswith(".pdf (deleted)")
    b"".join(stream)
    assert descriptors_into(invoice_temp_dir) == []


@pytest.mark.parametrize("route", ["invoice", "refund-invoice"])
def test_unknown_bookings_are_404(alice_client, route, db):
    assert alice_client.get(f"/api/bookings/424242/{route}").status_code == 404
