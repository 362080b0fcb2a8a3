import json
import random
from collections import defaultdict
from datetime import datetime, time, timedelta
from decimal import Decimal
from functools import cache
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from bookings.closures import active_bookings_overlapping, create_closure
from bookings.counts import invalidate_booking_counts
from bookings.models import EVENT_SERVICES_SAC, Booking, BookingItem, Closure, Item, Refund, Venue
from bookings.rules import DEFAULT_RULES, MAX_ADVANCE_DAYS, WEEKDAYS, VenueRules, default_rules, merge_rules
from bookings.services import announce_on_commit, build_booking, create_booking
from bookings.signals import booking_confirmed
from lebrq.staff_roles import FRONT_DESK, MANAGER, apply_staff_roles
from payments.models import Payment
from payments.services import cancel_with_refund, record_offline_payment

ADMIN = ("admin@lebrq.example", "lebrq-admin-demo")
CUSTOMER = ("demo@lebrq.example", "lebrq-demo-2026")
# Staff in the two shipped roles (lebrq/staff_roles.py), for the desk walk-through in docs/desk.md.
STAFF = (
    ("desk@lebrq.example", "lebrq-desk-demo", "Front Desk", FRONT_DESK),
    ("manager@lebrq.example", "lebrq-manager-demo", "Venue Manager", MANAGER),
)
EXTRA_CUSTOMERS = 20

# name, slug, city, address, GST state code, capacity, hourly rate (INR)
VENUES = [
    ("Rangoli Banquet Hall", "rangoli-banquet-hall", "Bengaluru", "80 Feet Road, Indiranagar", "29", 400, "6500"),
    (
        "Kaveri Conference Centre",
        "kaveri-conference-centre",
        "Bengaluru",
        "Outer Ring Road, Bellandur",
        "29",
        150,
        "4200",
    ),
    ("Sea Breeze Terrace", "sea-breeze-terrace", "Mumbai", "Carter Road, Bandra West", "27", 200, "9800"),
    ("Shivaji Auditorium", "shivaji-auditorium", "Pune", "FC Road, Shivajinagar", "27", 600, "7500"),
    ("Marina Kalyana Mandapam", "marina-kalyana-mandapam", "Chennai", "TTK Road, Alwarpet", "33", 800, "8800"),
    ("Charminar Courtyard", "charminar-courtyard", "Hyderabad", "Road No. 12, Banjara Hills", "36", 300, "5600"),
    ("Lodhi Garden Pavilion", "lodhi-garden-pavilion", "New Delhi", "Lodhi Road, Jor Bagh", "07", 250, "12000"),
    ("Hawa Mahal Lawns", "hawa-mahal-lawns", "Jaipur", "MI Road, C-Scheme", "08", 1000, "9000"),
    ("Rabindra Music Room", "rabindra-music-room", "Kolkata", "Park Street", "19", 60, "1800"),
    ("Yoga Shala Studio", "yoga-shala-studio", "Bengaluru", "12th Main, Jayanagar 4th Block", "29", 40, "1200"),
]


def every_day(*intervals):
    return {day: [list(interval) for interval in intervals] for day in WEEKDAYS}


def policy(*tiers):
    """(hours before the start, % refunded) tiers as a cancellation policy."""
    return [{"hours_before": hours, "refund_percent": percent} for hours, percent in tiers]


