"""Hooks for the reader's account page (see accounts/services.py privacy_modules): what the
newsletters app stores about a reader ("download my data") and how it forgets them ("delete
my account"). Subscribers are kept by address, not by account, so the reader's account
address (proven by their sign-in link) is what finds them."""

from __future__ import annotations

from .models import Subscriber


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _subscriber_of(user) -> Subscriber | None:
    if not user.email:
        return None
    return Subscriber.objects.filter(email__iexact=user.email.strip()).first()


def export_user_data(user) -> dict:
    """The address's subscriptions: newsletter, status, when and how consent was given. No
    side effects."""
    subscriber = _subscriber_of(user)
    if subscriber is None:
        return {"subscriber": None, "subscriptions": []}
    subscriptions = subscriber.subscriptions.select_related("newsletter").order_by("created_at")
    return {
        "subscriber": {
            "email": subscriber.email,
            "created_at": _iso(subscriber.created_at),
            "paused": subscriber.paused,
            "suppressed_at": _iso(subscriber.suppressed_at),
            "suppressed_reason": subscriber.suppressed_reason,
        },
        "subscriptions": [
            {
                "newsletter": s.newsletter.name,
                "newsletter_slug": s.newsletter.slug,
                "status": s.status,
                "requested_at": _iso(s.created_at),
                "consent_at": _iso(s.confirmed_at),
                "consent_source": s.get_consent_source_display() if s.consent_source else None,
                "unsubscribed_at": _iso(s.unsubscribed_at),
            }
            for s in subscriptions
        ],
    }


def delete_user_data(user) -> None:
    """Forget the reader's address here: the subscriber row goes, and with it every
    subscription, queued delivery (an issue being sent skips them) and bounce record. Sent
    issues keep their recipient totals. Side effect: deletes rows."""
    subscriber = _subscriber_of(user)
    if subscriber is not None:
        subscriber.delete()
