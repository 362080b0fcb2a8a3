import pytest
from django.core.management import call_command
from django.db.models import Count

from accounts.models import User
from bookings.models import Booking, Item, Venue

pytestmark = pytest.mark.django_db


def counts():
    return Venue.objects.count(), Item.objects.count(), User.objects.count(), Booking.objects.count()


def test_seed_demo_is_idempotent_and_prints_the_logins(capsys):
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")

    assert counts() == first
    assert first[0] >= 8 and first[1] >= 5 and first[3] > 0
    out = capsys.readouterr().out
    assert "admin@lebrq.example / lebrq-admin-demo" in out
    assert "demo@lebrq.example / lebrq-demo-2026" in out
    admin = User.objects.get(email="admin@lebrq.example")
    assert admin.is_staff and admin.is_superuser and admin.check_password("lebrq-admin-demo")
    assert User.objects.get(email="demo@lebrq.example").check_password("lebrq-demo-2026")
    assert set(Venue.objects.values_list("state_code", flat=True)) >= {"29", "27", "33"}


def test_bulk_bookings_are_added_without_overlaps(capsys):
    call_command("seed_demo", "--bookings", "300")
    call_command("seed_demo", "--bookings", "200")

    bulk = Booking.objects.filter(title__contains="#")
    assert bulk.count() == 500
    assert not Booking.objects.values("venue", "start_datetime").annotate(n=Count("id")).filter(n__gt=1).exists()
    for booking in Booking.objects.exclude(status="cancelled").order_by("venue", "start_datetime").iterator():
        assert booking.total == booking.subtotal + booking.tax_total > 0
    assert set(Booking.objects.values_list("status", flat=True)) >= {"completed", "confirmed"}
