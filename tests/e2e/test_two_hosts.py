"""Two app hosts behind nginx (DESIGN Part 2, "Scale-out"; issue 17): each its own gunicorn process
tree, working directory, MEDIA_ROOT and VAR_DIR, on 127.0.0.2 and 127.0.0.3, sharing MariaDB, Redis
and one S3 server (moto). A bounded mixed load (bookings, uploads, downloads, invoices, jobs) runs
through nginx while one host is stopped and started again. Nothing is lost: every 201 booking and
upload exists once, every job runs once, throttles count across hosts, no 5xx beyond the requests
in flight on the stopped host."""

import hashlib
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import psutil
import pytest
import requests
from django.db import connection
from rest_framework_simplejwt.tokens import RefreshToken

from bookings.models import Booking
from jobs.models import BookingNotification
from tests.bookings.conftest import booking_payload, hall  # noqa: F401 - hall is a fixture
from tests.cluster import Balancer, Host
from tests.conftest import make_user
from tests.e2e.front_door import nginx_available
from tests.invoices.conftest import create_booking
from tests.s3server import object_keys, unfinished_multipart_uploads
from tests.server import PROJECT_ROOT, environment_for_test_server
from tests.uploads.samples import sample_bytes
from uploads.models import MediaFile

pytestmark = pytest.mark.e2e

ADDRESSES = ("127.0.0.2", "127.0.0.3")
THREADS = 6
# An iteration: a booking and its cancellation (a job), an upload and its download, an invoice.
# The load runs PHASE iterations with both hosts, PHASE with one, then PHASE more once the host is back.
PHASE = 24
SEARCH_LIMIT = 20  # per minute, one counter for both hosts (Redis)
RETRIES = 8


@pytest.fixture
def shared_services(transactional_db):
    if connection.vendor != "mysql":
        pytest.skip("two hosts share one database: run on MariaDB (DATABASE_URL=mysql://...)")
    if not os.environ.get("CACHE_URL", "").startswith("redis"):
        pytest.skip("two hosts share one cache: run with CACHE_URL=redis://...")
    if not nginx_available():
        pytest.skip("nginx is not installed (./scripts/install-system-deps.sh e2e)")


@pytest.fixture
def cluster(shared_services, s3_server, tmp_path):
    bucket = s3_server.new_bucket()
    hosts = []
    for address in ADDRESSES:
        workdir = tmp_path / address
        (workdir / "media").mkdir(parents=True)
        env = environment_for_test_server(
            workdir,
            {
                **s3_server.app_environment(bucket),
                "MEDIA_ROOT": workdir / "media",
                "VAR_DIR": workdir / "var",
                "WEB_CONCURRENCY": 2,
                "GUNICORN_THREADS": 4,
                "THROTTLE_RATE_SEARCH": f"{SEARCH_LIMIT}/min",
                "ALLOWED_HOSTS": "127.0.0.1,127.0.0.2,127.0.0.3,localhost",
            },
        )
        hosts.append(Host(workdir, address, env))
    for host in hosts:
        host.start()
    balancer = Balancer(tmp_path / "nginx", hosts).start()
    yield hosts, balancer, bucket
    balancer.stop()
    for host in hosts:
        host.stop()


def bearer(user):
    return {"Authorization": f"Bearer {RefreshToken.for_user(user).access_token}"}


