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
from bookings.history import Action, record_bulk_status_change, record_change, status_change
from bookings.models import Booking, BookingItem, Closure, IdempotencyKey, Item, Venue
from bookings.pricing import (
    ZERO_PERCENT,
    booking_lines,
    discounted,
    payment_terms,
    quote_lines,
    sum_lines,
    supply_is_intra_state,
    taxed_lines,
)
from bookings.rules import (
    MAX_ITEM_QUANTITY,
    VenueFacts,
    VenueRules,
    check_amount_fits,
    check_booking,
    validate_rules,
)
from bookings.selectors import bookings_holding_their_slot
from bookings.signals import (
    booking_approved,
    booking_confirmed,
    booking_expired,
    booking_held,
    booking_rejected,
    booking_requested,
)

logger = logging.getLogger("lebrq.bookings")

# A new booking is held while the customer pays its deposit (DESIGN Part 2, lifecycle); it is
# confirmed, and only then invoiced, when money reaches the deposit or staff confirm it.
INITIAL_STATUS = Booking.Status.PENDING

CANCELLABLE_STATUSES = (Booking.Status.PENDING, Booking.Status.REQUESTED, Booking.Status.CONFIRMED)
# States a payment or staff may confirm: a hold, live or lapsed (then only onto a slot still free).
CONFIRMABLE_STATUSES = (Booking.Status.PENDING, Booking.Status.EXPIRED)
# Clients retry within minutes; a day (Stripe's convention) is ample before a key is forgotten.
IDEMPOTENCY_KEY_LIFETIME = timedelta(hours=24)
# A 409 lists the bookings in the way; a slot of days next to a busy calendar lists this many.
MAX_CONFLICTS_SHOWN = 50
# Holds expired per housekeeping run and transaction; the next run takes the rest.
EXPIRY_BATCH = 500


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


class DecisionExpired(Conflict):
    default_detail = "The time to decide on this request has passed and its slot was released; book it again."
    default_code = "decision_expired"


class IdempotencyKeyReused(APIException):
    status_code = 422
    default_detail = (
        "This Idempotency-Key was already used with a different request body. Send a new key for a new booking."
    )
    default_code = "idempotency_key_reused"


