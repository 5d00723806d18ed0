"""Stripe webhooks, posted with payloads signed locally the way Stripe signs them."""

import json
import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from masthead.memberships.models import Donation, Membership, StripeEvent

pytestmark = pytest.mark.django_db

T = int(time.time()) - 3600  # event times in the last hour


def membership_of(user) -> Membership:
    return Membership.objects.get(user=user)


def test_a_signed_subscription_event_makes_the_reader_a_member(events, reader, plans):
    response = events.post(events.subscription(user=reader, status="active", created=T))
    assert response.status_code == 200
    assert response.json() == {"status": "applied"}
    membership = membership_of(reader)
    assert membership.status == Membership.ACTIVE
    assert membership.grants_access
    assert membership.plan == plans["monthly"]
    assert membership.stripe_customer_id == "cus_1"
    assert membership.current_period_end is not None


def test_a_wrong_signature_is_rejected_and_changes_nothing(events, reader):
    event = events.subscription(user=reader, status="active")
    response = events.post(event, secret="whsec_someone_else")
    assert response.status_code == 400
    assert "signature" in response.json()["error"].lower()
    assert not Membership.objects.exists()
    assert not StripeEvent.objects.exists()


def test_a_tampered_payload_is_rejected(events, reader):
    event = events.subscription(user=reader, status="past_due")
    payload = json.dumps(event)
    from .conftest import WEBHOOK_SECRET
    from .fake_stripe import sign

    header = sign(payload, WEBHOOK_SECRET)
    tampered = payload.replace('"past_due"', '"active"')
    response = events.post(tampered, signature=header)
    assert response.status_code == 400
    assert not Membership.objects.exists()


def test_a_missing_signature_header_is_rejected(events, reader):
    response = events.post(events.subscription(user=reader), signature="")
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


def test_an_old_signature_timestamp_is_rejected_as_a_replay_attack(events, reader):
    response = events.post(events.subscription(user=reader), timestamp=int(time.time()) - 3600)
    assert response.status_code == 400
    assert not Membership.objects.exists()


def test_a_signed_payload_that_is_not_json_is_rejected(events):
    response = events.post("this is not json {")
    assert response.status_code == 400


def test_a_signed_event_without_an_object_is_rejected_and_not_marked_processed(events):
    response = events.post(
        {"id": "evt_broken", "type": "customer.subscription.updated", "created": T, "data": {}}
    )
    assert response.status_code == 400
    assert not StripeEvent.objects.filter(event_id="evt_broken").exists()


def test_an_oversized_payload_is_refused(events):
    response = events.post({"id": "evt_big", "padding": "x" * 300_000})
    assert response.status_code == 413


def test_the_webhook_only_accepts_post(client, stripe_keys):
    assert client.get("/stripe/webhook/").status_code == 405


def test_without_a_webhook_secret_the_endpoint_says_it_is_not_configured(client, no_stripe_keys):
    response = client.post(
        "/stripe/webhook/",
        data="{}",
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE="t=1,v1=00",
    )
    assert response.status_code == 503


def test_a_replayed_event_changes_nothing(events, reader):
    first = events.subscription(user=reader, status="active", created=T)
    events.post(first)
    events.post(events.subscription(user=reader, status="past_due", created=T + 60))
    assert membership_of(reader).status == Membership.PAST_DUE

    replay = events.post(first)
    assert replay.status_code == 200
    assert replay.json() == {"status": "duplicate"}
    assert membership_of(reader).status == Membership.PAST_DUE
    assert StripeEvent.objects.filter(event_id=first["id"]).count() == 1


def test_an_older_event_arriving_late_does_not_overwrite_newer_state(events, reader):
    events.post(events.subscription(user=reader, status="active", created=T + 120))
    late = events.post(events.subscription(user=reader, status="past_due", created=T))
    assert late.json() == {"status": "stale"}
    membership = membership_of(reader)
    assert membership.status == Membership.ACTIVE
    assert membership.past_due_since is None


def test_a_cancelled_subscription_is_never_revived_by_a_late_update(events, reader):
    events.post(
        events.subscription(
            user=reader, type="customer.subscription.deleted", status="canceled", created=T + 300
        )
    )
    events.post(events.subscription(user=reader, status="active", created=T + 200))
    membership = membership_of(reader)
    assert membership.status == Membership.CANCELLED
    assert not membership.grants_access


def test_events_in_the_same_second_never_step_back_from_active_to_incomplete(events, reader):
    events.post(events.subscription(user=reader, status="active", created=T))
    events.post(
        events.subscription(
            user=reader, type="customer.subscription.created", status="incomplete", created=T
        )
    )
    assert membership_of(reader).status == Membership.ACTIVE


def test_a_late_event_about_an_older_subscription_leaves_the_new_one_alone(events, reader):
    events.post(
        events.subscription(
            user=reader, sub="sub_new", sub_created=T, status="active", created=T + 10
        )
    )
    events.post(
        events.subscription(
            user=reader,
            sub="sub_old",
            sub_created=T - 90_000,
            type="customer.subscription.deleted",
            status="canceled",
            created=T + 20,
        )
    )
    membership = membership_of(reader)
    assert membership.stripe_subscription_id == "sub_new"
    assert membership.status == Membership.ACTIVE