# Each venue's rules, laid over the defaults (DESIGN Part 2). The sample bookings below must keep
# obeying them: Rangoli 18:00-23:00, Kaveri 09:00-17:00, Rabindra 19:00-21:00 and Yoga Shala
# 06:00-07:00, on whatever weekday the sample day falls.
VENUE_RULES = {
    "rangoli-banquet-hall": {
        "opening_hours": every_day(("08:00", "24:00")), "buffer_minutes": 90, "min_duration_minutes": 180,
        "min_notice_hours": 24, "deposit_percent": 50,
        "cancellation_policy": policy((720, 100), (168, 50), (0, 0)),
    },
    "kaveri-conference-centre": {
        "opening_hours": {**every_day(("07:00", "21:00")), "sun": [["08:00", "18:00"]]}, "buffer_minutes": 30,
        "max_duration_minutes": 720, "max_advance_days": 270,
    },
    "sea-breeze-terrace": {"opening_hours": every_day(("16:00", "24:00")), "min_duration_minutes": 120},
    "shivaji-auditorium": {
        "opening_hours": every_day(("09:00", "24:00")), "min_duration_minutes": 120, "min_notice_hours": 48,
    },
    # The wedding hall: early muhurtham ceremonies, two hours to dress and clear the mandapam, paid in full.
    "marina-kalyana-mandapam": {
        "opening_hours": every_day(("05:00", "24:00")), "buffer_minutes": 120, "slot_minutes": 60,
        "min_duration_minutes": 240, "min_notice_hours": 72, "deposit_percent": 100, "balance_due_days": 0,
        "cancellation_policy": policy((720, 75), (168, 25), (0, 0)),
    },
    # A break in the afternoon heat.
    "charminar-courtyard": {"opening_hours": every_day(("10:00", "15:00"), ("18:00", "23:00"))},
    "lodhi-garden-pavilion": {"opening_hours": {**every_day(("07:00", "22:00")), "sun": []}},
    # Big lawn events are requests: staff check the permits and the tent vendor before accepting.
    "hawa-mahal-lawns": {
        "opening_hours": every_day(("16:00", "24:00")), "buffer_minutes": 180, "min_duration_minutes": 240,
        "deposit_percent": 50, "requires_approval": True, "approval_hours": 72,
    },
    "rabindra-music-room": {
        "opening_hours": every_day(("08:00", "22:00")), "buffer_minutes": 30, "max_duration_minutes": 240,
        "hold_minutes": 30,
    },
    # Classes back to back on a quarter-hour grid, paid in full.
    "yoga-shala-studio": {
        "opening_hours": every_day(("05:30", "21:00")), "buffer_minutes": 0, "slot_minutes": 15,
        "min_duration_minutes": 30, "max_duration_minutes": 180, "min_notice_hours": 1, "deposit_percent": 100,
        "cancellation_policy": policy((24, 100), (0, 0)),
    },
}  # fmt: skip
CATERING_SAC, EQUIPMENT_HIRE_SAC = "996334", "997319"
# name, unit price (INR), GST rate (%), SAC code, stock (None = unlimited): catering is 5%, hire and decor 18%.
ITEMS = [
    ("Banquet chair (per chair)", "25", "18", EQUIPMENT_HIRE_SAC, 1000),
    ("Round table with linen", "180", "18", EQUIPMENT_HIRE_SAC, 200),
    ("PA sound system with 2 mics", "4500", "18", EQUIPMENT_HIRE_SAC, 3),
    ("Stage lighting rig", "6000", "18", EQUIPMENT_HIRE_SAC, 2),
    ("Projector and screen", "3000", "18", EQUIPMENT_HIRE_SAC, 4),
    ("Floral stage decoration", "15000", "18", EVENT_SERVICES_SAC, None),
    ("Veg thali catering (per plate)", "450", "5", CATERING_SAC, None),
    ("High tea (per guest)", "180", "5", CATERING_SAC, None),
    ("Valet parking (per car)", "150", "18", EVENT_SERVICES_SAC, None),
]
# (venue slug, reason, days from today, days long): laid down once, where no booking is in the way.
CLOSURE = ("sea-breeze-terrace", "Monsoon waterproofing of the terrace deck", 45, 3)
# Bulk bookings fill each venue's days up to its horizon or this many days ahead, whichever is
# nearer, leaving the days after free for demo customers and the load test (bench/load/run_loadtest.py).
BULK_DAYS_AHEAD = 180
# Generated bookings last about this long (within the venue's durations), alternately an hour more.
TYPICAL_MINUTES = 120
BATCH_SIZE = 2000
BULK_TITLES = [
    "Wedding reception",
    "Birthday party",
    "Product launch",
    "Carnatic recital",
    "Yoga class",
    "Book club",
    "Annual day",
    "Workshop",
]
# The demo customer's history: one booking every HISTORY_EVERY_DAYS days, from a year ago to
# HISTORY_DAYS_AHEAD days ahead, each with its invoice (and credit note when refunded).
HISTORY_DAYS_BACK = 365
HISTORY_DAYS_AHEAD = 120
HISTORY_EVERY_DAYS = 3
HISTORY_TITLES = [
    "Kavya's naming ceremony",
    "Team offsite",
    "Bharatanatyam arangetram",
    "Silver jubilee dinner",
    "Startup pitch night",
    "Morning vinyasa",
    "Family reunion lunch",
    "Hindustani baithak",
]
# Notice given when a history booking is cancelled: 100%, 50% and 0% refunds by the policy.
CANCELLATION_NOTICE = [timedelta(days=10), timedelta(days=3), timedelta(hours=20)]
SAMPLE_DAYS_AHEAD = 30
EXPIRED = Booking.Status.EXPIRED  # a hold never paid: no invoice
SAMPLES_PAID = 2  # their deposit paid by UPI at the desk (confirmed, invoiced); the others are holds
SAMPLE_TITLES = [
    "Ananya & Rohan's sangeet",
    "Quarterly sales offsite",
    "Sunrise hatha yoga",
    "Rabindra Sangeet evening",
]


