import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from bookings.counts import invalidate_booking_counts
from bookings.models import Booking, BookingItem, Item, Refund, Venue
from bookings.pricing import quote_lines, sum_lines, to_paise
from bookings.services import create_booking

ADMIN = ("admin@lebrq.example", "lebrq-admin-demo")
CUSTOMER = ("demo@lebrq.example", "lebrq-demo-2026")
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
# name, unit price (INR), GST rate (%): catering is 5%, equipment hire and decor 18%.
ITEMS = [
    ("Banquet chair (per chair)", "25", "18"),
    ("Round table with linen", "180", "18"),
    ("PA sound system with 2 mics", "4500", "18"),
    ("Stage lighting rig", "6000", "18"),
    ("Projector and screen", "3000", "18"),
    ("Floral stage decoration", "15000", "18"),
    ("Veg thali catering (per plate)", "450", "5"),
    ("High tea (per guest)", "180", "5"),
    ("Valet parking (per car)", "150", "18"),
]
# Slots a day per venue when bulk-seeding: (start hour, hours).
DAILY_SLOTS = [(7, 2), (10, 3), (14, 3), (18, 4)]
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
SAMPLE_TITLES = [
    "Ananya & Rohan's sangeet",
    "Quarterly sales offsite",
    "Sunrise hatha yoga",
    "Rabindra Sangeet evening",
]


