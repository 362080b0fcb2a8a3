"""Operability under a real 2-worker gunicorn: /metrics adds up both workers, a dead worker's
gauges go, the request id reaches the logs, LOG_FORMAT=json makes every line JSON."""

import json
import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MAX_REQUESTS = 400


def samples(server):
    response = requests.get(server.url("/metrics"), timeout=10)
    assert response.status_code == 200, response.text
    return [sample for family in text_string_to_metric_families(response.text) for sample in family.samples]


def health_requests_counted(server):
    return sum(
        sample.value
        for sample in samples(server)
        if sample.name == "lebrq_http_requests_total"
        and sample.labels == {"route": "api/health", "method": "GET", "status": "200"}
    )


def rss_pids(server):
    return {int(sample.labels["pid"]) for sample in samples(server) if sample.name == "lebrq_worker_rss_bytes"}


def pids_that_served(server):
    return {
        int(line.rsplit("pid=", 1)[1].split()[0].strip("<>"))
        for line in server.log_text().splitlines()
        if '"GET /api/health HTTP' in line
    }


def spread_over_both_workers(server):
    """Health requests on fresh connections, 8 at a time, until the access log shows both workers served."""
    sent = 0
    with ThreadPoolExecutor(max_workers=8) as pool:
        while sent < MAX_REQUESTS:
            statuses = list(
                pool.map(lambda _: requests.get(server.url("/api/health"), timeout=10).status_code, range(16))
            )
            assert statuses == [200] * 16
            sent += 16
            if len(pids_that_served(server)) >= 2:
                return sent
    pytest.fail(f"{sent} requests all went to one worker: {pids_that_served(server)}")


def wait_for_log(server, text, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in server.log_text():
            return
        time.sleep(0.1)
    raise AssertionError(f"{text!r} not in the log:\n{server.log_text()[-3000:]}")


def test_a_scrape_adds_up_the_requests_of_both_workers_and_a_dead_worker_leaves_its_gauge(gunicorn_server):
    server = gunicorn_server(WEB_CONCURRENCY=2)

    sent = spread_over_both_workers(server)

    workers = set(server.worker_pids())
    assert pids_that_served(server) == workers
    assert health_requests_counted(server) == sent
    assert rss_pids(server) == workers  # one RSS series per live worker, read after its latest request

    victim = min(workers)
    os.kill(victim, signal.SIGKILL)
    deadline = time.monotonic() + 20
    while (set(server.worker_pids()) == workers or len(server.worker_pids()) < 2) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert victim not in server.worker_pids()

    assert health_requests_counted(server) == sent  # the dead worker's counts still count
    assert victim not in rss_pids(server)  # child_exit dropped its live gauge


def test_the_request_id_is_in_the_access_log_and_the_application_log(gunicorn_server):
    server = gunicorn_server(WEB_CONCURRENCY=2)

    response = requests.get(server.url("/api/no-such-route"), headers={"X-Request-ID": "e2e-trace-1"}, timeout=10)

    assert (response.status_code, response.headers["X-Request-ID"]) == (404, "e2e-trace-1")
    wait_for_log(server, "rid=e2e-trace-1")
    not_found = [line for line in server.log_text().splitlines() if "Not Found: /api/no-such-route" in line]
    assert len(not_found) == 1 and "[req e2e-trace-1]" in not_found[0]


def test_log_format_json_makes_every_line_json(gunicorn_server):
    server = gunicorn_server(WEB_CONCURRENCY=2, LOG_FORMAT="json")

    requests.get(server.url("/api/no-such-route"), headers={"X-Request-ID": "json-trace-2"}, timeout=10)
    wait_for_log(server, '"status": "404"')

    lines = [json.loads(line) for line in server.log_text().splitlines() if line.strip()]
    access = [line for line in lines if line["logger"] == "gunicorn.access"]
    assert {
        "request_id": "json-trace-2",
        "method": "GET",
        "path": "/api/no-such-route",
        "status": "404",
    }.items() <= access[-1].items()
    application = [line for line in lines if line["logger"] == "django.request"]
    assert application[-1]["request_id"] == "json-trace-2" and application[-1]["level"] == "WARNING"
    assert any(line["logger"] == "gunicorn.error" and "Booting worker" in line["message"] for line in lines)
