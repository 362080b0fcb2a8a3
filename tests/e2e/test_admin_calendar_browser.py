"""The venue desk in a real browser: headless Chromium (Debian's chromium and chromium-driver,
through selenium) logs into the admin served by gunicorn, opens a venue's week, finds every
booking the test made where it belongs, and follows the links between calendar and bookings.

Set SCREENSHOT_DIR=docs/images to refresh the README's screenshot (admin-calendar.png)."""

import os
from datetime import datetime, time, timedelta
from pathlib import Path
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.utils import timezone
from model_bakery import baker
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait

from bookings.calendar import week_of
from bookings.models import Booking, Closure
from bookings.services import confirm_booking, create_booking
from tests.conftest import PASSWORD, make_user
from tests.e2e.browser import needs_chromium, start_chromium
from tests.server import PROJECT_ROOT, collect_static

pytestmark = pytest.mark.e2e
ZONE = ZoneInfo("Asia/Kolkata")


@pytest.fixture
def chromium(tmp_path, monkeypatch):
    needs_chromium()
    monkeypatch.setenv("SE_OFFLINE", "true")  # selenium must not try to download a browser or driver
    driver = start_chromium(tmp_path / "chromium-profile")
    driver.set_window_size(1440, 1320)
    yield driver
    driver.quit()


@pytest.fixture
def mandap(transactional_db):
    """DESIGN's default rules: open 06:00-23:00, a 60-minute buffer round every booking."""
    return baker.make(
        "bookings.Venue", name="Kalyana Mandap", slug="kalyana-mandap", city="Bengaluru", state_code="29",
        capacity=300, hourly_rate="2000.00", gst_rate="18.00",
    )  # fmt: skip


def at(day, hour):
    return datetime.combine(day, time(hour), tzinfo=ZONE)


def a_week_of_bookings(venue):
    """Monday to Saturday of a week ahead: confirmed, held, requested and lapsed bookings, one
    confirmed over the slot a lapsed hold gave up, and a closure. {name: booking}, the Monday."""
    monday = week_of((timezone.now() + timedelta(days=8)).astimezone(ZONE).date())
    customers = [make_user(f"guest{n}@example.com", full_name=f"Guest {n}", state_code="29") for n in range(4)]

    def booked(customer, day, start, end, title, confirm=True):
        booking = create_booking(
            customer, venue, at(monday + timedelta(days=day), start), at(monday + timedelta(days=day), end),
            items=[], kind="event", title=title,
        )  # fmt: skip
        return confirm_booking(booking) if confirm else booking

    made = {
        "sangeet": booked(customers[0], 0, 10, 13, "Sangeet, Rao family"),
        "birthday": booked(customers[1], 0, 17, 21, "Birthday party", confirm=False),
        "yoga": booked(customers[0], 1, 7, 9, "Yoga morning batch"),
        "lapsed": booked(customers[2], 3, 11, 14, "Lapsed hold", confirm=False),
    }
    # A hold whose time ran out (the server keeps the real clock: the expiry is set in the past).
    Booking.objects.filter(pk=made["lapsed"].pk).update(hold_expires_at=timezone.now() - timedelta(minutes=5))
    made["taker"] = booked(customers[3], 3, 12, 16, "Corporate offsite")
    made["reception"] = baker.make(
        Booking, user=customers[1], venue=venue, title="Wedding reception (request)", status=Booking.Status.REQUESTED,
        start_datetime=at(monday + timedelta(days=2), 17), end_datetime=at(monday + timedelta(days=2), 22),
        hold_expires_at=timezone.now() + timedelta(days=2), decision_due_at=timezone.now() + timedelta(days=2),
    )  # fmt: skip
    made["wedding"] = booked(customers[2], 5, 9, 15, "Wedding, Iyer and Shah")
    Closure.objects.create(venue=venue, start=at(monday + timedelta(days=4), 6), end=at(monday + timedelta(days=4), 23),
                           reason="Annual maintenance")  # fmt: skip
    return made, monday