class Load:
    """Runs the mixed load and records every answer: (operation, status, upstream)."""

    def __init__(self, base_url, customers, headers, hall, invoice_booking):
        self.base_url = base_url
        self.customers = customers  # one per thread: a customer holds at most 5 unpaid bookings
        self.headers = headers
        self.hall = hall
        self.invoice_booking = invoice_booking
        self.answers = []
        self.booked = {}  # idempotency key -> booking id
        self.cancelled = set()
        self.uploaded = {}  # media id -> sha256
        self.done = 0
        self.finish = threading.Event()
        self._lock = threading.Lock()

    def request(self, operation, method, url, *, retry=False, headers, **kwargs):
        """One request; with `retry` (idempotent or keyed) again after a 5xx or a lost connection."""
        url = url if url.startswith("http") else self.base_url + url
        response = None
        for _ in range(RETRIES if retry else 1):
            try:
                response = requests.request(
                    method, url, headers={**self.headers, **(headers or {})}, timeout=60, **kwargs
                )
            except requests.ConnectionError:
                self.record(operation, "connection error", None)
                continue
            self.record(operation, response.status_code, response.headers.get("X-Upstream"))
            if response.status_code < 500:
                return response
        return response

    def answered_by(self, address, since=0):
        """Answers since the `since`-th whose final upstream (nginx lists every one it tried) is `address`."""
        with self._lock:
            upstreams = [upstream for _, _, upstream in self.answers[since:] if upstream]
        return sum(upstream.split(", ")[-1].split(":")[0] == address for upstream in upstreams)

    def record(self, operation, status, upstream):
        with self._lock:
            self.answers.append((operation, status, upstream))

    def run_thread(self, number):
        customer = self.customers[number]
        iteration = 0
        while not self.finish.is_set():
            iteration += 1
            key = f"two-hosts-{number}-{iteration}"
            payload = booking_payload(self.hall, days=5 + iteration, hour=number * 3, hours=2, title="Two hosts")
            booked = self.request(
                "book", "POST", "/api/bookings/", retry=True, json=payload, headers={**customer, "Idempotency-Key": key}
            )
            assert booked.status_code == 201, booked.text
            with self._lock:
                self.booked[key] = booked.json()["id"]
            path = f"/api/bookings/{booked.json()['id']}/cancel/"
            cancelled = self.request("cancel", "POST", path, retry=True, headers=customer)
            assert cancelled.status_code in (200, 409), cancelled.text  # 409: a retry of one that went through
            with self._lock:
                self.cancelled.add(booked.json()["id"])

            content = sample_bytes("png", 30_000)
            uploaded = self.request(
                "upload", "POST", "/api/uploads/image", files={"file": ("a.png", content)}, headers=self.headers
            )
            if uploaded is not None and uploaded.status_code == 201:
                media = uploaded.json()
                with self._lock:
                    self.uploaded[media["id"]] = hashlib.sha256(content).hexdigest()
                # the client follows the 302 to the object store
                ranged = {"Range": "bytes=100-"}  # kept by requests across the redirect, answered by the store
                downloaded = self.request("download", "GET", media["url"], retry=True, headers=ranged)
                assert downloaded.status_code == 206 and downloaded.content == content[100:]
            invoice = self.request(
                "invoice", "GET", f"/api/bookings/{self.invoice_booking.pk}/invoice", retry=True, headers=self.headers
            )
            assert invoice.status_code == 200 and invoice.content.startswith(b"%PDF")
            with self._lock:
                self.done += 1


def wait_until(condition, timeout=120):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the load stopped making progress"
        time.sleep(0.05)  # polling the load's progress, not waiting for an expiry


def run_workers(hosts):
    """One db_worker per host, at once, each from its host's directory; both exit when the queue is empty."""
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                str(PROJECT_ROOT / "manage.py"),
                "db_worker",
                "--no-startup-delay",
                "--queue-name",
                "*",
                "--batch",
            ],
            cwd=host.workdir,
            env={
                **host.env,
                "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "EMAIL_FILE_PATH": str(host.workdir / "emails"),
            },
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for host in hosts
    ]
    return [worker.communicate(timeout=120)[0].decode(errors="replace") for worker in workers]


