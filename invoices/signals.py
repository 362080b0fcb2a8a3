"""Signals invoices sends after its transaction commits (with `send_robust`).

`document_issued` sends `document` (an Invoice of any kind: tax invoice, credit note,
receipt or refund voucher, cancellation charge) `booking` and `at` (None: now; the
past moment of a seeded document). notifications listens
(outbound webhook `invoice.issued`); invoices never imports it.
"""

from django.dispatch import Signal

document_issued = Signal()
