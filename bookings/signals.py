"""Signals sent by bookings.services after the transaction commits.

Other apps (invoices, notifications) listen; bookings never imports them.
Both send `booking` (a Booking instance) as keyword argument.
"""

from django.dispatch import Signal

booking_confirmed = Signal()
booking_cancelled = Signal()  # also sends `refund` (a Refund, possibly of amount 0)
