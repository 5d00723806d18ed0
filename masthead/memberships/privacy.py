"""Hooks for the reader's account page: what the memberships app stores about a reader
("download my data") and how it forgets them ("delete my account")."""

from __future__ import annotations

import logging

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
    """Forget `user` here: the membership row goes; donations stay in the totals (the
    newsroom's accounts need them) but lose their link to the reader and the email address.
    Side effects: deletes and updates rows. The subscription at Stripe is not cancelled here;
    the account page should send a member to the billing portal first."""
    membership = Membership.objects.filter(user=user).first()
    if membership and membership.is_current:
        logger.warning(
            "Deleting reader %s with a current Stripe subscription %s",
            user.pk,
            membership.stripe_subscription_id,
        )
    Membership.objects.filter(user=user).delete()
    Donation.objects.filter(user=user).update(user=None, email="")
