"""Signals sent by bookings.services after the transaction commits (with `send_robust`).

Other apps (invoices, notifications) listen; bookings never imports them.
Both send `booking` (a Booking instance) and `at`: None when the event happens now, or the
past moment it happened when the demo seed lays down its history (documents are then dated so).
"""

from django.dispatch import Signal

booking_held = Signal()  # created and holding its slot while the customer pays the deposit
booking_confirmed = Signal()
booking_expired = Signal()  # a hold (or request) ran out: its slot is free again
booking_cancelled = Signal()  # also sends `refunds` (the Refund rows created, possibly none)
