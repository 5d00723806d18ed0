"""The newsletters app's settings, each overridable in Django settings or the environment
(NEWSLETTER_<NAME>). Read through `get()` so tests can change them with `settings`."""

from __future__ import annotations

import os

from django.conf import settings

DEFAULTS = {
    # Double opt-in: how long a confirmation link works.
    "CONFIRM_MAX_AGE": 3 * 24 * 3600,
    # Sign-up rate limits: attempts per window, per client address and per email address.
    "RATE_WINDOW": 3600,
    "RATE_PER_CLIENT": 20,
    "RATE_PER_ADDRESS": 3,
    # Sending engine.
    "EMAIL_BACKEND": "",  # empty: Django's EMAIL_BACKEND (SMTP, anymail, ...)
    "BATCH_SIZE": 500,  # deliveries one worker claims at a time (one SMTP connection each)
    "LEASE_SECONDS": 120,  # a claim not finished by then is taken over by another worker
    "SENDERS": 2,  # sender tasks started per issue (run in parallel by separate workers)
    "SEND_RATE": 0.0,  # messages per second for one issue, all senders together; 0: no limit
    "MAX_ATTEMPTS": 5,  # temporary (4xx) failures are retried this many times
    "RETRY_BASE_SECONDS": 30,  # backoff: base * 2 ** (attempt - 1)
    # Bounces (services.bounce_record): a complaint suppresses an address at once; so does a
    # hard bounce, unless the limit is raised (for a server that refuses with 5xx for policy
    # reasons); soft bounces suppress when SOFT_BOUNCE_LIMIT of them fall within the window.
    "HARD_BOUNCE_LIMIT": 1,
    "SOFT_BOUNCE_LIMIT": 3,
    "SOFT_BOUNCE_WINDOW": 30 * 24 * 3600,
    "WATCH_SECONDS": 30,  # how often the watchdog checks an issue that is being sent
    # RFC 8058: mailto address in List-Unsubscribe (empty: unsubscribe@<sender domain>).
    "UNSUBSCRIBE_MAILTO": "",
}

_INT = {
    "CONFIRM_MAX_AGE",
    "RATE_WINDOW",
    "RATE_PER_CLIENT",
    "RATE_PER_ADDRESS",
    "BATCH_SIZE",
    "LEASE_SECONDS",
    "SENDERS",
    "MAX_ATTEMPTS",
    "RETRY_BASE_SECONDS",
    "HARD_BOUNCE_LIMIT",
    "SOFT_BOUNCE_LIMIT",
    "SOFT_BOUNCE_WINDOW",
    "WATCH_SECONDS",
}


def get(name: str):
    key = f"NEWSLETTER_{name}"
    if hasattr(settings, key):
        return getattr(settings, key)
    raw = os.environ.get(key)
    if raw is None:
        return DEFAULTS[name]
    if name in _INT:
        return int(raw)
    if name == "SEND_RATE":
        return float(raw)
    return raw
