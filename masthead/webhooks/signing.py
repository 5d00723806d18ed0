"""Secrets and signatures in the Standard Webhooks format (standardwebhooks.com): a secret is
`whsec_` + base64 of random bytes; each request carries `webhook-id`, `webhook-timestamp`
(Unix seconds) and `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">` keyed
with the decoded secret. The signing itself is the `standardwebhooks` package's."""

from __future__ import annotations

import base64
import secrets
from datetime import UTC, datetime

from standardwebhooks.webhooks import Webhook

SECRET_PREFIX = "whsec_"  # noqa: S105 - the format's prefix, not a secret
SECRET_BYTES = 32  # 256 bits, as long as the HMAC-SHA256 key can usefully be


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def new_message_id() -> str:
    return "msg_" + secrets.token_hex(16)


def signature_header(*, secrets_: list[str], message_id: str, timestamp: int, body: str) -> str:
    """One `v1,...` signature per secret, space separated (the new and, while a rotation is
    in its grace period, the old one)."""
    when = datetime.fromtimestamp(timestamp, tz=UTC)
    return " ".join(Webhook(s).sign(message_id, when, body) for s in secrets_)


def headers(*, secrets_: list[str], message_id: str, timestamp: int, body: str) -> dict[str, str]:
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature_header(
            secrets_=secrets_, message_id=message_id, timestamp=timestamp, body=body
        ),
    }
