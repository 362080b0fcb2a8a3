"""The foundation against a real gunicorn: health, memory guard, body limit, RSS retirement, throttles."""

import re
import socket
import time

import pytest
import requests

from tests.server import collect_static

pytestmark = pytest.mark.e2e

ASSET_URL = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")
ACCESS_PID = re.compile(r'"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/1\.1" (?P<status>\d{3}) .* pid=<(?P<pid>\d+)>')


def wait_for(condition, timeout=20.0, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    return condition()


def served_by(server, method, path):
    """Pids of the workers that logged `method path` in the access log, in order."""
    return [
        int(match["pid"])
        for match in map(ACCESS_PID.search, server.log_text().splitlines())
        if match and match["method"] == method and match["path"] == path
    ]


def read_response_head_and_body(client):
    """The answer as text, read up to its Content-Length (the connection stays open)."""
    received = b""
    while b"\r\n\r\n" not in received:
        piece = client.recv(65536)
        if not piece:
            break
        received += piece
    head, _, body = received.partition(b"\r\n\r\n")
    length = int(re.search(rb"(?im)^content-length: *([0-9]+)", head)[1])
    while len(body) < length:
        body += client.recv(65536)
    return (head + b"\r\n\r\n" + body).decode()


def test_health_answers_under_gunicorn(gunicorn_server):
    server = gunicorn_server()

    response = requests.get(server.url("/api/health"), timeout=10)

    assert response.status_code == 200, response.text
    assert response.json()["status"] == "ok"
    assert float(response.headers["X-Process-Time"]) >= 0
    assert len(server.worker_pids()) == 2


def test_guard_rejects_writes_above_the_threshold_and_lets_reads_through(gunicorn_server):
    server = gunicorn_server(MEMORY_THRESHOLD_PERCENT=1, MEMORY_CRITICAL_PERCENT=100)

    write = requests.post(
        server.url("/api/auth/register"), json={"email": "x@example.com", "password": "x"}, timeout=10
    )
    read = requests.get(server.url("/api/auth/me"), timeout=10)

    assert write.status_code == 503
    assert write.headers["Retry-After"] == "5"
    assert read.status_code == 401  # answered by the view: the guard let the GET through
    assert wait_for(
        lambda: re.search(
            r"\[Memory Protection\] Rejecting POST /api/auth/register - Memory usage: \d+\.\d%", server.log_text()
        )
    )


def test_guard_rejects_everything_but_health_at_critical(gunicorn_server):
    server = gunicorn_server(MEMORY_THRESHOLD_PERCENT=1, MEMORY_CRITICAL_PERCENT=1)

    assert requests.get(server.url("/api/auth/me"), timeout=10).status_code == 503
    assert requests.get(server.url("/api/schema/"), timeout=10).status_code == 503
    assert requests.get(server.url("/api/health"), timeout=10).status_code == 200
    memory = requests.get(server.url("/api/health/memory"), timeout=10)
    assert memory.status_code == 200
    assert memory.json()["status"] == "critical"


def test_oversized_body_is_refused_before_it_is_sent(gunicorn_server):
    server = gunicorn_server(MAX_BODY_SIZE_MB=1)
    head = (
        "POST /api/auth/register HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{server.port}\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {10 * 1024**3}\r\n"
        "\r\n"
    )

    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as client:
        client.sendall(head.encode() + b'{"email": ')  # 10 bytes of a declared 10 GiB
        answer = read_response_head_and_body(client)  # a timeout here means the server waited for the body

    status_line, _, rest = answer.partition("\r\n")
    assert status_line == "HTTP/1.1 413 Request Entity Too Large"
    assert '{"detail": "Request body too large: limit is 1 MiB.", "code": "request_too_large"}' in rest


def test_worker_over_its_rss_budget_is_replaced_and_service_continues(gunicorn_server):
    server = gunicorn_server(WEB_CONCURRENCY=1, WORKER_MAX_RSS_MB=1)

    first = requests.get(server.url("/api/health/memory"), timeout=10)
    assert first.status_code == 200
    retired_pid = wait_for(lambda: served_by(server, "GET", "/api/health/memory"))[-1]
    replacement = wait_for(lambda: [pid for pid in server.worker_pids() if pid != retired_pid])

    assert retired_pid not in server.worker_pids()
    assert replacement
    assert f"Worker {retired_pid} RSS" in server.log_text()
    assert "passed WORKER_MAX_RSS_MB=1: retiring it after in-flight requests" in server.log_text()
    assert requests.get(server.url("/api/health"), timeout=10).status_code == 200


def test_auth_throttle_holds_across_two_workers(gunicorn_server, django_user_model):
    server = gunicorn_server(WEB_CONCURRENCY=2, THROTTLE_RATE_AUTH="5/min")
    statuses = []

    # Each attempt on a fresh connection, which either worker may accept; keep going until both
    # workers have answered, so the count can only be right if they share the throttle cache.
    for _ in range(40):
        answer = requests.post(
            server.url("/api/auth/token"), json={"email": "nobody@example.com", "password": "wrong"}, timeout=10
        )
        statuses.append((answer.status_code, answer.headers.get("Retry-After")))
        served = wait_for(lambda: len(served_by(server, "POST", "/api/auth/token")) == len(statuses), timeout=5)
        assert served
        if len(statuses) >= 8 and len(set(served_by(server, "POST", "/api/auth/token"))) == 2:
            break

    assert len(set(served_by(server, "POST", "/api/auth/token"))) == 2, "one worker accepted every connection"
    assert [status for status, _ in statuses[:5]] == [401] * 5
    assert {status for status, _ in statuses[5:]} == {429}
    assert all(retry_after and int(retry_after) > 0 for _, retry_after in statuses[5:])


def test_api_docs_are_served_offline_from_collected_static(gunicorn_server, tmp_path):
    static_root = collect_static(tmp_path / "static", tmp_path)
    server = gunicorn_server(STATIC_ROOT=static_root)

    docs = requests.get(server.url("/api/docs/"), timeout=10)
    assets = ASSET_URL.findall(docs.text)

    assert docs.status_code == 200
    assert len(assets) >= 3  # swagger-ui CSS, bundle and standalone preset (plus the favicon)
    for asset in assets:
        assert asset.startswith("/static/drf_spectacular_sidecar/"), asset  # hashed by the manifest, never a CDN
        fetched = requests.get(server.url(asset), timeout=10)
        assert fetched.status_code == 200, asset
        assert len(fetched.content) > 0
    schema = requests.get(server.url("/api/schema/?format=json"), timeout=30)
    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "LeBrq API"
