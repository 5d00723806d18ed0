"""Email transport extras. Delivery itself is any Django email backend (SMTP by default,
django-anymail's for providers: set EMAIL_BACKEND or NEWSLETTER_EMAIL_BACKEND).

DKIMBackend: Django's SMTP backend that signs each message with dkimpy, for sites sending
straight to the internet. Settings: DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY (PEM text)
or DKIM_PRIVATE_KEY_PATH."""

from __future__ import annotations

import smtplib
from pathlib import Path

import dkim
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address

SIGNED_HEADERS = [
    b"from",
    b"to",
    b"subject",
    b"date",
    b"message-id",
    b"reply-to",
    b"mime-version",
    b"content-type",
    b"list-id",
    b"list-unsubscribe",
    b"list-unsubscribe-post",
]


def _dkim_settings() -> tuple[bytes, bytes, bytes]:
    domain = getattr(settings, "DKIM_DOMAIN", "")
    selector = getattr(settings, "DKIM_SELECTOR", "")
    key = getattr(settings, "DKIM_PRIVATE_KEY", "")
    path = getattr(settings, "DKIM_PRIVATE_KEY_PATH", "")
    if not key and path:
        key = Path(path).read_text()
    if not (domain and selector and key):
        raise ImproperlyConfigured("DKIMBackend needs DKIM_DOMAIN, DKIM_SELECTOR and a key.")
    return selector.encode(), domain.encode(), key.encode()


def dkim_sign(raw: bytes) -> bytes:
    """The message with a DKIM-Signature header prepended (relaxed/relaxed, rsa-sha256)."""
    selector, domain, key = _dkim_settings()
    signature = dkim.sign(
        raw,
        selector,
        domain,
        key,
        include_headers=SIGNED_HEADERS,
        canonicalize=(b"relaxed", b"relaxed"),
        linesep=b"\r\n",
    )
    return signature + raw


class DKIMBackend(SMTPBackend):
    """SMTP with DKIM signing of every message."""

    def prepare_raw(self, raw: bytes) -> bytes:
        """Used by the sending engine, which hands over ready-made message bytes."""
        return dkim_sign(raw)

    def _send(self, email_message):
        if not email_message.recipients():
            return False
        encoding = email_message.encoding or settings.DEFAULT_CHARSET
        from_email = sanitize_address(email_message.from_email, encoding)
        recipients = [sanitize_address(addr, encoding) for addr in email_message.recipients()]
        raw = dkim_sign(email_message.message().as_bytes(linesep="\r\n"))
        try:
            self.connection.sendmail(from_email, recipients, raw)
        except smtplib.SMTPException:
            if not self.fail_silently:
                raise
            return False
        return True
