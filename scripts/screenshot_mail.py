"""Render one booking mail's HTML part to a PNG with headless Chromium (the README's picture).

    .venv/bin/python scripts/screenshot_mail.py [event] [docs/samples/mail-confirmed.png]

Uses the demo database (`make demo`): the first confirmed booking. Nothing is sent.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lebrq.settings")
os.environ.setdefault("SECRET_KEY", (ROOT / "var" / "secret_key").read_text().strip())

import django  # noqa: E402

django.setup()

from bookings.models import Booking  # noqa: E402
from notifications.mail import compose  # noqa: E402


def main(event="confirmed", output="docs/samples/mail-confirmed.png"):
    booking = Booking.objects.filter(status="confirmed").select_related("user", "venue").order_by("pk").first()
    html = next(content for content, mimetype in compose(booking, event).alternatives if mimetype == "text/html")
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "mail.html"
        page.write_text(html)
        target = ROOT / output
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--user-data-dir={folder}/profile", "--window-size=640,470", f"--screenshot={target}", page.as_uri()],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
    print(f"Wrote {target} ({event} mail of booking #{booking.pk})")


if __name__ == "__main__":
    main(*sys.argv[1:])
