"""Signals payments sends after its transaction commits (with `send_robust`).

`payment_captured` sends `booking`, `payment` and `at` (None: now); `refund_recorded` sends
`booking`, `refund` and `at` when a refund is created (pending, or already settled);
`refund_processed` sends `booking` and `refund` once the money has gone out (Razorpay said
so, or staff settled it). invoices listens (receipt
vouchers), notifications too; payments never imports them.
"""

from django.dispatch import Signal

payment_captured = Signal()
refund_recorded = Signal()
refund_processed = Signal()
