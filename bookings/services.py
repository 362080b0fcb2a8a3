"""Writes for bookings: every rule about creating, confirming, cancelling and completing one.

Views, the admin and commands all call these functions; errors are DRF exceptions with a status.
"""

import hashlib
import json
import logging
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from rest_framework.exceptions import APIException, ValidationError

from bookings.counts import invalidate_booking_counts
from bookings.models import Booking, BookingItem, Closure, IdempotencyKey, Item, Refund, Venue
from bookings.pricing import payment_terms, quote_lines, sum_lines, supply_is_intra_state, taxed_lines, to_paise
from bookings.rules import (
    MAX_ITEM_QUANTITY,
    VenueFacts,
    VenueRules,
    check_amount_fits,
    check_booking,
    validate_rules,
)
from bookings.selectors import bookings_holding_their_slot
from bookings.signals import booking_cancelled, booking_confirmed

logger = logging.getLogger("lebrq.bookings")

# No payment gateway exists: a booking holds its slot and is billed (invoiced) at once.
INITIAL_STATUS = Booking.Status.CONFIRMED

CANCELLABLE_STATUSES = (Booking.Status.PENDING, Booking.Status.CONFIRMED)
# Clients retry within minutes; a day (Stripe's convention) is ample before a key is forgotten.
IDEMPOTENCY_KEY_LIFETIME = timedelta(hours=24)
# A 409 lists the bookings in the way; a slot of days next to a busy calendar lists this many.
MAX_CONFLICTS_SHOWN = 50


class Conflict(APIException):
    """A 409 with DRF's `detail`, a stable `code` and the facts a client needs to choose again."""

    status_code = 409

    def __init__(self, detail=None, **facts):
        super().__init__(detail)
        # Set as is: APIException would turn the numbers and lists in `facts` into strings.
        self.detail = {"detail": self.detail, "code": self.default_code, **facts}


class SlotUnavailable(Conflict):
    default_detail = "The venue is already booked for part of this time slot (setup and cleaning included)."
    default_code = "slot_unavailable"


class ItemUnavailable(Conflict):
    default_detail = "Not enough of an add-on is left for this time."
    default_code = "item_unavailable"


class BookingStateConflict(APIException):
    status_code = 409
    default_detail = "The booking cannot make this change in its current status."
    default_code = "invalid_booking_status"


class IdempotencyKeyReused(APIException):
    status_code = 422
    default_detail = (
        "This Idempotency-Key was already used with a different request body. Send a new key for a new booking."
    )
    default_code = "idempotency_key_reused"


def create_booking(
    user, venue, start, end, kind, title, items, is_public=False, idempotency_key=None, guests=1, override_rules=False
):
    """Price and insert a booking that keeps every rule of its venue and collides with nothing.

    `items` is a list of `{"item": Item, "quantity": int}`. With an `idempotency_key`, a repeat
    of the same request returns the booking made the first time instead of a second one.
    `override_rules` (staff) skips the notice, the horizon and the opening hours.
    """
    quantities = _merge_quantities(items)
    _validate_request(venue, start, end, quantities)
    fingerprint = _request_fingerprint(venue, start, end, kind, title, quantities, is_public, guests)
    try:
        with transaction.atomic():
            # Lock the venue first, then look for collisions, then insert (respa's order): every
            # booking of this venue queues here, so two requests can never both see a free slot.
            # On SQLite the IMMEDIATE transaction already holds the database write lock.
            Venue.objects.select_for_update().only("id").get(pk=venue.pk)
            replayed = _replayed_booking(user, idempotency_key, fingerprint)
            if replayed is not None:
                return replayed
            now = timezone.now()
            rules = _check_rules(user, venue, start, end, guests, now, override_rules)
            booking, lines = build_booking(
                user=user, venue=venue, start=start, end=end, kind=kind, title=title, quantities=quantities,
                is_public=is_public, guests=guests,
            )  # fmt: skip
            _refuse_conflicts(venue, rules, start, end, now)
            _refuse_short_stock(quantities, start, end, now, lock=True)
            booking.save()
            BookingItem.objects.bulk_create(lines)
            if idempotency_key:
                IdempotencyKey.objects.create(
                    user=user, key=idempotency_key, request_fingerprint=fingerprint, booking=booking
                )
            announce_on_commit(booking_confirmed, booking=booking, at=None)
            return booking
    except IntegrityError:
        # The same key raced in on another venue's lock: the unique key decided, replay the winner.
        replayed = _replayed_booking(user, idempotency_key, fingerprint)
        if replayed is None:
            raise
        return replayed


