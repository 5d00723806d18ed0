"""Signed links in emails (django.core.signing), so no reader needs an account or a password.

- confirm: which subscriptions to activate; expires (NEWSLETTER_CONFIRM_MAX_AGE).
- manage: one subscriber's preference page; does not expire (old issues keep working).
- unsubscribe: one subscriber leaving one newsletter (RFC 8058 one-click); does not expire.
Each kind has its own salt, so one kind of token is never accepted as another."""

from __future__ import annotations

import base64
import hashlib
import hmac

from django.core import signing
from django.utils.encoding import force_bytes

from . import conf

# The subscriber id in the links of a test send to an address that is not subscribed: no row
# has it (ids start at 1), so those links change nothing and say where they came from.
TEST_SUBSCRIBER_ID = 0

_CONFIRM = signing.TimestampSigner(salt="masthead.newsletters.confirm")
_MANAGE = signing.Signer(salt="masthead.newsletters.manage")
_UNSUBSCRIBE = signing.Signer(salt="masthead.newsletters.unsubscribe")


class _Sign:
    """`signer.sign`, for the links of a newsletter issue (two per message, 100,000 messages):
    the same token, which `signer.unsign` reads back, with Django's derived HMAC key (a hash of
    salt and secret, `salted_hmac`) computed once instead of on every call."""

    def __init__(self, signer: signing.Signer):
        self.signer = signer
        self.key = None
        self.mac = None

    def __call__(self, value: str) -> str:
        signer = self.signer
        if self.key != signer.key:
            derived = hashlib.new(
                signer.algorithm, force_bytes(signer.salt + "signer") + force_bytes(signer.key)
            ).digest()
            self.mac = hmac.new(derived, digestmod=signer.algorithm)
            self.key = signer.key
        mac = self.mac.copy()
        mac.update(value.encode())
        signature = base64.urlsafe_b64encode(mac.digest()).rstrip(b"=").decode()
        return f"{value}{signer.sep}{signature}"


_sign_manage = _Sign(_MANAGE)
_sign_unsubscribe = _Sign(_UNSUBSCRIBE)


class BadToken(Exception):
    """The link was altered or cut short."""


class ExpiredToken(BadToken):
    """The link was genuine but is too old."""


def _ids(value: str, count: int) -> tuple[int, ...]:
    parts = value.split("-")
    if len(parts) != count or not all(part.isdigit() and len(part) < 19 for part in parts):
        raise BadToken(value)
    return tuple(int(part) for part in parts)


def confirm_token(*, subscriber_id: int, newsletter_id: int) -> str:
    return _CONFIRM.sign(f"{subscriber_id}-{newsletter_id}")


def read_confirm_token(token: str) -> tuple[int, int]:
    try:
        value = _CONFIRM.unsign(token, max_age=conf.get("CONFIRM_MAX_AGE"))
    except signing.SignatureExpired as error:
        raise ExpiredToken(token) from error
    except signing.BadSignature as error:
        raise BadToken(token) from error
    return _ids(value, 2)


def manage_token(subscriber_id: int) -> str:
    return _sign_manage(str(subscriber_id))


def read_manage_token(token: str) -> int:
    try:
        return _ids(_MANAGE.unsign(token), 1)[0]
    except signing.BadSignature as error:
        raise BadToken(token) from error


def unsubscribe_token(*, subscriber_id: int, newsletter_id: int) -> str:
    return _sign_unsubscribe(f"{subscriber_id}-{newsletter_id}")


def read_unsubscribe_token(token: str) -> tuple[int, int]:
    try:
        return _ids(_UNSUBSCRIBE.unsign(token), 2)
    except signing.BadSignature as error:
        raise BadToken(token) from error