def create_booking(
    user, venue, start, end, kind, title, items, is_public=False, idempotency_key=None, guests=1, override_rules=False,
    *, by_staff=None, discount_percent=ZERO_PERCENT,
):  # fmt: skip
    """Price and insert a booking that keeps every rule of its venue and collides with nothing.

    `items` is a list of `{"item": Item, "quantity": int}`. With an `idempotency_key`, a repeat
    of the same request returns the booking made the first time instead of a second one.
    A venue that requires approval takes a customer's booking as `requested` until staff decide
    (`decision_due_at`); otherwise it is `pending`, held while the deposit is paid.
    `by_staff` is the staff member booking on the customer's behalf (never a request: staff
    decide as they book), who may `override_rules` (the notice, the horizon and the opening
    hours) and give a `discount_percent` off every line.
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
                is_public=is_public, guests=guests, now=now, discount_percent=discount_percent,
            )  # fmt: skip
            _start_hold_or_request(booking, rules, now, requested=rules.requires_approval and by_staff is None)
            booking.created_by = by_staff
            _refuse_conflicts(venue, rules, start, end, now)
            _refuse_short_stock(quantities, start, end, now, lock=True)
            booking.save()
            BookingItem.objects.bulk_create(lines)
            if idempotency_key:
                IdempotencyKey.objects.create(
                    user=user, key=idempotency_key, request_fingerprint=fingerprint, booking=booking
                )
            record_change(booking, by_staff or user, Action.CREATED, {"status": (None, booking.status)}, at=now)
            signal = booking_requested if booking.status == Booking.Status.REQUESTED else booking_held
            announce_on_commit(signal, booking=booking, at=None)
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
    """The customer's live holds: pending or requested bookings whose hold has not lapsed, a
    series counting as one however many dates it holds."""
    live = Booking.objects.filter(
        user=user, status__in=(Booking.Status.PENDING, Booking.Status.REQUESTED), hold_expires_at__gt=now
    )
    singles = live.filter(series__isnull=True).count()
    return singles + live.filter(series__isnull=False).values("series_id").distinct().count()


def lock_for_money(booking):
    """The venue's row lock, then the booking's: the order create_booking takes them in, so a
    payment confirming a lapsed hold and a new booking of the same slot queue, never deadlock.
    Must run inside transaction.atomic(); returns the locked, fresh booking."""
    Venue.objects.select_for_update().only("id").get(pk=booking.venue_id)
    return _locked(booking)


def _start_hold_or_request(booking, rules, now, requested):
    """A request blocks its slot until staff must decide; a hold while the deposit is paid."""
    if requested:
        booking.status = Booking.Status.REQUESTED
        booking.decision_due_at = now + timedelta(hours=rules.approval_hours)
        booking.hold_expires_at = booking.decision_due_at
    else:
        booking.status = Booking.Status.PENDING
        booking.hold_expires_at = now + timedelta(minutes=rules.hold_minutes)


def confirm_booking(booking, now=None, by_user=None):
    """A hold (pending, or expired) -> confirmed, and tell listeners (invoices, mail) on commit.

    Called by staff (`pay_later`) and by payments.services when money reaches the deposit.
    A lapsed hold is confirmed only onto a slot still free (409 slot_unavailable otherwise:
    the caller refunds what was paid). Runs in the caller's transaction when there is one.
    """
    now = now or timezone.now()
    with transaction.atomic():
        booking = lock_for_money(booking)
        if booking.status not in CONFIRMABLE_STATUSES:
            raise BookingStateConflict(f"Only a held booking can be confirmed; this one is {booking.status}.")
        if booking.status == Booking.Status.EXPIRED or _hold_lapsed(booking, now):
            _refuse_taken_slot(booking, now)
        changes = status_change(booking, Booking.Status.CONFIRMED)
        booking.save(update_fields=["status", "updated_at"])
        record_change(booking, by_user, Action.CONFIRMED, changes, at=now)
        announce_on_commit(booking_confirmed, booking=booking, at=None)
    return booking


def approve_booking(booking, by_user, pay_later=False, now=None):
    """Staff approve a request: pending with a fresh hold, or confirmed (`pay_later`) at once.

    After `decision_due_at` the request has lapsed and its slot may be another's: 409
    `decision_expired`, the customer books again.
    """
    now = now or timezone.now()
    with transaction.atomic():
        booking = lock_for_money(booking)
        _refuse_decided(booking, now)
        rules = VenueRules.of(booking.venue.rules)
        status = Booking.Status.CONFIRMED if pay_later else Booking.Status.PENDING
        changes = status_change(booking, status)
        booking.hold_expires_at = None if pay_later else now + timedelta(minutes=rules.hold_minutes)
        booking.save(update_fields=["status", "hold_expires_at", "updated_at"])
        record_change(booking, by_user, Action.APPROVED, changes, at=now)
        announce_on_commit(booking_approved, booking=booking, at=None)
        if pay_later:
            announce_on_commit(booking_confirmed, booking=booking, at=None)
    return booking


def reject_booking(booking, by_user, reason, now=None):
    """Staff turn a request down, with the reason the customer is told; its slot is free at once."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _locked(booking)
        _refuse_decided(booking, now)
        changes = {**status_change(booking, Booking.Status.REJECTED), "reason": ("", reason)}
        booking.save(update_fields=["status", "updated_at"])
        record_change(booking, by_user, Action.REJECTED, changes, at=now)
        announce_on_commit(booking_rejected, booking=booking, reason=reason, at=None)
    invalidate_booking_counts()
    return booking


def _refuse_decided(booking, now):
    if booking.status != Booking.Status.REQUESTED:
        raise BookingStateConflict(f"Only a requested booking awaits a decision; this one is {booking.status}.")
    if booking.decision_due_at is not None and booking.decision_due_at <= now:
        raise DecisionExpired()