def log_in(driver, server, next_path):
    driver.get(server.url(f"/admin/login/?{urlencode({'next': next_path})}"))
    driver.find_element(By.ID, "id_username").send_keys("desk@example.com")
    driver.find_element(By.ID, "id_password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
    try:
        WebDriverWait(driver, 15).until(expected_conditions.presence_of_element_located((By.ID, "venue-calendar")))
    except TimeoutException:
        pytest.fail(f"not the calendar: {driver.current_url}\n{driver.find_element(By.TAG_NAME, 'body').text}")


def test_the_front_desk_finds_its_bookings_on_the_week_and_follows_the_links(
    gunicorn_server, chromium, mandap, tmp_path
):
    made, monday = a_week_of_bookings(mandap)
    desk = make_user("desk@example.com", full_name="Front Desk", state_code="29", is_staff=True, is_superuser=True)
    # Hashed as the server's settings hash (the tests' MD5 hasher is not among them).
    desk.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    desk.save(update_fields=["password"])
    server = gunicorn_server(STATIC_ROOT=collect_static(tmp_path / "static", tmp_path))
    week = f"/admin/bookings/venue/{mandap.pk}/calendar/?view=week&date={monday.isoformat()}"

    log_in(chromium, server, week)

    assert "LeBrq — venue desk" in chromium.find_element(By.ID, "site-name").text
    columns = chromium.find_elements(By.CSS_SELECTOR, "#venue-calendar section.cal-day")
    assert [column.get_attribute("data-date") for column in columns] == [
        (monday + timedelta(days=offset)).isoformat() for offset in range(7)
    ]
    drawn = {}
    for column in columns:
        for block in column.find_elements(By.CSS_SELECTOR, "a.cal-booking"):
            drawn[int(block.get_attribute("data-booking"))] = (
                column.get_attribute("data-date"), block.get_attribute("class").split()[-1], block.text,
            )  # fmt: skip
    expected_status = {
        "sangeet": "confirmed", "birthday": "pending", "yoga": "confirmed", "lapsed": "lapsed", "taker": "confirmed",
        "reception": "requested", "wedding": "confirmed",
    }  # fmt: skip
    for name, booking in made.items():
        day, css_class, text = drawn[booking.pk]
        assert day == booking.start_datetime.astimezone(ZONE).date().isoformat(), name
        assert css_class == expected_status[name], name
        assert booking.title in text, name
    friday = columns[4]
    assert "Annual maintenance" in friday.text
    # The page is styled: the admin's CSS came from collectstatic through whitenoise.
    header_colour = chromium.find_element(By.ID, "header").value_of_css_property("background-color")
    assert header_colour not in ("rgba(0, 0, 0, 0)", "transparent")
    # A block's height is its duration: the six-hour wedding is twice the three-hour sangeet.
    heights = {
        name: chromium.find_element(By.CSS_SELECTOR, f'a.cal-booking[data-booking="{made[name].pk}"]').size["height"]
        for name in ("sangeet", "wedding")
    }
    assert heights["wedding"] == pytest.approx(2 * heights["sangeet"], abs=2)
    save_screenshot(chromium, tmp_path)

    chromium.find_element(By.CSS_SELECTOR, f'a.cal-booking[data-booking="{made["reception"].pk}"]').click()
    assert chromium.current_url.endswith(f"/admin/bookings/booking/{made['reception'].pk}/change/")
    assert "Wedding reception (request)" in chromium.find_element(By.ID, "content").text

    chromium.find_element(By.CSS_SELECTOR, "#content a.calendarlink").click()
    day_columns = chromium.find_elements(By.CSS_SELECTOR, "#venue-calendar section.cal-day")
    assert [column.get_attribute("data-date") for column in day_columns] == [(monday + timedelta(days=2)).isoformat()]
    assert day_columns[0].find_elements(By.CSS_SELECTOR, f'a.cal-booking[data-booking="{made["reception"].pk}"]')

    chromium.find_element(By.CSS_SELECTOR, "a[rel=next]").click()
    assert (
        chromium.find_element(By.CSS_SELECTOR, "section.cal-day").get_attribute("data-date")
        == (monday + timedelta(days=3)).isoformat()
    )
    blocks = chromium.find_elements(By.CSS_SELECTOR, "a.cal-booking")
    assert {int(block.get_attribute("data-booking")) for block in blocks} == {made["lapsed"].pk, made["taker"].pk}


def save_screenshot(driver, tmp_path):
    """The week as the README shows it; into SCREENSHOT_DIR when set (docs/images to refresh it)."""
    target = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    target = target if target.is_absolute() else PROJECT_ROOT / target
    target.mkdir(parents=True, exist_ok=True)
    assert driver.save_screenshot(str(target / "admin-calendar.png"))
    assert (target / "admin-calendar.png").stat().st_size > 10_000