def test_two_hosts_lose_nothing_when_one_stops_mid_load(cluster, alice, hall, s3_server):
    from django_tasks_db.models import DBTaskResult

    hosts, balancer, bucket = cluster
    for host in hosts:  # each its own process tree, working directory and VAR_DIR
        assert {psutil.Process(pid).cwd() for pid in host.all_pids()} == {str(host.workdir)}
        assert (host.workdir / "var").is_dir()
    headers = bearer(alice)
    invoice_booking = create_booking(alice, hall, lines=5, days_ahead=60)

    # Throttles: one counter in Redis for both hosts.
    day = invoice_booking.start_datetime.date().isoformat()
    searches = [
        requests.get(f"{balancer.base_url}/api/venues/{hall.pk}/availability/?date={day}", headers=headers, timeout=30)
        for _ in range(SEARCH_LIMIT + 10)
    ]
    assert Counter(answer.status_code for answer in searches) == {200: SEARCH_LIMIT, 429: 10}
    assert {answer.headers["X-Upstream"].split(":")[0] for answer in searches} == set(ADDRESSES)

    customers = [bearer(make_user(f"customer{number}@example.com")) for number in range(THREADS)]
    load = Load(balancer.base_url, customers, headers, hall, invoice_booking)
    stopped = hosts[1]
    with ThreadPoolExecutor(THREADS) as pool:
        futures = [pool.submit(load.run_thread, number) for number in range(THREADS)]
        progress = lambda target: lambda: load.done >= target or any(future.done() for future in futures)  # noqa: E731
        wait_until(progress(PHASE))
        stopped.stop()  # SIGTERM: gunicorn finishes what it has, nginx sends the rest to the other host
        wait_until(progress(2 * PHASE))
        stopped.start()
        restarted_at, done_at_restart = len(load.answers), load.done
        # nginx tries a failed host again only after fail_timeout: the last phase lasts until the
        # restarted host has answered its share, not a fixed count that a fast run finishes first.
        back = lambda: load.answered_by(stopped.address, since=restarted_at) >= THREADS  # noqa: E731
        wait_until(lambda: progress(done_at_restart + PHASE)() and (back() or any(f.done() for f in futures)))
        load.finish.set()
        for future in futures:
            future.result()

    answers = load.answers
    failures = Counter(status for _, status, _ in answers if status == "connection error" or status >= 400)
    by_upstream = Counter(upstream or "object store" for _, _, upstream in answers)
    print(
        f"\ntwo hosts: {load.done} iterations, {len(answers)} answers, {dict(by_upstream)}, failures {dict(failures)}"
    )
    server_errors = [answer for answer in answers if answer[1] == "connection error" or answer[1] >= 500]
    assert len(server_errors) <= THREADS, server_errors  # at most one in flight per client on the stopped host
    assert load.answered_by(stopped.address, since=restarted_at) >= THREADS  # back in the rotation
    assert load.answered_by(hosts[0].address, since=restarted_at) > 0

    # Every 201 booking exists exactly once (the retries of a keyed request made none).
    assert len(load.booked) == load.done >= 3 * PHASE
    assert sorted(Booking.objects.filter(title="Two hosts").values_list("pk", flat=True)) == sorted(
        load.booked.values()
    )
    # Every 201 upload exists once, its object too, and no host kept a file of it.
    rows = MediaFile.objects.filter(kind="image")
    assert set(load.uploaded) <= set(rows.values_list("pk", flat=True))
    assert rows.count() <= len(load.uploaded) + len([e for e in server_errors if e[0] == "upload"])
    assert {media.pk: media.sha256 for media in rows if media.pk in load.uploaded} == load.uploaded
    s3 = s3_server.client()
    assert object_keys(s3, bucket) == sorted(f"image/{media.stored_name}" for media in rows)
    assert unfinished_multipart_uploads(s3, bucket) == []
    for host in hosts:
        assert [path for path in (host.workdir / "media").rglob("*") if path.is_file()] == []

    # Every job ran exactly once, though two workers on two hosts took from the queue at once.
    outputs = run_workers(hosts)
    assert DBTaskResult.objects.exclude(status="SUCCESSFUL").count() == 0, outputs
    notifications = BookingNotification.objects.filter(event="cancelled")
    assert sorted(notifications.values_list("booking_id", flat=True)) == sorted(load.cancelled)
    assert not notifications.filter(sent_at__isnull=True).exists()
    # The file backend appends messages sent within a second by one connection to one file.
    logs = [path.read_text() for host in hosts for path in (host.workdir / "emails").glob("*.log")]
    assert sum(log.count("\nSubject: ") + log.startswith("Subject: ") for log in logs) == len(load.cancelled)
