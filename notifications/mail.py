"""Booking mail: one message per event (MESSAGES), text and HTML from templates/notifications/email/,
attachments from invoices and calendars, sent once through the claim row jobs.models.BookingNotification.

Templates per event `E`: `E_subject.txt`, `E.txt` and `E.html`, all given `booking`, `refunds`,
`event`, `key` and `reason` (a rejection's); staff may edit them without touching code.
"""

import io
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from bookings.models import Booking
from invoices.pdf import render_invoice_pdf
from invoices.services import get_or_issue_credit_note, get_or_issue_invoice, get_or_issue_receipt
from jobs.models import BookingNotification
from notifications.calendars import booking_calendar
from payments.models import Payment

logger = logging.getLogger("lebrq.jobs")
Event = BookingNotification.Event

# A claim older than this belongs to a run that died mid-send (an SMTP exchange is a few round
# trips of at most EMAIL_TIMEOUT each). It is shorter than the default retry back-off
# (30 + 60 + 120 + 240 s), so the last retry of a duplicate job takes over a dead claim.
CLAIM_LIFETIME = timedelta(minutes=5)


class NotificationInFlight(RuntimeError):
    """Another run holds a live claim on this notification; retrying later finds it sent."""


def _customer(booking):
    return [booking.user.email]


def _staff(booking):
    return list(settings.STAFF_NOTIFY_EMAILS)


def _pdf(document):
    buffer = io.BytesIO()
    render_invoice_pdf(document, buffer)
    return (f"{document.number.replace('/', '-')}.pdf", buffer.getvalue(), "application/pdf")


def _ics(booking, key):
    return (f"booking-{booking.pk}.ics", booking_calendar(booking).to_ical(), "text/calendar; method=PUBLISH")


def _invoice_and_ics(booking, key):
    return [_pdf(get_or_issue_invoice(booking, confirmed=True)), _ics(booking, key)]


def _receipt(booking, key):
    return [_pdf(get_or_issue_receipt(Payment.objects.select_related("booking").get(pk=key, booking=booking)))]


def _credit_note(booking, key):
    if not booking.invoices.filter(kind="invoice").exists():
        return []  # never invoiced: nothing to credit (a refund voucher documents any money back)
    return [_pdf(get_or_issue_credit_note(booking))]


@dataclass(frozen=True)
class Message:
    recipients: object = _customer
    attachments: object = field(default=lambda booking, key: [])
    # Whether the news still holds when the job runs (a hold mail for a booking paid meanwhile
    # would ask for money no longer due). A mail always shows the booking as it is now.
    still_true: object = field(default=lambda booking: True)


# DESIGN "Mail, calendars...": every message, who gets it and what it carries.
MESSAGES = {
    Event.REQUESTED: Message(recipients=_staff),
    Event.APPROVED: Message(),
    Event.REJECTED: Message(),
    Event.HELD: Message(still_true=lambda booking: booking.status == Booking.Status.PENDING),
    Event.PAYMENT: Message(attachments=_receipt),
    Event.CONFIRMED: Message(attachments=_invoice_and_ics),
    Event.REMINDER: Message(
        attachments=lambda booking, key: [_ics(booking, key)],
        still_true=lambda booking: booking.status == Booking.Status.CONFIRMED,
    ),
    Event.BALANCE_DUE: Message(still_true=lambda booking: booking.unpaid_total > 0),
    Event.RESCHEDULED: Message(attachments=lambda booking, key: [_ics(booking, key)]),
    Event.CANCELLED: Message(attachments=_credit_note),
    Event.EXPIRED: Message(),
}


def compose(booking, event, key="", reason=""):
    """The EmailMultiAlternatives for `event` on `booking` (recipients, both parts, attachments)."""
    message = MESSAGES[Event(event)]
    context = {
        "booking": booking,
        "refunds": list(booking.refunds.all()),
        "event": event,
        "key": key,
        "reason": reason,
    }
    # Times as the venue's clock shows them: the customer travels to the venue, not to TIME_ZONE.
    with timezone.override(ZoneInfo(booking.venue.timezone)):
        subject = " ".join(render_to_string(f"notifications/email/{event}_subject.txt", context).split())
        text = render_to_string(f"notifications/email/{event}.txt", context)
        html = render_to_string(f"notifications/email/{event}.html", context)
    email = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, message.recipients(booking))
    email.attach_alternative(html, "text/html")
    for filename, content, mimetype in message.attachments(booking, key):
        email.attach(filename, content, mimetype)
    return email


def send_booking_notification_once(booking_id, event, key="", reason=""):
    """Email about `event` (a BookingNotification.Event value) unless already sent.

    No database transaction is open while the mail goes out (on SQLite one would hold the
    whole database's write lock for the length of the SMTP exchange). Instead the run claims
    the notification row in one UPDATE, sends, then records `sent_at`: a second run meanwhile
    finds the claim and raises NotificationInFlight, a run after it finds `sent_at` and does
    nothing. A crash between the send and `sent_at` can resend once, after CLAIM_LIFETIME.
    Returns True when this call sent the email (False also when there is no one to send to).
    """
    booking = Booking.objects.select_related("user", "venue").get(pk=booking_id)
    if not MESSAGES[Event(event)].still_true(booking):
        logger.info("Notification %s for booking %s no longer holds: not sent", event, booking_id)
        return False
    email = compose(booking, event, str(key), reason)
    if not email.to:
        logger.warning("Notification %s for booking %s has no recipient (STAFF_NOTIFY_EMAILS?)", event, booking_id)
        return False
    notification, claimed_at = _claim(booking, event, str(key), ", ".join(email.to))
    if claimed_at is None:
        logger.info("Notification %s for booking %s already sent", event, booking_id)
        return False
    try:
        email.send()
    except Exception:
        # Nothing went out: let the retry claim it again at once instead of after CLAIM_LIFETIME.
        BookingNotification.objects.filter(pk=notification.pk, claimed_at=claimed_at).update(claimed_at=None)
        raise
    BookingNotification.objects.filter(pk=notification.pk).update(sent_at=timezone.now())
    return True


def _claim(booking, event, key, recipient):
    """(notification, claimed_at) once this run owns the send; claimed_at is None when it was sent before."""
    notification, _ = BookingNotification.objects.get_or_create(
        booking=booking, event=event, key=key, defaults={"recipient": recipient}
    )
    now = timezone.now()
    unclaimed = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_LIFETIME)
    # One conditional UPDATE is atomic on its own: of two runs, exactly one matches the row.
    if BookingNotification.objects.filter(unclaimed, pk=notification.pk, sent_at__isnull=True).update(claimed_at=now):
        return notification, now
    notification.refresh_from_db()
    if notification.sent_at is not None:
        return notification, None
    raise NotificationInFlight(f"Notification {event} for booking {booking.pk} is being sent by another run.")
