import io
import zipfile

import pytest
from django.test import Client
from pypdf import PdfReader

from invoices.models import Invoice
from invoices.services import get_or_issue_invoice
from tests.conftest import make_user
from tests.invoices.conftest import create_booking


@pytest.fixture
def admin_client(db):
    client = Client()
    client.force_login(make_user("root@example.com", is_staff=True, is_superuser=True))
    return client


def test_invoice_list_shows_numbers_and_totals_read_only(admin_client, alice_invoice):
    response = admin_client.get("/admin/invoices/invoice/")

    assert response.status_code == 200
    page = response.content.decode()
    assert alice_invoice.number in page
    assert f"/admin/invoices/invoice/{alice_invoice.pk}/download/" in page
    assert "/admin/invoices/invoice/add/" not in page
    change = admin_client.get(f"/admin/invoices/invoice/{alice_invoice.pk}/change/")
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    assert admin_client.post(f"/admin/invoices/invoice/{alice_invoice.pk}/delete/").status_code == 403


def test_download_link_serves_the_pdf(admin_client, alice_invoice):
    response = admin_client.get(f"/admin/invoices/invoice/{alice_invoice.pk}/download/")

    assert response.status_code == 200
    assert alice_invoice.number in PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages[0].extract_text()


def test_booking_page_links_to_its_invoice_which_is_issued_on_demand(admin_client, alice_booking):
    page = admin_client.get(f"/admin/bookings/booking/{alice_booking.pk}/change/").content.decode()
    link = f"/admin/invoices/invoice/booking/{alice_booking.pk}/invoice/"
    assert link in page

    response = admin_client.get(link)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert Invoice.objects.filter(booking=alice_booking).count() == 1


def test_zip_action_streams_every_selected_pdf_in_a_folder_per_registration(
    admin_client, alice, bob, venue, mumbai_venue
):
    invoices = [
        get_or_issue_invoice(create_booking(user, place, lines=30, days_ahead=days))
        for days, (user, place) in enumerate([(alice, venue), (bob, venue), (alice, mumbai_venue)], start=5)
    ]
    assert invoices[0].number == invoices[2].number  # each registration's first invoice

    response = admin_client.post(
        "/admin/invoices/invoice/", {"action": "download_zip", "_selected_action": [invoice.pk for invoice in invoices]}
    )

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.testzip() is None
    names = {invoice.pk: f"{invoice.seller_gstin}/{invoice.download_filename}" for invoice in invoices}
    assert sorted(archive.namelist()) == sorted(names.values())
    for invoice in invoices:
        text = PdfReader(io.BytesIO(archive.read(names[invoice.pk]))).pages[0].extract_text()
        assert invoice.number in text and invoice.seller_gstin in text


def test_customers_cannot_reach_the_admin_downloads(alice, alice_invoice):
    client = Client()
    client.force_login(alice)

    response = client.get(f"/admin/invoices/invoice/{alice_invoice.pk}/download/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.fixture
def bookings_clerk(db):
    """Staff who see bookings and nothing of the invoices."""
    from tests.conftest import group_with, make_staff

    clerk = make_staff("clerk@example.com", "Clerk", group_with("Bookings only", ["bookings.view_booking"]))
    client = Client()
    client.force_login(clerk)
    return client


def test_staff_without_view_invoice_get_no_document(bookings_clerk, alice_invoice, alice_booking):
    assert bookings_clerk.get("/admin/invoices/invoice/").status_code == 403
    assert bookings_clerk.get(f"/admin/invoices/invoice/{alice_invoice.pk}/download/").status_code == 403
    assert bookings_clerk.get(f"/admin/invoices/invoice/booking/{alice_booking.pk}/invoice/").status_code == 403
    zipped = bookings_clerk.post(
        "/admin/invoices/invoice/", {"action": "download_zip", "_selected_action": [alice_invoice.pk]}
    )
    assert zipped.status_code == 403
    assert zipped["Content-Type"] != "application/zip"


def test_view_invoice_is_all_a_download_needs(dave, alice_invoice):
    client = Client()
    client.force_login(dave)

    single = client.get(f"/admin/invoices/invoice/{alice_invoice.pk}/download/")
    zipped = client.post("/admin/invoices/invoice/", {"action": "download_zip", "_selected_action": [alice_invoice.pk]})

    assert single.status_code == 200 and single["Content-Type"] == "application/pdf"
    assert zipped.status_code == 200 and zipped["Content-Type"] == "application/zip"