def quote_booking(user, venue, start, end, items, guests=1):
    """What create_booking would charge for this request, refused (400/409) exactly as it would
    refuse it, without a lock and without writing anything.

    Returns the quote's shape: taxed lines, totals, deposit, balance and the venue's terms.
    """
    quantities = _merge_quantities(items)
    _validate_request(venue, start, end, quantities)
    now = timezone.now()
    rules = _check_rules(user, venue, start, end, guests, now)
    lines = quote_lines(venue, start, end, quantities)
    totals = sum_lines(lines)
    check_amount_fits(totals.total)
    _refuse_conflicts(venue, rules, start, end, now)
    _refuse_short_stock(quantities, start, end, now, lock=False)
    terms = payment_terms(
        totals.total, start=start, now=now, deposit_percent=rules.deposit_percent,
        balance_due_days=rules.balance_due_days,
    )  # fmt: skip
    return {
        "lines": taxed_lines(lines, supply_is_intra_state(venue)),
        "subtotal": totals.subtotal,
        "tax_total": totals.tax,
        "total": totals.total,
        "deposit_due": terms.deposit_due,
        "balance_due": terms.balance_due,
        "balance_due_at": terms.balance_due_at.astimezone(ZoneInfo(venue.timezone)),
        "hold_minutes": rules.hold_minutes,
        "cancellation_policy": validate_rules(venue.rules)["cancellation_policy"],
    }


def open_hold_count(user, now):
    """The customer's live holds: pending bookings whose hold has not lapsed."""
    return Booking.objects.filter(user=user, status=Booking.Status.PENDING, hold_expires_at__gt=now).count()


def confirm_booking(booking):
    """Pending -> confirmed, and tell listeners (invoices) once the transaction commits."""
    with transaction.atomic():
        booking = _locked(booking)
        if booking.status != Booking.Status.PENDING:
            raise BookingStateConflict(f"Only a pending booking can be confirmed; this one is {booking.status}.")
        booking.status = Booking.Status.CONFIRMED
        booking.save(update_fields=["status", "updated_at"])
        announce_on_commit(booking_confirmed, booking=booking, at=None)
    return booking


def cancel_booking(booking, by_user, reason="", at=None):
    """Cancel a booking that has not started and record its Refund under the policy.

    `at` is when the cancellation happened, for a past one (the demo seed's history); default now.
    """
    now = at or timezone.now()
    with transaction.atomic():
        booking = _locked(booking)
        if booking.status not in CANCELLABLE_STATUSES:
            raise BookingStateConflict(f"A {booking.status} booking cannot be cancelled.")
        if booking.start_datetime <= now:
            raise BookingStateConflict("A booking that has already started cannot be cancelled.")
        percent = refund_percent(booking, by_user, now)
        refund = Refund.objects.create(
            booking=booking,
            amount=to_paise(booking.total * percent / 100),
            percent=percent,
            reason=reason,
            # Nothing to pay back is settled at once; money owed waits for the accounts team.
            status=Refund.Status.PENDING if percent else Refund.Status.PROCESSED,
        )
        if at is not None:
            Refund.objects.filter(pk=refund.pk).update(created_at=at)  # auto_now_add would say now
            refund.created_at = at
        booking.status = Booking.Status.CANCELLED
        booking.save(update_fields=["status", "updated_at"])
        announce_on_commit(booking_cancelled, booking=booking, refund=refund, at=at)
    return booking