class Command(BaseCommand):
    help = "Load demo venues, items, an admin and a demo customer (idempotent); --bookings N adds N bookings."

    def add_arguments(self, parser):
        parser.add_argument("--bookings", type=int, default=0, help="Add this many bookings (bulk, for benchmarks).")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed for the bulk bookings.")

    def handle(self, *args, **options):
        venues = self._venues()
        items = self._items()
        admin, customer = self._users()
        if options["bookings"] > 0:
            self._bulk_bookings(options["bookings"], venues, items, random.Random(options["seed"]))
        self._sample_bookings(customer, venues, items)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {len(venues)} venues, {len(items)} items."))
        self.stdout.write(f"  staff admin: {ADMIN[0]} / {ADMIN[1]}  (/admin/)")
        self.stdout.write(f"  customer:    {CUSTOMER[0]} / {CUSTOMER[1]}  (POST /api/auth/token)")

    def _venues(self):
        venues = []
        for name, slug, city, address, state_code, capacity, rate in VENUES:
            venue, _ = Venue.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name, "city": city, "address": address, "state_code": state_code,
                    "capacity": capacity, "hourly_rate": Decimal(rate), "gst_rate": Decimal("18.00"),
                    "description": f"{name}, {address}, {city}. Seats {capacity}.",
                },
            )  # fmt: skip
            venues.append(venue)
        return venues

    def _items(self):
        return [
            Item.objects.get_or_create(name=name, defaults={"unit_price": Decimal(price), "gst_rate": Decimal(rate)})[0]
            for name, price, rate in ITEMS
        ]

    def _users(self):
        User = get_user_model()
        admin = User.objects.filter(email=ADMIN[0]).first() or User.objects.create_superuser(
            ADMIN[0], ADMIN[1], full_name="LeBrq Admin", state_code="29"
        )
        customer = User.objects.filter(email=CUSTOMER[0]).first() or User.objects.create_user(
            CUSTOMER[0], CUSTOMER[1], full_name="Demo Customer", phone="+91 98450 00000", state_code="29"
        )
        return admin, customer

    def _sample_bookings(self, customer, venues, items):
        """A few real bookings through the service (priced, signals sent), made once."""
        if Booking.objects.filter(user=customer, title__in=SAMPLE_TITLES).exists():
            return
        day = max(timezone.localdate() + timedelta(days=30), self._first_free_day())
        samples = [
            (venues[0], Booking.Kind.EVENT, 18, 5, False, [(items[0], 300), (items[2], 1)]),
            (venues[1], Booking.Kind.EVENT, 9, 8, False, [(items[4], 1), (items[7], 120)]),
            (venues[9], Booking.Kind.PROGRAM, 6, 1, True, []),
            (venues[8], Booking.Kind.PROGRAM, 19, 2, True, []),
        ]
        for title, (venue, kind, hour, hours, is_public, lines) in zip(SAMPLE_TITLES, samples, strict=True):
            start = timezone.make_aware(datetime.combine(day, time(hour)))
            create_booking(
                customer, venue, start, start + timedelta(hours=hours), kind, title,
                [{"item": item, "quantity": quantity} for item, quantity in lines], is_public=is_public,
            )  # fmt: skip

    def _bulk_bookings(self, count, venues, items, rng):
        customers = self._bulk_customers()
        slots = self._free_slots(venues)
        now = timezone.now()
        with tqdm(total=count, unit="booking", desc="Seeding bookings") as bar:
            for offset in range(0, count, BATCH_SIZE):
                planned = [
                    self._planned_booking(next(slots), customers, items, rng, now)
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
        """Endless (venue, start, end) after every existing booking, round-robin over venues:
        a second run adds bookings after the first run's, never on top of them."""
        day = max(timezone.localdate() - timedelta(days=365), self._first_free_day())
        while True:
            for hour, hours in DAILY_SLOTS:
                start = timezone.make_aware(datetime.combine(day, time(hour)))
                for venue in venues:
                    yield venue, start, start + timedelta(hours=hours)
            day += timedelta(days=1)

    def _first_free_day(self):
        latest = Booking.objects.order_by("-end_datetime").values_list("end_datetime", flat=True).first()
        return timezone.localtime(latest).date() + timedelta(days=1) if latest else timezone.localdate()

    def _planned_booking(self, slot, customers, items, rng, now):
        venue, start, end = slot
        kind = Booking.Kind.PROGRAM if rng.random() < 0.2 else Booking.Kind.EVENT
        lines = (
            []
            if kind == Booking.Kind.PROGRAM
            else [
                (item, rng.randint(1, 200) if item.unit_price < 500 else 1)
                for item in rng.sample(items, rng.randint(0, 3))
            ]
        )
        totals = sum_lines(quote_lines(venue, start, end, lines))
        roll = rng.random()
        if roll < 0.06:
            status = Booking.Status.CANCELLED
        elif end <= now:
            status = Booking.Status.COMPLETED
        else:
            status = Booking.Status.PENDING if roll < 0.12 else Booking.Status.CONFIRMED
        booking = Booking(
            user=rng.choice(customers), venue=venue, kind=kind, start_datetime=start, end_datetime=end,
            title=f"{rng.choice(BULK_TITLES)} #{rng.randint(100, 9999)}",
            status=status, is_public=kind == Booking.Kind.PROGRAM, venue_hourly_rate=venue.hourly_rate,
            venue_gst_rate=venue.gst_rate, subtotal=totals.subtotal, tax_total=totals.tax, total=totals.total,
        )  # fmt: skip
        return booking, lines

    def _insert_batch(self, planned):
        with transaction.atomic():
            bookings = Booking.objects.bulk_create([booking for booking, _ in planned])
            if not connection.features.can_return_rows_from_bulk_insert:
                return  # no ids to hang item lines on; the bookings alone are enough for a benchmark
            BookingItem.objects.bulk_create(
                BookingItem(
                    booking=booking, item=item, quantity=quantity, unit_price=item.unit_price, gst_rate=item.gst_rate
                )
                for booking, (_, lines) in zip(bookings, planned, strict=True)
                for item, quantity in lines
            )
            Refund.objects.bulk_create(
                Refund(
                    booking=booking,
                    amount=to_paise(booking.total / 2),
                    percent=50,
                    reason="Cancelled by customer",
                    status=Refund.Status.PROCESSED,
                )
                for booking in bookings
                if booking.status == Booking.Status.CANCELLED
            )
