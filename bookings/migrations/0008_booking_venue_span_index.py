"""Availability and search read (venue, start, end, status, hold expiry) over a range: an index
of exactly those columns answers them without a lookup of each row. It replaces the (venue,
start) index it begins with. The new index is created first: MariaDB refuses to drop the only
index on `venue_id` while its foreign key needs one."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0007_booking_history_series_and_requests"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="booking",
            index=models.Index(
                fields=["venue", "start_datetime", "end_datetime", "status", "hold_expires_at"],
                name="booking_venue_span",
            ),
        ),
        migrations.RemoveIndex(model_name="booking", name="booking_venue_start"),
    ]
