"""The one place that builds a Stripe API client, from settings (conf.py)."""

from __future__ import annotations

import stripe

from . import conf


class PaymentsNotConfigured(Exception):
    """STRIPE_SECRET_KEY or STRIPE_WEBHOOK_SECRET is not set."""


def client() -> stripe.StripeClient:
    if not conf.payments_configured():
        raise PaymentsNotConfigured(", ".join(conf.missing_settings()))
    return stripe.StripeClient(
        conf.secret_key(),
        base_addresses={"api": conf.api_base()},
        max_network_retries=1,
    )