RESCHEDULABLE_STATUSES = (Booking.Status.PENDING, Booking.Status.REQUESTED, Booking.Status.CONFIRMED)


class ChangeNotAllowed(APIException):
    status_code = 403
    default_detail = "This booking can no longer be moved by its customer: ask the venue."
    default_code = "change_not_allowed"

    def __init__(self, detail=None):
        super().__init__({"detail": detail or self.default_detail, "code": self.default_code})


def reschedule_booking(booking, by_user, start, end, as_staff=False, override_rules=False, now=None):
    """Move a booking to [start, end) under the rules and locks of a new booking, re-priced.

    Returns (booking, before) with `before` the old {start_datetime, end_datetime, total}. The
    booking never conflicts with itself; it keeps its status and hold. The customer may move it
    while the cancellation policy would still refund 100 %, staff (`as_staff`) always; staff
    may `override_rules`. The price is the booking's own agreed rates over the new length, so a
    later change of the venue's prices never reaches it. payments.services.reschedule_with_refund
    wraps this: a lower price gives the difference back and the change is announced.
    """
    now = now or timezone.now()
    with transaction.atomic():
        booking = lock_for_money(booking)
        _refuse_unmovable(booking, as_staff, now)
        _validate_request(booking.venue, start, end, [])
        quantities = [(line.item, line.quantity) for line in booking.items.select_related("item")]
        rules = _check_rules(
            booking.user, booking.venue, start, end, booking.guests, now, override_rules and as_staff, count_holds=False
        )
        others = bookings_holding_their_slot(now).exclude(pk=booking.pk)
        _refuse_conflicts(booking.venue, rules, start, end, now, holding=others)
        _refuse_short_stock(quantities, start, end, now, lock=True, others=others)
        before = {
            "start_datetime": booking.start_datetime,
            "end_datetime": booking.end_datetime,
            "total": booking.total,
        }
        booking.start_datetime, booking.end_datetime = start, end
        _reprice(booking, rules, now)
        booking.save()
        after = {field: getattr(booking, field) for field in before}
        changes = {field: (before[field], after[field]) for field in before if before[field] != after[field]}
        record_change(booking, by_user, Action.RESCHEDULED, changes, at=now)
    invalidate_booking_counts()
    return booking, before


def _refuse_unmovable(booking, as_staff, now):
    if booking.status not in RESCHEDULABLE_STATUSES:
        raise BookingStateConflict(f"A {booking.status} booking cannot be moved.")
    if booking.start_datetime <= now:
        raise BookingStateConflict("A booking that has already started cannot be moved.")
    if booking.status != Booking.Status.CONFIRMED and _hold_lapsed(booking, now):
        raise BookingStateConflict("The hold on this booking has lapsed: book the slot again.")
    if not as_staff and refund_percent(booking, now) < 100:
        raise ChangeNotAllowed(
            "The free-change period of this booking has passed (the policy no longer refunds 100 %): ask the venue."
        )


def _reprice(booking, rules, now):
    totals = sum_lines(booking_lines(booking))
    check_amount_fits(totals.total)
    terms = payment_terms(
        totals.total, start=booking.start_datetime, now=now, deposit_percent=rules.deposit_percent,
        balance_due_days=rules.balance_due_days,
    )  # fmt: skip
    booking.subtotal, booking.tax_total, booking.total = totals.subtotal, totals.tax, totals.total
    booking.deposit_amount, booking.balance_due_at = terms.deposit_due, terms.balance_due_at


def cancel_booking(booking, by_user, reason="", at=None, percent=None):
    """Cancel a booking that has not started; returns (booking, refund_percent).

    The percent of what was paid that goes back is the venue's policy unless `percent` is given
    (staff). payments.services.cancel_with_refund wraps this and records the Refund rows in the
    same transaction; call that one wherever money may have been paid. `at` dates a past
    cancellation (the demo seed's history); default now.
    """
    now = at or timezone.now()
    with transaction.atomic():
        booking = _locked(booking)
        if booking.status not in CANCELLABLE_STATUSES:
            raise BookingStateConflict(f"A {booking.status} booking cannot be cancelled.")
        if booking.start_datetime <= now:
            raise BookingStateConflict("A booking that has already started cannot be cancelled.")
        if percent is None:
            percent = refund_percent(booking, now)
        changes = status_change(booking, Booking.Status.CANCELLED)
        if reason:
            changes["reason"] = ("", reason)
        booking.save(update_fields=["status", "updated_at"])
        record_change(booking, by_user, Action.CANCELLED, changes, at=now)
    return booking, percent


