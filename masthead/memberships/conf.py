"""Settings of the memberships app, with their defaults. Keys come from the environment
(settings/base.py, memberships section); everything else can be overridden in settings."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings


def secret_key() -> str:
    return getattr(settings, "STRIPE_SECRET_KEY", "") or ""


def publishable_key() -> str:
    return getattr(settings, "STRIPE_PUBLISHABLE_KEY", "") or ""


def webhook_secret() -> str:
    return getattr(settings, "STRIPE_WEBHOOK_SECRET", "") or ""


def api_base() -> str:
    """Where the Stripe library sends API calls; tests point it at a local fake server."""
    return getattr(settings, "STRIPE_API_BASE", "") or "https://api.stripe.com"


def missing_settings() -> list[str]:
    """Names of the settings that must be set before the site can take payments."""
    return [
        name
        for name, value in (
            ("STRIPE_SECRET_KEY", secret_key()),
            ("STRIPE_WEBHOOK_SECRET", webhook_secret()),
        )
        if not value
    ]


def payments_configured() -> bool:
    return not missing_settings()


def currency() -> str:
    """ISO currency of one-off donations (plans carry their own, from their Stripe price)."""
    return getattr(settings, "MEMBERSHIP_CURRENCY", "eur").lower()


def donation_min() -> Decimal:
    return Decimal(str(getattr(settings, "DONATION_MIN_AMOUNT", "1")))


def donation_max() -> Decimal:
    return Decimal(str(getattr(settings, "DONATION_MAX_AMOUNT", "10000")))


def past_due_grace_days() -> int:
    """Days a member whose card failed keeps reading while Stripe retries the payment."""
    return int(getattr(settings, "MEMBERSHIP_PAST_DUE_GRACE_DAYS", 7))


def premium_free_paragraphs() -> int:
    return int(getattr(settings, "PREMIUM_FREE_PARAGRAPHS", 3))
