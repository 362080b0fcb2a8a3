"""Signals payments sends after its transaction commits (with `send_robust`).

`payment_captured` sends `booking`, `payment` and `at` (None: now). invoices listens (receipt
vouchers), notifications too; payments never imports them.
"""

from django.dispatch import Signal

payment_captured = Signal()