def refund_percent(booking, now):
    """Share of what was paid that the venue's `cancellation_policy` refunds at `now`, by the
    notice given (by default 7 days or more 100%, 2 to 7 days 50%, less 0%), for a hold as for a
    confirmed booking. Staff may refund more (payments: the manager permission)."""
    return VenueRules.of(booking.venue.rules).refund_percent(booking.start_datetime - now)


def expire_lapsed_holds(now=None):
    """Mark holds and requests whose time ran out as expired; returns how many.

    Their slots were free for others from the moment they lapsed (selectors); this only makes
    the status say so and tells the customer. A payment that locked a booking first wins: the
    update re-checks the status under the row locks.
    """
    now = now or timezone.now()
    lapsed = Booking.objects.filter(
        status__in=(Booking.Status.PENDING, Booking.Status.REQUESTED), hold_expires_at__lte=now
    )
    with transaction.atomic():
        expired = list(lapsed.select_for_update().values_list("pk", "status")[:EXPIRY_BATCH])
        expired_ids = [pk for pk, _ in expired]
        Booking.objects.filter(pk__in=expired_ids).update(status=Booking.Status.EXPIRED, updated_at=now)
        for before in {status for _, status in expired}:
            record_bulk_status_change(
                [pk for pk, status in expired if status == before], before, Booking.Status.EXPIRED, Action.EXPIRED, now
            )
        for booking in Booking.objects.filter(pk__in=expired_ids):
            announce_on_commit(booking_expired, booking=booking, at=None)
        if expired_ids:
            invalidate_booking_counts()
    return len(expired_ids)


def delete_expired_idempotency_keys(now=None):
    """Forget Idempotency-Key records older than IDEMPOTENCY_KEY_LIFETIME; returns how many."""
    now = now or timezone.now()
    deleted, _ = IdempotencyKey.objects.filter(created_at__lt=now - IDEMPOTENCY_KEY_LIFETIME).delete()
    return deleted


def complete_past_bookings(now=None):
    """Mark confirmed bookings whose end has passed as completed; returns how many."""
    now = now or timezone.now()
    with transaction.atomic():
        over = Booking.objects.select_for_update().filter(status=Booking.Status.CONFIRMED, end_datetime__lte=now)
        completed_ids = list(over.values_list("pk", flat=True)[:EXPIRY_BATCH])
        Booking.objects.filter(pk__in=completed_ids).update(status=Booking.Status.COMPLETED, updated_at=now)
        record_bulk_status_change(
            completed_ids, Booking.Status.CONFIRMED, Booking.Status.COMPLETED, Action.COMPLETED, now
        )
        if completed_ids:
            invalidate_booking_counts()
    return len(completed_ids)


