"""SENTRY_DSN: an error under gunicorn reaches the DSN's host as an envelope, without personal data.

A local HTTP server stands in for the Sentry host; the DSN points gunicorn at it."""

import gzip
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


class EnvelopeCollector(BaseHTTPRequestHandler):
    envelopes = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        self.envelopes.append((self.path, body.decode()))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def sentry_host():
    EnvelopeCollector.envelopes = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), EnvelopeCollector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def received_events(timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        events = [body for _, body in EnvelopeCollector.envelopes if '"type":"event"' in body.replace(" ", "")]
        if events:
            return events
        time.sleep(0.1)
    raise AssertionError(f"no event arrived: {EnvelopeCollector.envelopes}")


def test_an_unhandled_error_is_reported_without_personal_data(gunicorn_server, sentry_host, alice, token):
    port = sentry_host.server_address[1]
    server = gunicorn_server(
        WEB_CONCURRENCY=1,
        DJANGO_SETTINGS_MODULE="tests.e2e.error_reporting_settings",
        SENTRY_DSN=f"http://publickey@127.0.0.1:{port}/42",
        SENTRY_ENVIRONMENT="e2e",
    )

    response = requests.get(
        server.url("/api/test-failure?email=alice@example.com"),
        headers={"Authorization": f"Bearer {token}", "Cookie": "sessionid=secret-session", "X-Request-ID": "boom-1"},
        timeout=10,
    )

    assert response.status_code == 500 and response.headers["X-Request-ID"] == "boom-1"
    [envelope] = received_events()
    event = json.loads(envelope.splitlines()[2])
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert event["exception"]["values"][-1]["value"] == "LeBrq error-report test failure"
    assert event["tags"]["request_id"] == "boom-1" and event["environment"] == "e2e"
    assert event["request"]["url"].endswith("/api/test-failure")
    for personal in (token, "secret-session", "alice@example.com"):
        assert personal not in envelope
    assert "user" not in event or "ip_address" not in event["user"]
    assert "query_string" not in event["request"] and "data" not in event["request"]
    assert all(path == "/api/42/envelope/" for path, _ in EnvelopeCollector.envelopes)
