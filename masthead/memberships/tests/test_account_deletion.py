"""A member who deletes their account stops paying: the subscription is cancelled at Stripe
(the fake Stripe server on loopback), and if Stripe cannot be told, nothing is deleted."""

import pytest
from django.urls import reverse

from masthead.accounts.models import User
from masthead.memberships.models import Donation, Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(reader, plans):
    Membership.objects.create(
        user=reader,
        plan=plans["monthly"],
        status=Membership.ACTIVE,
        stripe_customer_id="cus_42",
        stripe_subscription_id="sub_42",
    )
    Donation.objects.create(user=reader, email=reader.email, amount=5, currency="eur")
    return reader


def _delete(client, user):
    client.force_login(user)
    return client.post(reverse("accounts:delete"), {"confirm": "delete"})


def test_deleting_a_members_account_cancels_the_subscription_at_stripe(client, member, stripe_keys):
    stripe_keys.subscriptions.add("sub_42")
    response = _delete(client, member)
    assert response.status_code == 200
    cancels = [r for r in stripe_keys.requests if r["path"] == "/v1/subscriptions/sub_42"]
    assert [r["method"] for r in cancels] == ["DELETE"]
    assert "sub_42" not in stripe_keys.subscriptions
    assert not User.objects.filter(pk=member.pk).exists()
    assert not Membership.objects.exists()
    # The donation stays in the newsroom's totals, without the reader.
    assert Donation.objects.get().user is None and Donation.objects.get().email == ""


def test_nothing_is_deleted_while_stripe_cannot_cancel_the_subscription(
    client, member, stripe_keys
):
    stripe_keys.subscriptions.add("sub_42")
    stripe_keys.failing = True
    response = _delete(client, member)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:account")
    assert User.objects.filter(pk=member.pk).exists()
    membership = Membership.objects.get(user=member)
    assert membership.status == Membership.ACTIVE
    assert Donation.objects.get().user == member
    page = client.get(reverse("accounts:account"))
    assert b"could not cancel your membership payments" in page.content


def test_nothing_is_deleted_when_payments_are_not_configured(client, member, no_stripe_keys):
    response = _delete(client, member)
    assert response.status_code == 302
    assert User.objects.filter(pk=member.pk).exists()


def test_a_subscription_stripe_no_longer_knows_does_not_block_deletion(client, member, stripe_keys):
    response = _delete(client, member)  # sub_42 is not in the fake's live set: 404
    assert response.status_code == 200
    assert not User.objects.filter(pk=member.pk).exists()


def test_a_cancelled_membership_needs_no_call_to_stripe(client, member, no_stripe_keys):
    Membership.objects.filter(user=member).update(status=Membership.CANCELLED)
    assert _delete(client, member).status_code == 200
    assert not User.objects.filter(pk=member.pk).exists()
