"""Writes that talk to Stripe: starting Checkout for a membership or a donation, and opening
the billing portal. Webhook handling (what Stripe tells us back) lives in webhooks.py."""

from __future__ import annotations

import logging
from decimal import Decimal

from django.utils.translation import gettext

from . import conf
from .models import Donation, Membership, Plan
from .stripe_api import PaymentsNotConfigured, client

logger = logging.getLogger(__name__)

__all__ = [
    "AlreadyMember",
    "NoBillingAccount",
    "PaymentProviderError",
    "subscription_cancel_now",
    "PaymentsNotConfigured",
    "billing_portal_start",
    "donation_checkout_start",
    "membership_checkout_start",
]


class PaymentProviderError(Exception):
    """Stripe refused or could not be reached; the message is safe to show a reader."""


class AlreadyMember(Exception):
    pass


class NoBillingAccount(Exception):
    pass


def _stripe_call(fn, **params):
    import stripe  # loaded with the client (stripe_api.py): not in every worker

    try:
        return fn(params=params)
    except stripe.StripeError as error:
        logger.warning("Stripe call failed: %s", error)
        raise PaymentProviderError(
            gettext(
                "Our payment provider could not start the payment. Nothing was charged; "
                "please try again in a moment."
            )
        ) from error


def _ensure_customer(membership: Membership) -> str:
    """The reader's Stripe customer id, creating the customer at Stripe the first time.
    Side effects: a Stripe API call; saves the id on the membership."""
    if membership.stripe_customer_id:
        return membership.stripe_customer_id
    user = membership.user
    params = {"name": str(user), "metadata": {"user_id": str(user.pk)}}
    if user.email:
        params["email"] = user.email
    customer = _stripe_call(client().v1.customers.create, **params)
    membership.stripe_customer_id = customer.id
    membership.save(update_fields=["stripe_customer_id", "updated_at"])
    return customer.id


def membership_checkout_start(*, user, plan: Plan, success_url: str, cancel_url: str) -> str:
    """Start a Stripe Checkout session (subscription mode) for `plan` and return the URL to
    send the reader to. Side effects: may create the Stripe customer and the reader's
    Membership row (status "incomplete", which grants nothing); the webhook activates it."""
    if not plan.offered:
        raise ValueError("This plan is not offered.")
    stripe_client = client()  # raises PaymentsNotConfigured first
    membership, _ = Membership.objects.get_or_create(user=user)
    if membership.grants_access:
        raise AlreadyMember
    customer_id = _ensure_customer(membership)
    metadata = {"user_id": str(user.pk), "plan": plan.slug}
    session = _stripe_call(
        stripe_client.v1.checkout.sessions.create,
        mode="subscription",
        customer=customer_id,
        client_reference_id=str(user.pk),
        line_items=[{"price": plan.stripe_price_id, "quantity": 1}],
        success_url=success_url,
        cancel_url=cancel_url,
        metadata=metadata,
        subscription_data={"metadata": metadata},
    )
    return session.url


def donation_checkout_start(
    *, amount: Decimal, user=None, success_url: str, cancel_url: str, newsroom_name: str
) -> tuple[Donation, str]:
    """Record a pending Donation and start a Stripe Checkout session (payment mode) for it;
    return the donation and the URL to send the donor to. Side effects: a Donation row
    (removed again if Stripe refuses), a Stripe API call. The webhook marks it paid."""
    stripe_client = client()
    user = user if user is not None and user.is_authenticated else None
    donation = Donation.objects.create(
        user=user, email=(user.email if user else ""), amount=amount, currency=conf.currency()
    )
    params = {
        "mode": "payment",
        "submit_type": "donate",
        "client_reference_id": f"donation-{donation.pk}",
        "line_items": [
            {
                "quantity": 1,
                "price_data": {
                    "currency": donation.currency,
                    "unit_amount": donation.amount_minor_units,
                    # The reader sees this name on Stripe's page and receipt.
                    "product_data": {
                        "name": gettext("Donation to %(newsroom)s") % {"newsroom": newsroom_name}
                    },
                },
            }
        ],
        "success_url": success_url,
        "cancel_url": cancel_url,
        "metadata": {"donation_id": str(donation.pk), "user_id": str(user.pk) if user else ""},
    }
    if user and user.email:
        params["customer_email"] = user.email
    try:
        session = _stripe_call(stripe_client.v1.checkout.sessions.create, **params)
    except PaymentProviderError:
        donation.delete()
        raise
    donation.stripe_session_id = session.id
    donation.save(update_fields=["stripe_session_id"])
    return donation, session.url


def subscription_cancel_now(*, membership: Membership) -> None:
    """Stop a member's payments at Stripe at once (used when a reader deletes their account:
    nobody may go on being charged by an account that no longer exists). Raises
    PaymentsNotConfigured or PaymentProviderError; a subscription Stripe no longer knows is
    treated as already cancelled. Side effects: a Stripe API call."""
    stripe_client = client()
    import stripe

    try:
        stripe_client.v1.subscriptions.cancel(membership.stripe_subscription_id)
    except stripe.InvalidRequestError as error:
        if error.http_status != 404:
            raise PaymentProviderError(str(error.user_message or error)) from error
        logger.info("Subscription %s unknown to Stripe", membership.stripe_subscription_id)
    except stripe.StripeError as error:
        logger.warning("Stripe could not cancel %s: %s", membership.stripe_subscription_id, error)
        raise PaymentProviderError("Stripe could not be reached.") from error


def billing_portal_start(*, user, return_url: str) -> str:
    """A Stripe billing portal session where a member updates their card or cancels; returns
    its URL. Side effects: a Stripe API call."""
    stripe_client = client()
    membership = Membership.objects.filter(user=user).exclude(stripe_customer_id="").first()
    if membership is None:
        raise NoBillingAccount
    session = _stripe_call(
        stripe_client.v1.billing_portal.sessions.create,
        customer=membership.stripe_customer_id,
        return_url=return_url,
    )
    return session.url