def build_booking(
    *, user, venue, start, end, kind, title, quantities, is_public=False, status=INITIAL_STATUS, guests=1, now=None,
    discount_percent=ZERO_PERCENT,
):  # fmt: skip
    """The unsaved booking row and its unsaved item lines, priced at today's prices, with the
    payment terms of its venue as of `now` (the deposit, when the balance falls due).

    The one place a booking row is put together: create_booking saves one, seed_demo
    bulk-inserts thousands. `quantities` is [(Item, quantity)]. A staff `discount_percent` is
    taken off every price before the snapshot, so the invoice prints the prices agreed.
    Refuses (400) a total that would not fit its column, before anything is written.
    """
    totals = sum_lines(quote_lines(venue, start, end, quantities, discount_percent))
    check_amount_fits(totals.total)
    rules = VenueRules.of(venue.rules)
    terms = payment_terms(
        totals.total, start=start, now=now or timezone.now(), deposit_percent=rules.deposit_percent,
        balance_due_days=rules.balance_due_days,
    )  # fmt: skip
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
        discount_percent=discount_percent,
        venue_hourly_rate=discounted(venue.hourly_rate, discount_percent),
        venue_gst_rate=venue.gst_rate,
        subtotal=totals.subtotal,
        tax_total=totals.tax,
        total=totals.total,
        deposit_amount=terms.deposit_due,
        balance_due_at=terms.balance_due_at,
    )
    lines = [
        BookingItem(
            booking=booking,
            item=item,
            quantity=quantity,
            unit_price=discounted(item.unit_price, discount_percent),
            gst_rate=item.gst_rate,
        )  # fmt: skip
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


def _check_rules(user, venue, start, end, guests, now, override_rules=False, count_holds=True):
    """The venue's rules, after refusing (400) a request that breaks one (bookings.rules).

    `count_holds` False for a booking that already holds its slot (a reschedule)."""
    rules = VenueRules.of(venue.rules)
    closures = Closure.objects.filter(venue=venue, start__lt=end, end__gt=start).values_list("start", "end")
    check_booking(
        rules,
        VenueFacts(timezone=venue.timezone, capacity=venue.capacity, closures=tuple(closures)),
        start=start,
        end=end,
        guests=guests,
        now=now,
        open_holds=open_hold_count(user, now) if count_holds else 0,
        max_open_holds=settings.MAX_OPEN_HOLDS,
        override_rules=override_rules,
    )
    return rules


def _refuse_conflicts(venue, rules, start, end, now, holding=None):
    """409 when an active booking of the venue comes within the buffer of [start, end), either side.

    `holding` is the bookings that count (default: every booking keeping its slot at `now`).
    """
    holding = bookings_holding_their_slot(now) if holding is None else holding
    conflicts = (
        holding.filter(venue=venue, start_datetime__lt=end + rules.buffer, end_datetime__gt=start - rules.buffer)
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


def _refuse_short_stock(quantities, start, end, now, lock, others=None):
    """409 when an item with a stock has fewer units left over [start, end) than asked for.

    Counted over every active booking that overlaps the slot (no buffer: a chair needs no
    cleaning). With `lock`, the item rows are locked in primary-key order first, so bookings at
    two venues that want the same items queue in the same order and can never deadlock.
    """
    wanted = {item.pk: quantity for item, quantity in quantities if item.stock is not None}
    names = {item.pk: item.name for item, _ in quantities}
    if not wanted:
        return
    stocked = Item.objects.filter(pk__in=wanted).order_by("pk")
    if lock:
        stocked = stocked.select_for_update()
    stock = dict(stocked.values_list("pk", "stock"))
    booked = dict(
        BookingItem.objects.filter(
            item_id__in=wanted,
            booking__in=(bookings_holding_their_slot(now) if others is None else others).filter(
                start_datetime__lt=end, end_datetime__gt=start
            ),
        )
        .values("item_id")
        .annotate(booked=Sum("quantity"))
        .values_list("item_id", "booked")
    )
    for item_id, quantity in sorted(wanted.items()):
        available = max((stock[item_id] or 0) - booked.get(item_id, 0), 0)
        if quantity > available:
            raise ItemUnavailable(
                f"Only {available} of {names[item_id]} are left for this time.", item=item_id, available=available
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


def _hold_lapsed(booking, now):
    return booking.hold_expires_at is not None and booking.hold_expires_at <= now


def _refuse_taken_slot(booking, now):
    """409 when, since its hold lapsed, another booking took this one's slot or its add-ons."""
    rules = VenueRules.of(booking.venue.rules)
    others = bookings_holding_their_slot(now).exclude(pk=booking.pk)
    _refuse_conflicts(booking.venue, rules, booking.start_datetime, booking.end_datetime, now, others)
    quantities = [(line.item, line.quantity) for line in booking.items.select_related("item")]
    _refuse_short_stock(quantities, booking.start_datetime, booking.end_datetime, now, lock=True, others=others)
