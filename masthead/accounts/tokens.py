"""Sign-in links: a signed, timestamped payload (address, nonce, where to go next).

The signature makes a link impossible to forge or alter; the timestamp makes it expire;
the nonce, recorded when the link is used, makes it single use."""

import secrets
from dataclasses import dataclass

from django.core import signing
from django.db import IntegrityError, transaction

from . import conf
from .models import UsedSignInToken

SALT = "masthead.accounts.sign-in-link"


class InvalidLink(Exception):
    """A link that must not sign anyone in. `reason` is one of: tampered, expired, used."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class SignInClaim:
    email: str
    nonce: str
    next_url: str


def make_token(*, email: str, next_url: str = "") -> str:
    payload = {"e": email, "n": secrets.token_urlsafe(18), "x": next_url}
    return signing.TimestampSigner(salt=SALT).sign_object(payload, compress=True)


def read_token(token: str) -> SignInClaim:
    """The claim in a token, or InvalidLink saying why not. Does not use the token up."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        payload = signer.unsign_object(token, max_age=conf.SIGN_IN_LINK_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise InvalidLink("expired") from exc
    except (signing.BadSignature, ValueError, TypeError, UnicodeError) as exc:
        raise InvalidLink("tampered") from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("e"), str):
        raise InvalidLink("tampered")
    claim = SignInClaim(
        email=payload["e"], nonce=str(payload.get("n", "")), next_url=str(payload.get("x", ""))
    )
    if not claim.nonce or UsedSignInToken.objects.filter(nonce=claim.nonce).exists():
        raise InvalidLink("used")
    return claim


def use_token(token: str) -> SignInClaim:
    """Check a token and mark it used, atomically: of two racing uses only one succeeds."""
    claim = read_token(token)
    try:
        with transaction.atomic():
            UsedSignInToken.objects.create(nonce=claim.nonce)
    except IntegrityError as exc:
        raise InvalidLink("used") from exc
    return claim
