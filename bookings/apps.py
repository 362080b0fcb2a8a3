from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class BookingsConfig(AppConfig):
    name = "bookings"
    verbose_name = "Bookings"

    def ready(self):
        from bookings.counts import invalidate_on_booking_write
        from bookings.models import Booking

        post_save.connect(invalidate_on_booking_write, sender=Booking, dispatch_uid="bookings-count-version-save")
        post_delete.connect(invalidate_on_booking_write, sender=Booking, dispatch_uid="bookings-count-version-delete")
