"""Invoice downloads under gunicorn: no temp file or descriptor survives a download or a client that leaves."""

import socket
import time

import pytest
import requests
from rest_framework_simplejwt.tokens import RefreshToken

from invoices.models import Invoice
from tests.invoices.conftest import create_booking, descriptors_into, invoice_temp_dir, venue  # noqa: F401 - fixtures

pytestmark = pytest.mark.e2e


@pytest.fixture
def serve(gunicorn_server, invoice_temp_dir):
    return lambda: gunicorn_server(WEB_CONCURRENCY=1, INVOICE_TEMP_DIR=invoice_temp_dir)


def bearer(user):
    return {"Authorization": f"Bearer {RefreshToken.for_user(user).access_token}"}


def leftovers(server, temp_dir):
    """(files in temp_dir, descriptors workers hold into it), once the workers have settled.

    The worker closes the file just after the last byte leaves, which can be a moment after
    the client has read it, so allow a few seconds before calling something left over.
    """
    deadline = time.monotonic() + 5
    while True:
        files = list(temp_dir.iterdir())
        held = [path for pid in server.worker_pids() for path in descriptors_into(temp_dir, pid)]
        if (not files and not held) or time.monotonic() > deadline:
            return files, held
        time.sleep(0.05)


def test_downloads_leave_no_file_and_no_descriptor(serve, alice, venue, invoice_temp_dir):
    booking = create_booking(alice, venue, lines=50)
    server = serve()

    for _ in range(5):
        response = requests.get(server.url(f"/api/bookings/{booking.pk}/invoice"), headers=bearer(alice), timeout=30)
        assert response.status_code == 200
        assert int(response.headers["Content-Length"]) == len(response.content)
        assert response.content.startswith(b"%PDF") and response.content.rstrip().endswith(b"%%EOF")

    assert leftovers(server, invoice_temp_dir) == ([], [])
    assert Invoice.objects.filter(booking=booking).count() == 1


def test_a_client_that_disconnects_mid_stream_leaves_nothing_behind(serve, alice, venue, invoice_temp_dir):
    booking = create_booking(alice, venue, lines=2000)
    server = serve()
    token = bearer(alice)["Authorization"]
    request = f"GET /api/bookings/{booking.pk}/invoice HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {token}\r\n\r\n"

    for _ in range(3):
        with socket.socket() as client:
            # A tiny receive window keeps most of the PDF in the server's hands when we leave.
            client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            client.connect(("127.0.0.1", server.port))
            client.sendall(request.encode())
            head = client.recv(4096)
            assert head.startswith(b"HTTP/1.1 200")
            client.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
            )  # close with RST

    assert leftovers(server, invoice_temp_dir) == ([], [])
    after = requests.get(server.url(f"/api/bookings/{booking.pk}/invoice"), headers=bearer(alice), timeout=30)
    assert after.status_code == 200 and after.content.rstrip().endswith(b"%%EOF")