def test_a_newer_subscription_replaces_a_cancelled_one(events, reader):
    events.post(
        events.subscription(
            user=reader,
            sub="sub_old",
            sub_created=T - 90_000,
            type="customer.subscription.deleted",
            status="canceled",
            created=T,
        )
    )
    events.post(
        events.subscription(
            user=reader, sub="sub_new", sub_created=T + 5, status="active", created=T + 10
        )
    )
    membership = membership_of(reader)
    assert (membership.stripe_subscription_id, membership.status) == ("sub_new", "active")


def test_the_membership_goes_past_due_then_cancelled_as_stripe_reports(events, reader):
    events.post(events.subscription(user=reader, status="active", created=T))
    events.post(events.subscription(user=reader, status="past_due", created=T + 60))
    membership = membership_of(reader)
    assert membership.status == Membership.PAST_DUE
    assert membership.grants_access  # within the grace period
    events.post(
        events.subscription(
            user=reader, type="customer.subscription.deleted", status="canceled", created=T + 120
        )
    )
    assert membership_of(reader).status == Membership.CANCELLED
    assert not membership_of(reader).grants_access


def test_past_due_stops_granting_access_after_the_grace_period(reader, settings):
    settings.MEMBERSHIP_PAST_DUE_GRACE_DAYS = 7
    membership = Membership.objects.create(
        user=reader,
        status=Membership.PAST_DUE,
        past_due_since=timezone.now() - timedelta(days=8),
    )
    assert not membership.grants_access
    membership.past_due_since = timezone.now() - timedelta(days=6)
    assert membership.grants_access


def test_checkout_completion_makes_the_reader_a_member_before_the_subscription_events(
    events, reader, plans
):
    response = events.post(events.checkout_completed(user=reader, created=T))
    assert response.json() == {"status": "applied"}
    membership = membership_of(reader)
    assert membership.status == Membership.ACTIVE
    assert membership.plan == plans["monthly"]
    # Stripe's subscription.created (status incomplete) often arrives after, same second.
    events.post(
        events.subscription(
            user=reader, type="customer.subscription.created", status="incomplete", created=T
        )
    )
    assert membership_of(reader).status == Membership.ACTIVE


def test_an_event_for_a_customer_we_do_not_know_is_acknowledged_and_ignored(events):
    response = events.post(events.subscription(customer="cus_elsewhere", sub="sub_elsewhere"))
    assert response.json() == {"status": "ignored"}
    assert not Membership.objects.exists()


def test_a_paid_donation_checkout_marks_the_donation_paid(events, reader):
    donation = Donation.objects.create(
        user=reader, amount=Decimal("25"), currency="eur", stripe_session_id="cs_test_don"
    )
    events.post(
        events.checkout_completed(
            mode="payment", donation=donation, session_id="cs_test_don", amount_total=2500
        )
    )
    donation.refresh_from_db()
    assert donation.status == Donation.PAID
    assert donation.amount == Decimal("25.00")
    assert donation.paid_at is not None
    assert Donation.objects.totals_by_currency() == [
        {"currency": "eur", "count": 1, "total": Decimal("25.00")}
    ]


def test_a_replayed_donation_event_does_not_count_the_money_twice(events):
    event = events.checkout_completed(mode="payment", session_id="cs_link", amount_total=1000)
    events.post(event)
    events.post(event)
    assert Donation.objects.paid().count() == 1


def test_an_expired_donation_checkout_is_marked_expired(events):
    donation = Donation.objects.create(
        amount=Decimal("5"), currency="eur", stripe_session_id="cs_gone"
    )
    event = events.checkout_completed(
        mode="payment", donation=donation, session_id="cs_gone", payment_status="unpaid"
    )
    event["type"] = "checkout.session.expired"
    events.post(event)
    donation.refresh_from_db()
    assert donation.status == Donation.EXPIRED


@pytest.mark.parametrize(
    "payload",
    [
        "[]",
        '[{"id": "evt_list", "type": "customer.subscription.updated"}]',
        '"just a string"',
        "12345678901234567890123456789",
        "null",
        {"id": "evt_l1", "type": "customer.subscription.updated", "created": T, "data": []},
        {
            "id": "evt_l2",
            "type": "checkout.session.completed",
            "created": T,
            "data": {"object": []},
        },
        {"id": ["evt_l3"], "type": "customer.subscription.updated", "created": T, "data": {}},
        {"id": "evt_l4", "type": {"nested": 1}, "created": T, "data": {"object": {}}},
        {
            "id": "evt_l5",
            "type": "customer.subscription.updated",
            "created": T,
            "data": {"object": {"id": ["sub"], "customer": {"a": 1}, "metadata": []}},
        },
        {
            "id": "evt_l6",
            "type": "checkout.session.completed",
            "created": T,
            "data": {"object": {"id": "cs_1", "mode": "payment", "metadata": {"donation_id": "²"}}},
        },
        {
            "id": "evt_l7",
            "type": "checkout.session.completed",
            "created": T,
            "data": {
                "object": {"id": "cs_2", "mode": "payment", "metadata": {"donation_id": "9" * 30}}
            },
        },
    ],
)
def test_a_signed_payload_of_the_wrong_shape_is_a_clear_4xx_and_changes_nothing(events, payload):
    """Issue 12: a validly signed body that is a JSON list (or holds lists where Stripe sends
    objects) was a 500."""
    response = events.post(payload)
    assert 200 <= response.status_code < 500
    if response.status_code >= 400:
        assert response.json()["error"]
    assert not Membership.objects.exists()
    assert not Donation.objects.exists()
