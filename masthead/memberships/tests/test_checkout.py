"""Checkout and the billing portal through the real `stripe` library, against a fake Stripe
HTTP API on loopback."""

from decimal import Decimal

import pytest

from masthead.memberships.models import Donation, Membership

from .conftest import API_KEY, SECRET

pytestmark = pytest.mark.django_db


def test_joining_sends_the_reader_to_a_stripe_checkout_for_the_chosen_plan(
    client, stripe_keys, plans, reader
):
    stripe_keys.known_prices.add("price_yearly")
    client.force_login(reader)
    response = client.post("/membership/checkout/", {"plan": "yearly"})
    assert response.status_code == 303
    assert response["Location"].startswith("https://checkout.stripe.test/c/pay/cs_test_")

    [customer] = stripe_keys.calls("/v1/customers")
    assert customer["email"] == "reader@example.org"
    assert customer["metadata[user_id]"] == str(reader.pk)
    [session] = stripe_keys.calls("/v1/checkout/sessions")
    assert session["mode"] == "subscription"
    assert session["line_items[0][price]"] == "price_yearly"
    assert session["client_reference_id"] == str(reader.pk)
    assert session["subscription_data[metadata][user_id]"] == str(reader.pk)
    assert session["success_url"].endswith("/membership/thanks/?kind=membership")
    assert all(r["headers"]["Authorization"] == f"Bearer {API_KEY}" for r in stripe_keys.requests)

    membership = Membership.objects.get(user=reader)
    assert membership.stripe_customer_id == customer_id(stripe_keys)
    assert not membership.grants_access  # only the webhook makes a member


def customer_id(fake) -> str:
    return session_param(fake, "customer")


def session_param(fake, name) -> str:
    return fake.calls("/v1/checkout/sessions")[-1][name]


def test_a_second_checkout_reuses_the_stripe_customer(client, stripe_keys, plans, reader):
    stripe_keys.known_prices.add("price_monthly")
    client.force_login(reader)
    client.post("/membership/checkout/", {"plan": "monthly"})
    client.post("/membership/checkout/", {"plan": "monthly"})
    assert len(stripe_keys.calls("/v1/customers")) == 1
    sessions = stripe_keys.calls("/v1/checkout/sessions")
    assert len(sessions) == 2 and sessions[0]["customer"] == sessions[1]["customer"]


def test_an_anonymous_reader_is_asked_to_sign_in_before_checkout(client, stripe_keys, plans):
    response = client.post("/membership/checkout/", {"plan": "monthly"})
    assert response.status_code == 302
    assert "next=/membership/" in response["Location"]
    assert stripe_keys.requests == []


def test_a_member_cannot_start_a_second_subscription(client, stripe_keys, plans, reader):
    Membership.objects.create(user=reader, status=Membership.ACTIVE, stripe_customer_id="cus_9")
    client.force_login(reader)
    response = client.post("/membership/checkout/", {"plan": "monthly"})
    assert response.status_code == 409
    assert b"already a member" in response.content
    assert stripe_keys.calls("/v1/checkout/sessions") == []


def test_when_stripe_refuses_the_reader_gets_a_clear_message_not_an_error_page(
    client, stripe_keys, plans, reader
):
    # The price id in the admin does not exist at Stripe.
    client.force_login(reader)
    response = client.post("/membership/checkout/", {"plan": "monthly"})
    assert response.status_code == 502
    assert b"Nothing was charged" in response.content


def test_a_donation_goes_through_checkout_and_is_recorded_when_stripe_confirms(
    client, stripe_keys, events
):
    response = client.post("/membership/donate/", {"amount": "25"})
    assert response.status_code == 303
    assert response["Location"].startswith("https://checkout.stripe.test/")
    [session] = stripe_keys.calls("/v1/checkout/sessions")
    assert session["mode"] == "payment"
    assert session["submit_type"] == "donate"
    assert session["line_items[0][price_data][unit_amount]"] == "2500"
    assert session["line_items[0][price_data][currency]"] == "eur"

    donation = Donation.objects.get()
    assert donation.status == Donation.PENDING
    assert session["metadata[donation_id]"] == str(donation.pk)
    assert donation.stripe_session_id.startswith("cs_test_")

    events.post(
        events.checkout_completed(
            mode="payment",
            donation=donation,
            session_id=donation.stripe_session_id,
            amount_total=2500,
        )
    )
    donation.refresh_from_db()
    assert donation.status == Donation.PAID
    assert donation.email == "giver@example.org"


def test_a_donation_in_cents_is_sent_to_stripe_in_minor_units(client, stripe_keys):
    client.post("/membership/donate/", {"amount": "12.50"})
    assert session_param(stripe_keys, "line_items[0][price_data][unit_amount]") == "1250"
    assert Donation.objects.get().amount == Decimal("12.50")


def test_a_donation_stripe_refuses_leaves_no_pending_record(client, stripe_keys):
    stripe_keys.reject_sessions = True
    response = client.post("/membership/donate/", {"amount": "10"})
    assert response.status_code == 502
    assert not Donation.objects.exists()


def test_a_member_opens_the_billing_portal(client, stripe_keys, reader):
    Membership.objects.create(user=reader, status=Membership.ACTIVE, stripe_customer_id="cus_42")
    client.force_login(reader)
    response = client.post("/membership/billing/")
    assert response.status_code == 303
    assert response["Location"].startswith("https://billing.stripe.test/p/session/")
    [portal] = stripe_keys.calls("/v1/billing_portal/sessions")
    assert portal["customer"] == "cus_42"
    assert portal["return_url"].endswith("/membership/")


def test_a_reader_without_a_stripe_customer_has_no_billing_portal(client, stripe_keys, reader):
    client.force_login(reader)
    response = client.post("/membership/billing/")
    assert response.status_code == 409
    assert stripe_keys.requests == []


def test_a_reader_joins_through_checkout_and_then_reads_a_premium_story_in_full(
    client, stripe_keys, plans, reader, events, premium_article
):
    stripe_keys.known_prices.add("price_monthly")
    client.force_login(reader)
    assert SECRET not in client.get(premium_article.url).content.decode()

    client.post("/membership/checkout/", {"plan": "monthly"})
    customer = customer_id(stripe_keys)
    events.post(events.checkout_completed(user=reader, customer=customer, sub="sub_77"))

    page = client.get(premium_article.url)
    assert SECRET in page.content.decode()
    assert "private" in page["Cache-Control"]
    thanks = client.get("/membership/thanks/?kind=membership")
    assert b"You are a member" in thanks.content
