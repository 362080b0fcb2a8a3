"""Every booking mail of DESIGN, sent through a real SMTP server and opened as a mail client would."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.utils import timezone

from bookings.services import announce_on_commit
from bookings.signals import (
    booking_approved,
    booking_expired,
    booking_rejected,
    booking_requested,
    booking_rescheduled,
)
from notifications.reminders import remind_balance_due, remind_upcoming
from payments.services import cancel_with_refund
from tests.bookings.conftest import book, book_confirmed, hall  # noqa: F401 (hall is a fixture)
from tests.conftest import pay
from tests.notifications.conftest import parts
from tests.notifications.helpers import deliver_queued_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def by_subject(inbox):
    return {message["Subject"]: (rcpt, message) for rcpt, message in inbox.messages}


def event_of(ics_bytes):
    calendar = icalendar.Calendar.from_ical(ics_bytes)
    (event,) = calendar.walk("VEVENT")
    return event


def test_a_paid_booking_mails_the_hold_the_receipt_and_the_confirmation_with_their_documents(
    alice, hall, smtp_server, on_commit
):
    hall.address = "12 MG Road"
    hall.save()
    with on_commit():
        booking = book(alice, hall, title="Sangeet <night>")
    assert deliver_queued_mail() == ["held"]
    with on_commit():
        payment = pay(booking, booking.total)

    assert deliver_queued_mail() == ["payment", "confirmed"]
    mails = by_subject(smtp_server)
    assert len(mails) == 3

    rcpt, held = mails[next(s for s in mails if "held" in s)]
    text, html, attachments = parts(held)
    assert rcpt == ["alice@example.com"] and held["To"] == "alice@example.com"
    assert held["From"] == "LeBrq <bookings@lebrq.example>"
    assert f"Pay INR {booking.amount_due}" in text
    assert "Sangeet &lt;night&gt;" in html and "<night>" not in html  # the title is escaped in HTML
    assert attachments == {}

    _, receipt_mail = mails[f"Payment received for booking #{booking.pk}"]
    _, _, attachments = parts(receipt_mail)
    ((name, (content_type, pdf)),) = attachments.items()
    assert name.startswith("RV-") and content_type == "application/pdf" and pdf.startswith(b"%PDF-")
    assert str(payment.pk)  # one receipt per payment: the payment's id tells the mails apart

    _, confirmed = mails[f"Booking #{booking.pk} confirmed: Sangeet <night>"]
    text, html, attachments = parts(confirmed)
    assert "confirmed" in text and "<strong>confirmed</strong>" in html
    invoice_name = next(name for name in attachments if name.startswith("LB-"))
    assert attachments[invoice_name][1].startswith(b"%PDF-")
    content_type, ics = attachments[f"booking-{booking.pk}.ics"]
    assert content_type == "text/calendar"
    event = event_of(ics)
    assert str(event["UID"]) == f"booking-{booking.pk}@lebrq.example"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["LOCATION"]) == "Rangoli Hall, 12 MG Road, Bengaluru"
    assert event.decoded("DTSTART") == booking.start_datetime


def test_each_reschedule_mails_its_own_updated_ics_once(alice, hall, smtp_server, on_commit):
    booking = book_confirmed(alice, hall)
    deliver_queued_mail()
    smtp_server.messages.clear()
    first = booking.sequence
    for _ in (1, 2):
        booking.start_datetime += timedelta(hours=1)
        booking.end_datetime += timedelta(hours=1)
        booking.sequence += 1
        booking.save()
        with on_commit():
            before = {"start_datetime": booking.start_datetime - timedelta(hours=1)}
            announce_on_commit(booking_rescheduled, booking=booking, before=before, refunds=[], at=None)
        assert deliver_queued_mail() == ["rescheduled"]
    with on_commit():  # the same change announced twice (a retried signal) is one mail
        announce_on_commit(booking_rescheduled, booking=booking, before={}, refunds=[], at=None)

    assert deliver_queued_mail() == ["rescheduled"]
    assert len(smtp_server.messages) == 2
    events = [event_of(parts(message)[2][f"booking-{booking.pk}.ics"][1]) for _, message in smtp_server.messages]
    assert [event["SEQUENCE"] for event in events] == [first + 1, first + 2]
    assert events[-1].decoded("DTSTART") == booking.start_datetime
    assert {str(event["UID"]) for event in events} == {f"booking-{booking.pk}@lebrq.example"}


def test_cancelling_an_invoiced_booking_mails_the_credit_note(alice, hall, smtp_server, on_commit):
    with on_commit():
        booking = book(alice, hall, days=30)
        pay(booking, booking.total)
    deliver_queued_mail()
    smtp_server.messages.clear()
    with on_commit():
        cancel_with_refund(booking, by_user=alice, reason="change of plans")

    assert "cancelled" in deliver_queued_mail()
    _, message = smtp_server.only()
    text, html, attachments = parts(message)
    assert "cancelled" in text and "Refund: INR" in text
    ((name, (content_type, pdf)),) = attachments.items()
    assert name.startswith("CN-") and pdf.startswith(b"%PDF-")


def test_a_booking_request_is_mailed_to_every_staff_address(alice, hall, smtp_server, settings, on_commit):
    settings.STAFF_NOTIFY_EMAILS = ["desk@lebrq.example", "manager@lebrq.example"]
    booking = book(alice, hall)
    booking.status, booking.decision_due_at = "requested", timezone.now() + timedelta(hours=48)
    booking.save()
    with on_commit():
        announce_on_commit(booking_requested, booking=booking, at=None)

    deliver_queued_mail()
    rcpt, message = smtp_server.only()
    assert rcpt == ["desk@lebrq.example", "manager@lebrq.example"]
    text, html, _ = parts(message)
    assert message["Subject"] == f"New booking request #{booking.pk}: Sangeet"
    assert "alice@example.com" in text and "Hello team" in html


def test_no_staff_address_means_no_request_mail(alice, hall, smtp_server, settings, on_commit):
    settings.STAFF_NOTIFY_EMAILS = []
    booking = book(alice, hall)
    with on_commit():
        announce_on_commit(booking_requested, booking=booking, at=None)

    assert deliver_queued_mail() == ["requested"]
    assert smtp_server.messages == []


def test_approval_and_rejection_tell_the_customer_with_the_reason(alice, hall, smtp_server, on_commit):
    approved, rejected = book(alice, hall), book(alice, hall, hour=15)
    deliver_queued_mail()
    smtp_server.messages.clear()
    with on_commit():
        announce_on_commit(booking_approved, booking=approved, at=None)
        announce_on_commit(booking_rejected, booking=rejected, reason="Hall under repair", at=None)

    deliver_queued_mail()
    mails = by_subject(smtp_server)
    text, _, _ = parts(mails[f"Booking #{approved.pk} approved: Sangeet"][1])
    assert f"Pay INR {approved.amount_due}" in text
    text, html, _ = parts(mails[f"Booking request #{rejected.pk} declined: Sangeet"][1])
    assert "Reason: Hall under repair" in text and "Hall under repair" in html


def test_a_lapsed_hold_mails_the_expiry(alice, hall, smtp_server, on_commit):
    booking = book(alice, hall)
    booking.status = "expired"
    booking.save()
    with on_commit():
        announce_on_commit(booking_expired, booking=booking, at=None)

    assert "expired" in deliver_queued_mail()
    _, message = next((r, m) for r, m in smtp_server.messages if "hold" in m["Subject"] and "lapsed" in parts(m)[0])
    assert "slot is free again" in parts(message)[0] and "slot is free again" in parts(message)[1]


def test_the_reminder_goes_out_once_within_24_hours_of_the_start_with_the_ics(alice, hall, smtp_server):
    booking = book_confirmed(alice, hall, days=3)
    deliver_queued_mail()
    smtp_server.messages.clear()

    assert remind_upcoming(timezone.now()) == 0  # three days ahead: not yet
    with time_machine.travel(booking.start_datetime - timedelta(hours=23), tick=False):
        assert remind_upcoming(timezone.now()) == 1
        assert remind_upcoming(timezone.now()) == 0  # a second run (or host) queues nothing
        deliver_queued_mail()

    _, message = smtp_server.only()
    text, html, attachments = parts(message)
    assert message["Subject"] == "Tomorrow: Sangeet at Rangoli Hall"
    assert "within 24 hours" in text and "within 24 hours" in html
    assert str(event_of(attachments[f"booking-{booking.pk}.ics"][1])["UID"]) == f"booking-{booking.pk}@lebrq.example"


def test_an_unpaid_balance_is_reminded_once_when_it_falls_due(alice, hall, smtp_server, on_commit):
    with on_commit():
        booking = book(alice, hall, days=20)
        pay(booking)  # the deposit: the balance falls due 7 days before the start
    deliver_queued_mail()
    smtp_server.messages.clear()

    with time_machine.travel(timezone.now() + timedelta(days=14), tick=False):
        assert (remind_balance_due(timezone.now()), remind_balance_due(timezone.now())) == (1, 0)
        deliver_queued_mail()

    _, message = smtp_server.only()
    text, html, _ = parts(message)
    assert "Balance due" in text and f"INR {booking.total - booking.deposit_amount}" in html


@pytest.mark.django_db(transaction=True)
@pytest.mark.real_clock  # the worker runs in a subprocess, on the real clock
def test_the_job_worker_sends_the_confirmation_through_smtp_outside_the_test_process(
    alice, hall, smtp_server, tmp_path
):
    from tests.jobs.test_background_jobs import run_worker

    booking = book_confirmed(alice, hall)  # committed: the confirmation mail job is queued

    worker = run_worker(
        tmp_path, "--batch", EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1", EMAIL_PORT=smtp_server.port,
    )  # fmt: skip

    assert worker.returncode == 0, worker.stderr
    rcpt, message = smtp_server.only()
    assert rcpt == ["alice@example.com"]
    _, _, attachments = parts(message)
    assert event_of(attachments[f"booking-{booking.pk}.ics"][1])["STATUS"] == "CONFIRMED"
    assert any(name.startswith("LB-") and body.startswith(b"%PDF-") for name, (_, body) in attachments.items())


def test_the_reschedule_service_mails_the_moved_booking_with_its_new_ics(alice, charlie, hall, smtp_server, on_commit):
    from payments.services import reschedule_with_refund
    from tests.bookings.conftest import slot

    booking = book_confirmed(alice, hall)
    deliver_queued_mail()
    smtp_server.messages.clear()
    for hour in (12, 14):
        start, end = slot(10, hour, 2)
        with on_commit():
            booking, _ = reschedule_with_refund(booking, charlie, start, end, as_staff=True)
        assert deliver_queued_mail() == ["rescheduled"]

    assert len(smtp_server.messages) == 2
    _, last = smtp_server.messages[-1]
    event = event_of(parts(last)[2][f"booking-{booking.pk}.ics"][1])
    assert event["SEQUENCE"] == booking.sequence and booking.sequence >= 2
    assert event.decoded("DTSTART") == start


def test_the_approval_services_mail_the_customer(alice, charlie, hall, smtp_server, on_commit, settings):
    from bookings.services import approve_booking, reject_booking

    settings.STAFF_NOTIFY_EMAILS = ["desk@lebrq.example"]
    hall.rules = {**hall.rules, "requires_approval": True}
    hall.save()
    with on_commit():
        approved, rejected = book(alice, hall), book(alice, hall, hour=15)
    assert deliver_queued_mail() == ["requested", "requested"]
    with on_commit():
        approve_booking(approved, charlie)
        reject_booking(rejected, charlie, "Hall under repair")

    assert deliver_queued_mail() == ["approved", "rejected"]
    subjects = [message["Subject"] for _, message in smtp_server.messages]
    assert subjects[2:] == [
        f"Booking #{approved.pk} approved: Sangeet", f"Booking request #{rejected.pk} declined: Sangeet",
    ]  # fmt: skip
    assert "Hall under repair" in parts(smtp_server.messages[-1][1])[0]


def test_a_series_mails_its_hold_payment_and_confirmation_once_not_once_a_date(alice, hall, smtp_server, on_commit):
    from bookings.series import create_series
    from payments.series_payments import record_series_offline_payment
    from tests.bookings.conftest import slot

    start, end = slot(days=14, hour=18, hours=2)
    with on_commit():
        series, bookings, _ = create_series(
            user=alice, venue=hall, start=start, end=end, rrule="FREQ=WEEKLY;COUNT=5", title="Weekly satsang"
        )
    assert deliver_queued_mail() == ["held"]
    with on_commit():
        record_series_offline_payment(series, None, sum(booking.deposit_amount for booking in bookings), "cash")

    assert deliver_queued_mail() == ["payment", "confirmed"]
    assert len(smtp_server.messages) == 3


def test_times_in_a_mail_are_the_venues_local_time_with_its_zone(alice, hall):
    from notifications.mail import compose

    hall.timezone = "Asia/Dubai"  # UTC+4, 90 minutes behind TIME_ZONE (Asia/Kolkata)
    hall.save(update_fields=["timezone"])
    booking = book(alice, hall)
    local_end = booking.end_datetime.astimezone(ZoneInfo("Asia/Dubai")).strftime("%H:%M")
    kolkata_end = booking.end_datetime.astimezone(ZoneInfo("Asia/Kolkata")).strftime("%H:%M")

    email = compose(booking, "held")

    assert f"to {local_end} +04" in email.body and f"{kolkata_end} IST" not in email.body
    assert f"{local_end} +04" in email.alternatives[0][0]
