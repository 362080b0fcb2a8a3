from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class BookingsConfig(AppConfig):
    name = "bookings"
    verbose_name = "Bookings"

    def ready(self):
        from bookings import caching
        from bookings.counts import invalidate_on_booking_write
        from bookings.models import Booking, Closure, Item, Venue

        post_save.connect(invalidate_on_booking_write, sender=Booking, dispatch_uid="bookings-count-version-save")
        post_delete.connect(invalidate_on_booking_write, sender=Booking, dispatch_uid="bookings-count-version-delete")
        # Cached availability and search answers (bookings/caching.py).
        for model, receiver in ((Booking, caching.on_booking_write), (Closure, caching.on_closure_write),
                                (Venue, caching.on_venue_write)):  # fmt: skip
            post_save.connect(receiver, sender=model, dispatch_uid=f"availability-{model.__name__}-save")
            post_delete.connect(receiver, sender=model, dispatch_uid=f"availability-{model.__name__}-delete")
        # Cached catalogue answers: venues move it in on_venue_write, items here.
        post_save.connect(caching.on_item_write, sender=Item, dispatch_uid="catalogue-Item-save")
        post_delete.connect(caching.on_item_write, sender=Item, dispatch_uid="catalogue-Item-delete")
