"""Signed links in emails (django.core.signing), so no reader needs an account or a password.

- confirm: which subscriptions to activate; expires (NEWSLETTER_CONFIRM_MAX_AGE).
- manage: one subscriber's preference page; does not expire (old issues keep working).
- unsubscribe: one subscriber leaving one newsletter (RFC 8058 one-click); does not expire.
Each kind has its own salt, so one kind of token is never accepted as another."""

from __future__ import annotations

from django.core import signing

from . import conf

_CONFIRM = signing.TimestampSigner(salt="masthead.newsletters.confirm")
_MANAGE = signing.Signer(salt="masthead.newsletters.manage")
_UNSUBSCRIBE = signing.Signer(salt="masthead.newsletters.unsubscribe")


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
    return _MANAGE.sign(str(subscriber_id))


def read_manage_token(token: str) -> int:
    try:
        return _ids(_MANAGE.unsign(token), 1)[0]
    except signing.BadSignature as error:
        raise BadToken(token) from error


def unsubscribe_token(*, subscriber_id: int, newsletter_id: int) -> str:
    return _UNSUBSCRIBE.sign(f"{subscriber_id}-{newsletter_id}")


def read_unsubscribe_token(token: str) -> tuple[int, int]:
    try:
        return _ids(_UNSUBSCRIBE.unsign(token), 2)
    except signing.BadSignature as error:
        raise BadToken(token) from error
