"""Invoice downloads under gunicorn against rendering the same document in-process.

50-line and 2,000-line invoices: p50 time per download (gunicorn, 1 worker, JWT, database
read, render to an unlinked temp file, stream) against p50 of rendering the same document
into a BytesIO in this process; the worker's peak RSS growth; and files or descriptors left in
INVOICE_TEMP_DIR after every download. Goals (issue 6): 50 lines within 3x the in-process
render, 2,000 lines under 0.6 s, RSS growth under 16 MiB, zero files left after 100 downloads.
"""

import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import requests
from common import PROJECT_ROOT, PeakRssSampler, bench_environment, print_result

from tests.server import GunicornServer  # noqa: E402  (common puts the project on sys.path)

RUNS = {50: 100, 2000: 15}  # downloads per size; the 100 of 50 lines are the leftover check


def prepare(root):
    env = bench_environment(
        DATABASE_URL=f"sqlite:///{root / 'app.sqlite3'}",
        MEDIA_ROOT=root / "media",
        INVOICE_TEMP_DIR=root / "invoice-tmp",
        VAR_DIR=root / "var",
        CONN_MAX_AGE=60,
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        check=True,
    )
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "lebrq.settings"
    import django

    django.setup()
    return env


def create_invoices():
    from django.utils import timezone
    from rest_framework_simplejwt.tokens import RefreshToken

    from accounts.models import User
    from bookings.models import Item, Venue
    from bookings.services import create_booking
    from invoices.services import get_or_issue_invoice

    user = User.objects.create_user("bench@example.com", "bench-password-123", full_name="Bench Buyer", state_code="29")
    venue = Venue.objects.create(
        name="Bench Hall",
        slug="bench-hall",
        city="Bengaluru",
        state_code="29",
        capacity=500,
        hourly_rate=Decimal("2500.00"),
    )
    items = Item.objects.bulk_create(
        Item(
            name=f"Add-on {index:04d}: banquet chair with cover",
            unit_price=Decimal("45.50") + index,
            gst_rate=Decimal("18.00") if index % 3 else Decimal("5.00"),
        )
        for index in range(2000)
    )
    invoices = {}
    for days, lines in enumerate(RUNS, start=10):
        start = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0) + timedelta(days=days)
        chosen = [{"item": item, "quantity": index % 9 + 1} for index, item in enumerate(items[: lines - 1])]
        booking = create_booking(user, venue, start, start + timedelta(hours=4), "event", f"Bench {lines}", chosen)
        invoices[lines] = get_or_issue_invoice(booking)
        assert len(invoices[lines].lines) == lines
    token = str(RefreshToken.for_user(user).access_token)
    return invoices, token


def in_process_p50(invoice, runs):
    from invoices.models import Invoice
    from invoices.pdf import render_invoice_pdf

    document = Invoice.objects.get(pk=invoice.pk)
    render_invoice_pdf(document, io.BytesIO())  # warm-up: fonts, modules
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        render_invoice_pdf(document, io.BytesIO())
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def download(session, url):
    started = time.perf_counter()
    response = session.get(url, timeout=60)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200 and response.content.rstrip().endswith(b"%%EOF"), response.status_code
    return elapsed


def leftovers(temp_dir, pids):
    held = 0
    for pid in pids:
        for name in os.listdir(f"/proc/{pid}/fd"):
            try:
                held += os.readlink(f"/proc/{pid}/fd/{name}").startswith(str(temp_dir))
            except FileNotFoundError:
                pass
    return len(os.listdir(temp_dir)), held


def main():
    with tempfile.TemporaryDirectory(prefix="bench-invoices-") as workdir:
        root = Path(workdir)
        env = prepare(root)
        invoices, token = create_invoices()
        baseline = {lines: in_process_p50(invoice, min(RUNS[lines], 30)) for lines, invoice in invoices.items()}
        server = GunicornServer(root, {**env, "WEB_CONCURRENCY": "1"}).start()
        try:
            session = requests.Session()
            session.headers["Authorization"] = f"Bearer {token}"
            urls = {
                lines: server.url(f"/api/bookings/{invoice.booking_id}/invoice") for lines, invoice in invoices.items()
            }
            for url in urls.values():  # warm-up: URLconf, reportlab, database connection
                download(session, url)
                download(session, url)
            for lines, runs in RUNS.items():
                with PeakRssSampler(server.worker_pids) as sampler:
                    timings = [download(session, urls[lines]) for _ in range(runs)]
                p50 = statistics.median(timings)
                print_result(
                    f"invoice_download_{lines}_lines",
                    runs=runs,
                    download_p50_ms=p50 * 1000,
                    download_max_ms=max(timings) * 1000,
                    in_process_render_p50_ms=baseline[lines] * 1000,
                    ratio_vs_in_process=p50 / baseline[lines],
                    worker_peak_rss_mib=sampler.peak_mib(),
                    worker_rss_growth_mib=sampler.peak_growth_mib(),
                )
            time.sleep(0.5)  # the worker closes the file just after the last byte leaves
            files, descriptors = leftovers(root / "invoice-tmp", server.worker_pids())
            print_result(
                "invoice_leftovers",
                downloads=sum(RUNS.values()) + 2 * len(RUNS),
                temp_files=files,
                open_descriptors=descriptors,
            )
        finally:
            server.stop()


if __name__ == "__main__":
    main()
