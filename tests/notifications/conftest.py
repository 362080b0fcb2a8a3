"""A real SMTP server (aiosmtpd) on 127.0.0.1 inside the test process, and what arrived at it."""

import email
import email.policy

import pytest
from aiosmtpd.controller import Controller

from tests.server import free_port


class Inbox:
    """Collects every message the server accepted, parsed with the standard library."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"

    def only(self):
        assert len(self.messages) == 1, [message["Subject"] for _, message in self.messages]
        return self.messages[0]


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = False
    inbox.port = controller.port
    yield inbox
    controller.stop()


def parts(message):
    """(text, html, {filename: (content type, bytes)}) of a parsed message."""
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    attachments = {
        part.get_filename(): (part.get_content_type(), part.get_payload(decode=True))
        for part in message.iter_attachments()
    }
    return text, html, attachments