class Command(BaseCommand):
    help = (
        "Load demo venues, items, an admin and a demo customer with a year of bookings behind and months ahead "
        "(idempotent); --bookings N adds N bookings in bulk, for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bookings", type=int, default=0, help="Add this many bookings (bulk, for benchmarks).")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed for the generated bookings.")

    def handle(self, *args, **options):
        venues = self._venues()
        items = self._items()
        admin, customer = self._users()
        rng = random.Random(options["seed"])
        self._history(customer, venues, items, rng)
        self._sample_bookings(customer, venues, items)
        self._closure(venues)
        if options["bookings"] > 0:
            self._bulk_bookings(options["bookings"], venues, items, rng)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {len(venues)} venues, {len(items)} items."))
        self.stdout.write(f"  staff admin: {ADMIN[0]} / {ADMIN[1]}  (/admin/)")
        self.stdout.write(f"  customer:    {CUSTOMER[0]} / {CUSTOMER[1]}  (POST /api/auth/token)")
        for email, password, name, _ in STAFF:
            self.stdout.write(f"  {name.lower()}: {email} / {password}")

    def _venues(self):
        """The demo venues; an existing one keeps its values, and gets its demo rules only while its
        rules are still the untouched defaults (a demo database seeded before venues had rules)."""
        venues = []
        for name, slug, city, address, state_code, capacity, rate in VENUES:
            rules = merge_rules(default_rules(), VENUE_RULES.get(slug, {}))
            venue, created = Venue.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name, "city": city, "address": address, "state_code": state_code,
                    "capacity": capacity, "hourly_rate": Decimal(rate), "gst_rate": Decimal("18.00"),
                    "description": f"{name}, {address}, {city}. Seats {capacity}.", "rules": rules,
                },
            )  # fmt: skip
            if not created and venue.rules == DEFAULT_RULES and rules != DEFAULT_RULES:
                venue.rules = rules
                venue.save(update_fields=["rules"])
            venues.append(venue)
        return venues

    def _items(self):
        """The add-ons; an existing one keeps its values, except that one still at the model's SAC
        default with no stock (seeded before items had them) gets its demo SAC code and stock."""
        items = []
        for name, price, rate, sac_code, stock in ITEMS:
            item, created = Item.objects.get_or_create(
                name=name,
                defaults={
                    "unit_price": Decimal(price),
                    "gst_rate": Decimal(rate),
                    "sac_code": sac_code,
                    "stock": stock,
                },
            )
            if not created and item.stock is None and item.sac_code == EVENT_SERVICES_SAC:
                item.sac_code, item.stock = sac_code, stock
                item.save(update_fields=["sac_code", "stock"])
            items.append(item)
        return items

    def _closure(self, venues):
        """One closure, on the first days from CLOSURE's offset that no active booking of the venue uses."""
        slug, reason, days_ahead, days_long = CLOSURE
        venue = next(venue for venue in venues if venue.slug == slug)
        if Closure.objects.filter(venue=venue, reason=reason).exists():
            return
        today = timezone.localdate()
        for offset in range(days_ahead, days_ahead + 60):
            start = timezone.make_aware(datetime.combine(today + timedelta(days=offset), time.min))
            end = start + timedelta(days=days_long)
            if not active_bookings_overlapping(venue.pk, start, end).exists():
                create_closure(venue=venue, start=start, end=end, reason=reason)
                return

    def _users(self):
        User = get_user_model()
        admin = User.objects.filter(email=ADMIN[0]).first() or User.objects.create_superuser(
            ADMIN[0], ADMIN[1], full_name="LeBrq Admin", state_code="29"
        )
        customer = User.objects.filter(email=CUSTOMER[0]).first() or User.objects.create_user(
            CUSTOMER[0], CUSTOMER[1], full_name="Demo Customer", phone="+91 98450 00000", state_code="29",
            email_verified=True,
        )  # fmt: skip
        groups = {group.name: group for group in apply_staff_roles(Group, Permission)}  # a flushed database has none
        for email, password, name, role in STAFF:
            if not User.objects.filter(email=email).exists():
                staff = User.objects.create_user(email, password, full_name=name, state_code="29", is_staff=True)
                staff.groups.add(groups[role])
        return admin, customer

    def _history(self, customer, venues, items, rng):
        """The demo customer's past and coming bookings, laid down once, on a database without bookings.

        Every event is replayed in time order at the moment it happened: confirmations (the
        invoice, dated then) and cancellations by the policy (refund and credit note, dated
        then). A database that already has bookings may hold documents issued since, which
        backdated ones would precede in their number series: it gets no history.
        """
        if Booking.objects.exists():
            return
        now = timezone.now()
        planned = [self._history_booking(customer, day, venues, items, rng, now) for day in self._history_days()]
        for booking, lines, booked_at, _ in planned:
            booking.save()
            BookingItem.objects.bulk_create(lines)
            booking.created_at = booking.updated_at = booked_at  # save() stamped them with now
        Booking.objects.bulk_update([booking for booking, *_ in planned], ["created_at", "updated_at"])
        confirmations = [(at, booking, None) for booking, _, at, _ in planned if booking.status != EXPIRED]
        cancellations = [(at, booking, at) for booking, _, _, at in planned if at is not None]
        for at, booking, cancelled_at in tqdm(
            sorted(confirmations + cancellations, key=lambda event: event[0]), unit="event", desc="Seeding history"
        ):
            if cancelled_at is None:
                self._paid_in_full(booking, at)
                announce_on_commit(booking_confirmed, booking=booking, at=at)
            else:
                self._cancelled_and_refunded(booking, customer, cancelled_at)
        invalidate_booking_counts()

    def _paid_in_full(self, booking, at):
        """What the payment service writes for a booking paid by bank transfer at `at`, without
        its signals (the history is replayed: its invoice is dated then and nobody is mailed)."""
        Payment.objects.create(
            booking=booking, provider=Payment.Provider.OFFLINE, method=Payment.Method.BANK_TRANSFER,
            amount=booking.total, status=Payment.Status.CAPTURED, captured_at=at,
            reference=f"NEFT{booking.pk:08d}",
        )  # fmt: skip
        Booking.objects.filter(pk=booking.pk).update(amount_paid=booking.total)
        booking.amount_paid = booking.total

    def _cancelled_and_refunded(self, booking, customer, at):
        """Cancelled by the policy at `at` through the service; the payout was made the same day."""
        _, refunds = cancel_with_refund(booking, by_user=customer, reason="Plans changed", at=at)
        Refund.objects.filter(pk__in=[refund.pk for refund in refunds]).update(
            status=Refund.Status.PROCESSED, processed_at=at, reference="NEFT refund"
        )

    def _history_days(self):
        today = timezone.localdate()
        day = today - timedelta(days=HISTORY_DAYS_BACK)
        while day <= today + timedelta(days=HISTORY_DAYS_AHEAD):
            yield day
            day += timedelta(days=HISTORY_EVERY_DAYS)

    def _history_booking(self, customer, day, venues, items, rng, now):
        """(unsaved booking, its lines, when it was booked, when it is cancelled or None) for one day."""
        venue = rng.choice([venue for venue in venues if venue_day_slots(venue, day)])  # some close on a weekday
        start, end = rng.choice(venue_day_slots(venue, day))
        booked_at = min(start - timedelta(days=rng.randint(3, 45)), now - timedelta(hours=rng.randint(1, 72)))
        cancelled_at = None
        if rng.random() < 0.15:
            cancelled_at = max(start - rng.choice(CANCELLATION_NOTICE), booked_at + (start - booked_at) / 2)
            if cancelled_at >= now:
                cancelled_at = None
        if cancelled_at or end > now:
            status = EXPIRED if not cancelled_at and rng.random() < 0.1 else Booking.Status.CONFIRMED
        else:
            status = Booking.Status.COMPLETED
        booking, lines = build_booking(
            user=customer, venue=venue, start=start, end=end, kind=Booking.Kind.EVENT,
            title=rng.choice(HISTORY_TITLES), quantities=self._add_ons(items, rng), status=status, now=booked_at,
        )  # fmt: skip
        booking.hold_expires_at = booked_at + timedelta(minutes=rules_of(venue).hold_minutes)
        return booking, lines, booked_at, cancelled_at

    def _sample_bookings(self, customer, venues, items):
        """A few real bookings through the service (priced, signals sent), made once."""
        if Booking.objects.filter(user=customer, title__in=SAMPLE_TITLES).exists():
            return
        samples = [
            (venues[0], Booking.Kind.EVENT, 18, 5, False, [(items[0], 300), (items[2], 1)]),
            (venues[1], Booking.Kind.EVENT, 9, 8, False, [(items[4], 1), (items[7], 120)]),
            (venues[9], Booking.Kind.PROGRAM, 6, 1, True, []),
            (venues[8], Booking.Kind.PROGRAM, 19, 2, True, []),
        ]
        day = self._sample_day([venue for venue, *_ in samples])
        if day is None:
            return
        for index, (title, (venue, kind, hour, hours, is_public, lines)) in enumerate(
            zip(SAMPLE_TITLES, samples, strict=True)
        ):
            start = timezone.make_aware(datetime.combine(day, time(hour)))
            booking = create_booking(
                customer, venue, start, start + timedelta(hours=hours), kind, title,
                [{"item": item, "quantity": quantity} for item, quantity in lines], is_public=is_public,
            )  # fmt: skip
            if index < SAMPLES_PAID:
                record_offline_payment(booking, None, booking.amount_due, "upi", f"UPI{booking.pk:010d}")

    def _sample_day(self, venues):
        """The first day from SAMPLE_DAYS_AHEAD on when those venues have no booking, within the horizon."""
        today = timezone.localdate()
        for offset in range(SAMPLE_DAYS_AHEAD, MAX_ADVANCE_DAYS - 1):
            day_start = timezone.make_aware(datetime.combine(today + timedelta(days=offset), time.min))
            taken = Booking.objects.filter(
                venue__in=venues, start_datetime__lt=day_start + timedelta(days=1), end_datetime__gt=day_start
            )
            if not taken.exists():
                return today + timedelta(days=offset)
        return None

    def _bulk_bookings(self, count, venues, items, rng):
        customers = self._bulk_customers()
        slots = self._free_slots(venues)
        now = timezone.now()
        with tqdm(total=count, unit="booking", desc="Seeding bookings") as bar:
            for offset in range(0, count, BATCH_SIZE):
                planned = [
                    self._bulk_booking(next(slots), customers, items, rng, now)
                    for _ in range(min(BATCH_SIZE, count - offset))
                ]
                self._insert_batch(planned)
                bar.update(len(planned))
        invalidate_booking_counts()

    def _bulk_customers(self):
        User = get_user_model()
        emails = [f"customer{number:02d}@lebrq.example" for number in range(1, EXTRA_CUSTOMERS + 1)]
        password = make_password(CUSTOMER[1])  # hashed once: the hasher is slow on purpose
        User.objects.bulk_create(
            [
                User(email=email, password=password, full_name=email.split("@")[0].title(), state_code="27")
                for email in emails
            ],
            ignore_conflicts=True,
        )
        return list(User.objects.filter(email__in=[*emails, CUSTOMER[0]]))

    def _free_slots(self, venues):
        """Endless free (venue, start, end) by each venue's rules, day by day round-robin over venues:
        from a year ago to BULK_DAYS_AHEAD days ahead (each venue within its horizon), then on back into the past.

        A slot is free when no booking of the venue (whatever its status) comes within the venue's
        buffer of it and no closure overlaps it, so a second run fills the slots after the first
        run's and never lands on top of, or too close to, a booking.
        """
        taken = self._taken_intervals()
        today = timezone.localdate()
        ahead = {venue.pk: min(rules_of(venue).max_advance_days, BULK_DAYS_AHEAD) for venue in venues}
        horizon = {venue_id: timezone.now() + timedelta(days=days) for venue_id, days in ahead.items()}
        last_day = today + timedelta(days=max(ahead.values()))
        for day in self._bulk_days(today - timedelta(days=HISTORY_DAYS_BACK), last_day):
            for venue in venues:
                buffer = rules_of(venue).buffer
                near = taken.get((venue.pk, day), ())
                for start, end in venue_day_slots(venue, day):
                    if start <= horizon[venue.pk] and not any(s < end + buffer and start < e + buffer for s, e in near):
                        yield venue, start, end

    def _bulk_days(self, first, last):
        day = first
        while day <= last:
            yield day
            day += timedelta(days=1)
        day = first - timedelta(days=1)
        while True:
            yield day
            day -= timedelta(days=1)

    def _taken_intervals(self):
        """{(venue id, local day): [(start, end)]} of every booking and closure, on each local day it
        touches and the days either side (a buffer may reach over midnight)."""
        taken = defaultdict(list)
        intervals = [
            *Booking.objects.values_list("venue_id", "start_datetime", "end_datetime"),
            *Closure.objects.values_list("venue_id", "start", "end"),
        ]
        for venue_id, start, end in intervals:
            day, last = timezone.localtime(start).date() - timedelta(days=1), timezone.localtime(end).date()
            while day <= last + timedelta(days=1):
                taken[(venue_id, day)].append((start, end))
                day += timedelta(days=1)
        return taken

    def _add_ons(self, items, rng):
        return [
            (item, rng.randint(1, 200) if item.unit_price < 500 else 1) for item in rng.sample(items, rng.randint(0, 3))
        ]

    def _bulk_booking(self, slot, customers, items, rng, now):
        venue, start, end = slot
        kind = Booking.Kind.PROGRAM if rng.random() < 0.2 else Booking.Kind.EVENT
        roll = rng.random()
        if roll < 0.06:
            status = Booking.Status.CANCELLED
        elif end <= now:
            status = Booking.Status.COMPLETED
        else:
            status = Booking.Status.PENDING if roll < 0.12 else Booking.Status.CONFIRMED
        booking, lines = build_booking(
            user=rng.choice(customers), venue=venue, start=start, end=end, kind=kind,
            title=f"{rng.choice(BULK_TITLES)} #{rng.randint(100, 9999)}",
            quantities=[] if kind == Booking.Kind.PROGRAM else self._add_ons(items, rng),
            is_public=kind == Booking.Kind.PROGRAM, status=status, now=now,
        )  # fmt: skip
        if status == Booking.Status.PENDING:
            booking.hold_expires_at = now + timedelta(minutes=rules_of(venue).hold_minutes)
        return booking, lines

    def _insert_batch(self, planned):
        with transaction.atomic():
            Booking.objects.bulk_create([booking for booking, _ in planned])
            if not connection.features.can_return_rows_from_bulk_insert:
                return  # no ids to hang item lines on; the bookings alone are enough for a benchmark
            # Bulk bookings are confirmed pay-later or cancelled unpaid: no money, so no payments or refunds.
            BookingItem.objects.bulk_create(line for _, lines in planned for line in lines)


