"""Stripe webhooks: what Stripe tells us about subscriptions and payments, applied to the
Membership and Donation rows.

Three guarantees:
- only signed events are read (views.stripe_webhook verifies with the webhook secret);
- a replayed event changes nothing: each event id is stored (StripeEvent) in the same
  transaction that applies it;
- events arriving out of order never regress state: a membership remembers the Stripe time
  of the event that last set it (`state_as_of`) and the creation time of its subscription;
  older events for the same subscription, and any event for an older subscription, are
  ignored; a cancelled subscription is never revived (Stripe never revives one either).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from masthead.core.ids import InvalidId, parse_id

from .models import Donation, Membership, Plan, StripeEvent

logger = logging.getLogger(__name__)

APPLIED, DUPLICATE, IGNORED, STALE = "applied", "duplicate", "ignored", "stale"

# Stripe subscription status -> our membership status.
STATUS_FROM_STRIPE = {
    "active": Membership.ACTIVE,
    "trialing": Membership.ACTIVE,
    "past_due": Membership.PAST_DUE,
    "unpaid": Membership.CANCELLED,
    "canceled": Membership.CANCELLED,
    "incomplete_expired": Membership.CANCELLED,
    "incomplete": Membership.INCOMPLETE,
    "paused": Membership.INCOMPLETE,
}
# When two events carry the same second, the one further along the lifecycle wins.
RANK = {
    Membership.INCOMPLETE: 0,
    Membership.ACTIVE: 1,
    Membership.PAST_DUE: 1,
    Membership.CANCELLED: 2,
}


class MalformedEvent(Exception):
    """A signed event whose content we cannot use (missing ids, wrong types)."""


def _time(value) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        return datetime.fromtimestamp(int(value), tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError) as error:
        raise MalformedEvent(f"bad timestamp {value!r}") from error


def _user_id(*candidates) -> int | None:
    user_ids = get_user_model().objects.values_list("pk", flat=True)
    for value in candidates:
        if value in (None, ""):
            continue
        try:
            user_id = parse_id(value)
        except InvalidId:
            continue
        if user_ids.filter(pk=user_id).exists():
            return user_id
    return None


def _locked_membership(**lookup) -> Membership | None:
    return Membership.objects.select_for_update().filter(**lookup).first()


def _membership_for(*, subscription_id="", customer_id="", user_id=None) -> Membership | None:
    """The membership an event is about, locked: by subscription, then customer, then the
    user id we put in the metadata when starting Checkout."""
    if subscription_id and (found := _locked_membership(stripe_subscription_id=subscription_id)):
        return found
    if customer_id and (found := _locked_membership(stripe_customer_id=customer_id)):
        return found
    if user_id is not None:
        Membership.objects.get_or_create(user_id=user_id)
        return _locked_membership(user_id=user_id)
    return None


def _is_stale(
    membership: Membership,
    *,
    subscription_id: str,
    subscription_created,
    status: str,
    as_of: datetime,
) -> bool:
    """True when applying (subscription_id, status, as_of) would overwrite newer state."""
    current_sub = membership.stripe_subscription_id
    if current_sub and current_sub != subscription_id:
        # Another subscription: only a newer one replaces the stored one.
        stored = membership.subscription_created
        return bool(stored and subscription_created and subscription_created < stored) or bool(
            stored and not subscription_created and as_of < stored
        )
    if current_sub == subscription_id and membership.status == Membership.CANCELLED:
        return status != Membership.CANCELLED or bool(
            membership.state_as_of and as_of <= membership.state_as_of
        )
    if membership.state_as_of is None:
        return False
    if as_of < membership.state_as_of:
        return True
    return as_of == membership.state_as_of and RANK[status] < RANK[membership.status]


def _apply_state(
    membership: Membership,
    *,
    subscription_id: str,
    subscription_created,
    status: str,
    as_of: datetime,
    **fields,
) -> str:
    if _is_stale(
        membership,
        subscription_id=subscription_id,
        subscription_created=subscription_created,
        status=status,
        as_of=as_of,
    ):
        return STALE
    if membership.stripe_subscription_id != subscription_id:
        membership.past_due_since = None
    membership.stripe_subscription_id = subscription_id
    if subscription_created or membership.subscription_created is None:
        membership.subscription_created = subscription_created or as_of
    if status == Membership.PAST_DUE:
        if membership.status != Membership.PAST_DUE or membership.past_due_since is None:
            membership.past_due_since = as_of
    else:
        membership.past_due_since = None
    if status == Membership.ACTIVE and membership.started_at is None:
        membership.started_at = as_of
    membership.status = status
    membership.state_as_of = as_of
    for name, value in fields.items():
        if value is not None:
            setattr(membership, name, value)
    membership.save()
    return APPLIED


def _plan_for(subscription: dict) -> Plan | None:
    items = (subscription.get("items") or {}).get("data") or []
    price_ids = [((item.get("price") or {}).get("id")) for item in items]
    plan = Plan.objects.filter(stripe_price_id__in=[p for p in price_ids if p]).first()
    if plan is None:
        slug = (subscription.get("metadata") or {}).get("plan")
        plan = Plan.objects.filter(slug=slug).first() if slug else None
    return plan


def _period_end(subscription: dict):
    if subscription.get("current_period_end"):
        return _time(subscription["current_period_end"])
    # Newer Stripe API versions keep the period on each subscription item.
    ends = [
        item.get("current_period_end")
        for item in (subscription.get("items") or {}).get("data") or []
        if item.get("current_period_end")
    ]
    return _time(max(ends)) if ends else None


def on_subscription(subscription: dict, as_of: datetime, event_type: str) -> str:
    subscription_id = subscription.get("id")
    if not isinstance(subscription_id, str) or not subscription_id:
        raise MalformedEvent("subscription without id")
    if event_type == "customer.subscription.deleted":
        status = Membership.CANCELLED
    else:
        status = STATUS_FROM_STRIPE.get(subscription.get("status"), Membership.INCOMPLETE)
    metadata = subscription.get("metadata") or {}
    customer_id = subscription.get("customer") or ""
    if isinstance(customer_id, dict):
        customer_id = customer_id.get("id", "")
    membership = _membership_for(
        subscription_id=subscription_id,
        customer_id=customer_id,
        user_id=_user_id(metadata.get("user_id")),
    )
    if membership is None:
        logger.info("Stripe subscription %s belongs to no reader here", subscription_id)
        return IGNORED
    return _apply_state(
        membership,
        subscription_id=subscription_id,
        subscription_created=_time(subscription.get("created")),
        status=status,
        as_of=as_of,
        stripe_customer_id=customer_id or None,
        current_period_end=_period_end(subscription),
        cancel_at_period_end=bool(subscription.get("cancel_at_period_end")),
        plan=_plan_for(subscription),
    )


def _on_membership_checkout(session: dict, as_of: datetime) -> str:
    metadata = session.get("metadata") or {}
    user_id = _user_id(session.get("client_reference_id"), metadata.get("user_id"))
    customer_id = session.get("customer") or ""
    subscription_id = session.get("subscription") or ""
    if isinstance(subscription_id, dict):
        subscription_id = subscription_id.get("id", "")
    membership = _membership_for(
        subscription_id=subscription_id, customer_id=customer_id, user_id=user_id
    )
    if membership is None:
        return IGNORED
    if customer_id and not membership.stripe_customer_id:
        membership.stripe_customer_id = customer_id
        membership.save(update_fields=["stripe_customer_id", "updated_at"])
    if not subscription_id or session.get("payment_status") not in ("paid", "no_payment_required"):
        return APPLIED
    slug = metadata.get("plan")
    return _apply_state(
        membership,
        subscription_id=subscription_id,
        subscription_created=None,
        status=Membership.ACTIVE,
        as_of=as_of,
        plan=Plan.objects.filter(slug=slug).first() if slug else None,
    )


def _donation_for(session: dict) -> Donation | None:
    donation_id = (session.get("metadata") or {}).get("donation_id")
    query = Donation.objects.select_for_update()
    try:
        found = query.filter(pk=parse_id(donation_id)).first() if donation_id else None
    except InvalidId:
        found = None
    if found:
        return found
    session_id = session.get("id")
    return query.filter(stripe_session_id=session_id).first() if session_id else None


def _on_donation_paid(session: dict, as_of: datetime) -> str:
    donation = _donation_for(session)
    if donation is None:
        # A payment started elsewhere (a Stripe payment link, say): record it all the same.
        donation = Donation(stripe_session_id=session.get("id") or "")
    if donation.status == Donation.PAID:
        return IGNORED
    amount_total = session.get("amount_total")
    if amount_total is not None:
        try:
            donation.amount = Decimal(int(amount_total)) / 100
        except (TypeError, ValueError) as error:
            raise MalformedEvent("bad amount_total") from error
    if donation.amount is None:
        raise MalformedEvent("donation without amount")
    donation.currency = (session.get("currency") or donation.currency or "").lower()[:3]
    email = (session.get("customer_details") or {}).get("email") or ""
    donation.email = donation.email or email[:254]
    intent = session.get("payment_intent") or ""
    donation.stripe_payment_intent_id = intent if isinstance(intent, str) else intent.get("id", "")
    donation.status = Donation.PAID
    donation.paid_at = as_of
    donation.save()
    return APPLIED


def on_checkout_completed(session: dict, as_of: datetime, event_type: str) -> str:
    mode = session.get("mode")
    if mode == "subscription":
        return _on_membership_checkout(session, as_of)
    if mode == "payment":
        if session.get("payment_status") == "paid":
            return _on_donation_paid(session, as_of)
        return IGNORED  # paid later: checkout.session.async_payment_succeeded
    return IGNORED


def on_checkout_async_paid(session: dict, as_of: datetime, event_type: str) -> str:
    if session.get("mode") == "payment":
        return _on_donation_paid({**session, "payment_status": "paid"}, as_of)
    return _on_membership_checkout({**session, "payment_status": "paid"}, as_of)


def on_checkout_unpaid(session: dict, as_of: datetime, event_type: str) -> str:
    if session.get("mode") != "payment":
        return IGNORED
    donation = _donation_for(session)
    if donation is None or donation.status != Donation.PENDING:
        return IGNORED
    donation.status = Donation.EXPIRED
    donation.save(update_fields=["status"])
    return APPLIED


HANDLERS = {
    "customer.subscription.created": on_subscription,
    "customer.subscription.updated": on_subscription,
    "customer.subscription.deleted": on_subscription,
    "customer.subscription.paused": on_subscription,
    "customer.subscription.resumed": on_subscription,
    "checkout.session.completed": on_checkout_completed,
    "checkout.session.async_payment_succeeded": on_checkout_async_paid,
    "checkout.session.async_payment_failed": on_checkout_unpaid,
    "checkout.session.expired": on_checkout_unpaid,
}


def stripe_event_apply(event: dict) -> str:
    """Apply one verified Stripe event, at most once. Returns applied, duplicate (already
    seen), stale (older than the stored state) or ignored (nothing of ours). Side effects:
    a StripeEvent row and changes to Membership/Donation rows, in one transaction.
    Raises MalformedEvent for content it cannot use (nothing is stored then)."""
    event_id, event_type = event.get("id"), event.get("type")
    if not isinstance(event_id, str) or not event_id or not isinstance(event_type, str):
        raise MalformedEvent("event without id or type")
    as_of = _time(event.get("created"))
    if as_of is None:
        raise MalformedEvent("event without created time")
    obj = (event.get("data") or {}).get("object")
    if not isinstance(obj, dict):
        raise MalformedEvent("event without data.object")
    with transaction.atomic():
        try:
            with transaction.atomic():
                StripeEvent.objects.create(
                    event_id=event_id[:100], type=event_type[:100], created=as_of
                )
        except IntegrityError:
            return DUPLICATE
        handler = HANDLERS.get(event_type)
        if handler is None:
            return IGNORED
        try:
            return handler(obj, as_of, event_type)
        except (AttributeError, TypeError, KeyError) as error:
            raise MalformedEvent(str(error)) from error
