"""An email backend for tests that shows what the database connection was doing during a send."""

from django.core.mail.backends.locmem import EmailBackend
from django.db import connection


class TransactionRecordingBackend(EmailBackend):
    """Django's locmem backend (mail.outbox) that records, for each send, whether the sending
    thread had a database transaction open, and runs `during_send` (a second worker, say)
    while the mail is going out."""

    in_transaction = []
    during_send = None

    def send_messages(self, messages):
        cls = TransactionRecordingBackend
        cls.in_transaction.append(connection.in_atomic_block)
        if cls.during_send is not None:
            callback, cls.during_send = cls.during_send, None
            callback()
        return super().send_messages(messages)