def refund_percent(booking, by_user, now):
    """Share of the total refunded when `by_user` cancels `booking` at `now`.

    Nothing was billed for a pending booking. A cancellation by staff holding `cancel_booking`
    is the venue's doing and refunds in full. Otherwise the venue's `cancellation_policy` decides
    by the notice given (by default 7 days or more 100%, 2 to 7 days 50%, less 0%).
    """
    if booking.status == Booking.Status.PENDING:
        return 0
    if by_user.has_perm("bookings.cancel_booking"):
        return 100
    return VenueRules.of(booking.venue.rules).refund_percent(booking.start_datetime - now)


def delete_expired_idempotency_keys(now=None):
    """Forget Idempotency-Key records older than IDEMPOTENCY_KEY_LIFETIME; returns how many."""
    now = now or timezone.now()
    deleted, _ = IdempotencyKey.objects.filter(created_at__lt=now - IDEMPOTENCY_KEY_LIFETIME).delete()
    return deleted


def complete_past_bookings(now=None):
    """Mark confirmed bookings whose end has passed as completed; returns how many."""
    now = now or timezone.now()
    with transaction.atomic():
        completed = Booking.objects.filter(status=Booking.Status.CONFIRMED, end_datetime__lte=now).update(
            status=Booking.Status.COMPLETED, updated_at=now
        )
        if completed:
            invalidate_booking_counts()
    return completed


def build_booking(
    *, user, venue, start, end, kind, title, quantities, is_public=False, status=INITIAL_STATUS, guests=1
):
    """The unsaved booking row and its unsaved item lines, priced at today's prices.

    The one place a booking row is put together: create_booking saves one, seed_demo
    bulk-inserts thousands. `quantities` is [(Item, quantity)]. Refuses (400) a total that
    would not fit its column, before anything is written.
    """
    totals = sum_lines(quote_lines(venue, start, end, quantities))
    check_amount_fits(totals.total)
    booking = Booking(
        user=user,
        venue=venue,
        kind=kind,
        title=title,
        start_datetime=start,
        end_datetime=end,
        status=status,
        is_public=is_public,
        guests=guests,
        venue_hourly_rate=venue.hourly_rate,
        venue_gst_rate=venue.gst_rate,
        subtotal=totals.subtotal,
        tax_total=totals.tax,
        total=totals.total,
    )
    lines = [
        BookingItem(booking=booking, item=item, quantity=quantity, unit_price=item.unit_price, gst_rate=item.gst_rate)
        for item, quantity in quantities
    ]
    return booking, lines


def announce_on_commit(signal, **kwargs):
    """Send `signal` once the transaction commits, to every receiver even when one fails.

    The booking is committed by then: a failing receiver is logged, never raised, so it cannot
    turn a booking that was made into an error response.
    """
    transaction.on_commit(lambda: _send_robust(signal, **kwargs))


def _send_robust(signal, **kwargs):
    for receiver, outcome in signal.send_robust(sender=Booking, **kwargs):
        if isinstance(outcome, Exception):
            logger.error(
                "Receiver %s failed for booking #%s: %r",
                getattr(receiver, "__qualname__", receiver),
                kwargs["booking"].pk,
                outcome,
                exc_info=outcome,
            )


def _merge_quantities(items):
    """[(Item, total quantity)] in first-seen order; the same item twice is one line."""
    merged = {}
    for entry in items:
        item, quantity = entry["item"], entry["quantity"]
        if quantity < 1:
            raise ValidationError({"items": [f"Quantity of {item.name} must be at least 1."]})
        previous = merged.get(item.pk, (item, 0))[1]
        if previous + quantity > MAX_ITEM_QUANTITY:
            raise ValidationError({"items": [f"Book at most {MAX_ITEM_QUANTITY} of {item.name}."]})
        merged[item.pk] = (item, previous + quantity)
    return list(merged.values())