def rules_of(venue):
    return _parsed_rules(venue.pk, json.dumps(venue.rules, sort_keys=True))


@cache
def _parsed_rules(venue_id, rules_json):
    return VenueRules.of(json.loads(rules_json))


def venue_day_slots(venue, day):
    """The slots a generated booking may take at `venue` on local `day`, as aware (start, end).

    Inside each opening interval, on the grid, back to back with the buffer between them,
    lasting TYPICAL_MINUTES (and alternately an hour more) within the venue's durations.
    """
    zone = ZoneInfo(venue.timezone)
    return [
        (datetime.combine(day, time.min, tzinfo=zone) + timedelta(minutes=begin),
         datetime.combine(day, time.min, tzinfo=zone) + timedelta(minutes=finish))
        for begin, finish in _weekday_plan(venue.pk, json.dumps(venue.rules, sort_keys=True), day.weekday())
    ]  # fmt: skip


@cache
def _weekday_plan(venue_id, rules_json, weekday):
    """[(start, end)] in minutes from local midnight for one weekday of these rules."""
    rules = _parsed_rules(venue_id, rules_json)
    grid = rules.slot_minutes
    durations = [_fit_duration(rules, TYPICAL_MINUTES), _fit_duration(rules, TYPICAL_MINUTES + 60)]
    plan = []
    for opens, closes in rules.opening_hours[WEEKDAYS[weekday]]:
        start = _ceil_to(opens.hour * 60 + opens.minute, grid)
        closing = 24 * 60 if closes is None else closes.hour * 60 + closes.minute
        while True:
            duration = min(durations[len(plan) % 2], (closing - start) // grid * grid)
            if duration < rules.min_duration_minutes:
                break
            plan.append((start, start + duration))
            start = _ceil_to(start + duration + rules.buffer_minutes, grid)
    return plan


def _fit_duration(rules, minutes):
    grid = rules.slot_minutes
    longest = rules.max_duration_minutes // grid * grid
    return min(max(_ceil_to(minutes, grid), _ceil_to(rules.min_duration_minutes, grid)), longest)


def _ceil_to(minutes, grid):
    return -(-minutes // grid) * grid
