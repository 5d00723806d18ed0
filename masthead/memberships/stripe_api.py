"""The one place that builds a Stripe API client, from settings (conf.py).

The stripe package is imported when a payment needs it, not when a server process starts:
it adds about 20 MB to every web worker, and most requests never pay."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import conf

if TYPE_CHECKING:
    import stripe


class PaymentsNotConfigured(Exception):
    """STRIPE_SECRET_KEY or STRIPE_WEBHOOK_SECRET is not set."""


def client() -> stripe.StripeClient:
    if not conf.payments_configured():
        raise PaymentsNotConfigured(", ".join(conf.missing_settings()))
    import stripe

    return stripe.StripeClient(
        conf.secret_key(),
        base_addresses={"api": conf.api_base()},
        max_network_retries=1,
    )