def _validate_request(venue, start, end, quantities):
    errors = {}
    if end <= start:
        errors["end_datetime"] = ["The end must be after the start."]
    if not venue.is_active:
        errors["venue"] = ["This venue is not taking bookings."]
    inactive = [item.name for item, _ in quantities if not item.is_active]
    if inactive:
        errors["items"] = [f"Not available: {', '.join(inactive)}."]
    if errors:
        raise ValidationError(errors)


def _check_rules(user, venue, start, end, guests, now, override_rules=False):
    """The venue's rules, after refusing (400) a request that breaks one (bookings.rules)."""
    rules = VenueRules.of(venue.rules)
    closures = Closure.objects.filter(venue=venue, start__lt=end, end__gt=start).values_list("start", "end")
    check_booking(
        rules,
        VenueFacts(timezone=venue.timezone, capacity=venue.capacity, closures=tuple(closures)),
        start=start,
        end=end,
        guests=guests,
        now=now,
        open_holds=open_hold_count(user, now),
        max_open_holds=settings.MAX_OPEN_HOLDS,
        override_rules=override_rules,
    )
    return rules


def _refuse_conflicts(venue, rules, start, end, now):
    """409 when an active booking of the venue comes within the buffer of [start, end), either side."""
    conflicts = (
        bookings_holding_their_slot(now)
        .filter(venue=venue, start_datetime__lt=end + rules.buffer, end_datetime__gt=start - rules.buffer)
        .order_by("start_datetime")
        .values_list("start_datetime", "end_datetime")[:MAX_CONFLICTS_SHOWN]
    )
    if conflicts:
        zone = ZoneInfo(venue.timezone)
        raise SlotUnavailable(
            conflicts=[
                {"start": other_start.astimezone(zone).isoformat(), "end": other_end.astimezone(zone).isoformat()}
                for other_start, other_end in conflicts
            ]
        )


def _refuse_short_stock(quantities, start, end, now, lock):
    """409 when an item with a stock has fewer units left over [start, end) than asked for.

    Counted over every active booking that overlaps the slot (no buffer: a chair needs no
    cleaning). With `lock`, the item rows are locked in primary-key order first, so bookings at
    two venues that want the same items queue in the same order and can never deadlock.
    """
    wanted = {item.pk: quantity for item, quantity in quantities if item.stock is not None}
    if not wanted:
        return
    stocked = Item.objects.filter(pk__in=wanted).order_by("pk")
    if lock:
        stocked = stocked.select_for_update()
    stock = dict(stocked.values_list("pk", "stock"))
    booked = dict(
        BookingItem.objects.filter(
            item_id__in=wanted,
            booking__in=bookings_holding_their_slot(now).filter(start_datetime__lt=end, end_datetime__gt=start),
        )
        .values("item_id")
        .annotate(booked=Sum("quantity"))
        .values_list("item_id", "booked")
    )
    for item_id, quantity in sorted(wanted.items()):
        available = max((stock[item_id] or 0) - booked.get(item_id, 0), 0)
        if quantity > available:
            raise ItemUnavailable(
                f"Only {available} of this add-on are left for this time.", item=item_id, available=available
            )


def _request_fingerprint(venue, start, end, kind, title, quantities, is_public, guests=1):
    normalised = {
        "venue": venue.pk,
        "start": start.astimezone(UTC).isoformat(),
        "end": end.astimezone(UTC).isoformat(),
        "kind": kind,
        "title": title,
        "is_public": bool(is_public),
        "guests": guests,
        "items": sorted([item.pk, quantity] for item, quantity in quantities),
    }
    return hashlib.sha256(json.dumps(normalised, sort_keys=True).encode()).hexdigest()


def _replayed_booking(user, idempotency_key, fingerprint):
    if not idempotency_key:
        return None
    stored = IdempotencyKey.objects.filter(user=user, key=idempotency_key).select_related("booking").first()
    if stored is None:
        return None
    if stored.request_fingerprint != fingerprint:
        raise IdempotencyKeyReused()
    return stored.booking


def _locked(booking):
    return Booking.objects.select_for_update().get(pk=booking.pk)
