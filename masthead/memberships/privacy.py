"""Hooks for the reader's account page: what the memberships app stores about a reader
("download my data") and how it forgets them ("delete my account")."""

from __future__ import annotations

import logging

from django.utils.translation import gettext

from .models import Donation, Membership

logger = logging.getLogger(__name__)


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def export_user_data(user) -> dict:
    """Everything this app stores about `user`, as JSON-ready data. No side effects."""
    membership = Membership.objects.filter(user=user).select_related("plan").first()
    data: dict = {"membership": None, "donations": []}
    if membership:
        data["membership"] = {
            "status": membership.status,
            "plan": membership.plan.name if membership.plan else None,
            "started_at": _iso(membership.started_at),
            "current_period_end": _iso(membership.current_period_end),
            "cancel_at_period_end": membership.cancel_at_period_end,
            "stripe_customer_id": membership.stripe_customer_id,
            "stripe_subscription_id": membership.stripe_subscription_id,
        }
    data["donations"] = [
        {
            "amount": str(donation.amount),
            "currency": donation.currency,
            "status": donation.status,
            "email": donation.email,
            "created_at": _iso(donation.created_at),
            "paid_at": _iso(donation.paid_at),
        }
        for donation in Donation.objects.filter(user=user).order_by("created_at")
    ]
    return data


def delete_user_data(user) -> None:
    """Forget `user` here: a current subscription is cancelled at Stripe first (an account
    that no longer exists must not go on paying), then the membership row goes; donations
    stay in the totals (the newsroom's accounts need them) but lose their link to the reader
    and the email address. Raises AccountDeletionRefused when Stripe cannot be told, so the
    reader is not deleted while still being charged. Side effects: a Stripe API call,
    deletes and updates rows."""
    from masthead.accounts.services import AccountDeletionRefused

    from . import services

    membership = Membership.objects.filter(user=user).first()
    if membership and membership.is_current and membership.stripe_subscription_id:
        try:
            services.subscription_cancel_now(membership=membership)
        except (services.PaymentProviderError, services.PaymentsNotConfigured) as error:
            logger.warning("Not deleting reader %s: %s", user.pk, error)
            raise AccountDeletionRefused(
                gettext(
                    "We could not cancel your membership payments with our payment provider, "
                    "so nothing was deleted. Please try again in a few minutes, or cancel the "
                    "membership from the billing page first."
                )
            ) from error
        logger.info("Cancelled %s of deleted reader %s", membership.stripe_subscription_id, user.pk)
    Membership.objects.filter(user=user).delete()
    Donation.objects.filter(user=user).update(user=None, email="")
