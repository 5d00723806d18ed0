"""A real SMTP server on loopback (aiosmtpd), on a port of MASTHEAD_TEST_PORTS, with Django's
SMTP backend pointed at it."""

import email
import email.policy
import os
import threading

import pytest
from aiosmtpd.controller import Controller


def _ports() -> range:
    first, last = (int(n) for n in os.environ.get("MASTHEAD_TEST_PORTS", "8670-8679").split("-"))
    return range(first, last + 1)


class Inbox:
    def __init__(self):
        self.messages = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    def to(self, address: str):
        with self._lock:
            return [m for rcpts, m in self.messages if address in rcpts]

    @staticmethod
    def text(message) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()


@pytest.fixture
def smtp_inbox(settings):
    inbox = Inbox()
    controller = None
    for port in _ports():
        candidate = Controller(inbox, hostname="127.0.0.1", port=port)
        try:
            candidate.start()
        except (OSError, RuntimeError):
            continue
        controller = candidate
        break
    if controller is None:
        pytest.fail("No free port for the test SMTP server in MASTHEAD_TEST_PORTS")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    yield inbox
    controller.stop()
