"""A real SMTP server on loopback (aiosmtpd), and Django pointed at it."""

import email
import email.policy
import os
import threading

import pytest
from aiosmtpd.controller import Controller

# This worktree's own port range; MASTHEAD_TEST_PORTS="LOW-HIGH" for someone sharing the machine.
_LOW, _HIGH = (int(n) for n in os.environ.get("MASTHEAD_TEST_PORTS", "8300-8399").split("-"))
PORTS = range(_LOW, _HIGH + 1)


class Inbox:
    def __init__(self):
        self.messages = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"

    def to(self, address: str):
        return [m for rcpts, m in self.messages if address in rcpts]

    @staticmethod
    def text(message) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()


def send_mail_to_loopback(settings, port: int) -> None:
    """Point Django's SMTP backend at a plain, unauthenticated test server on loopback."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10


@pytest.fixture
def smtp_inbox(settings):
    inbox = Inbox()
    controller = None
    for port in PORTS:
        candidate = Controller(inbox, hostname="127.0.0.1", port=port)
        try:
            candidate.start()
        except (OSError, RuntimeError):
            continue
        controller = candidate
        break
    if controller is None:
        pytest.fail(f"No free port for the test SMTP server in {_LOW}-{_HIGH}")
    send_mail_to_loopback(settings, controller.port)
    yield inbox
    controller.stop()
