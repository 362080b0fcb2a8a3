"""Signals sent by bookings.services after the transaction commits (with `send_robust`).

Other apps (invoices, payments, notifications) listen; bookings never imports them.
Every signal sends `booking` (a Booking instance) and `at`: None when the event happens now, or
the past moment it happened when the demo seed lays down its history (documents are then dated
so). Extra arguments are named on each line. A booking of a series sends these too; the series
signals below are sent once per series besides.
"""

from django.dispatch import Signal

booking_held = Signal()  # created and holding its slot while the customer pays the deposit
booking_requested = Signal()  # created at a venue that requires approval: awaiting staff
booking_approved = Signal()  # staff approved a request: now pending with a fresh hold, or confirmed
booking_rejected = Signal()  # staff rejected a request; also sends `reason`
booking_confirmed = Signal()
booking_expired = Signal()  # a hold (or request) ran out: its slot is free again
booking_cancelled = Signal()  # also sends `refunds` (the Refund rows created, possibly none)
# The time moved; also sends `before` {"start_datetime", "end_datetime", "total"} and `refunds`
# (Refund rows for a lower price, possibly none). A confirmed booking's invoice is re-issued.
booking_rescheduled = Signal()

# Sent with `series` (a BookingSeries) and `at`, once for the whole series.
series_created = Signal()  # its bookings are held (or requested) together
series_confirmed = Signal()  # one payment or staff confirmed every live booking of it
series_cancelled = Signal()  # also sends `from_date` and `bookings` (the ones cancelled)
