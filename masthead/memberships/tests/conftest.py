import json
import time
from decimal import Decimal
from itertools import count

import pytest

from .fake_stripe import FakeStripe, sign

API_KEY = "sk_test_masthead"
WEBHOOK_SECRET = "whsec_test_masthead"
SECRET = "The withheld finding is that 73 percent of the depots were never rebuilt."


@pytest.fixture(scope="session")
def _fake_stripe_server():
    server = FakeStripe(API_KEY)
    yield server
    server.close()


@pytest.fixture
def fake_stripe(_fake_stripe_server):
    _fake_stripe_server.reset()
    yield _fake_stripe_server
    _fake_stripe_server.reset()


@pytest.fixture
def stripe_keys(settings, fake_stripe):
    settings.STRIPE_SECRET_KEY = API_KEY
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_masthead"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = fake_stripe.url
    return fake_stripe


@pytest.fixture
def no_stripe_keys(settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_PUBLISHABLE_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""


@pytest.fixture
def plans(db):
    from masthead.memberships.models import Plan

    monthly = Plan.objects.create(
        name="Monthly member",
        slug="monthly",
        interval="month",
        amount=Decimal("8"),
        stripe_price_id="price_monthly",
    )
    yearly = Plan.objects.create(
        name="Yearly member",
        slug="yearly",
        interval="year",
        amount=Decimal("80"),
        stripe_price_id="price_yearly",
    )
    return {"monthly": monthly, "yearly": yearly}


@pytest.fixture
def reader(db):
    from masthead.accounts.tests.factories import UserFactory

    return UserFactory(username="reader", email="reader@example.org")


def premium_body(free=3):
    blocks = [
        {"type": "paragraph", "value": f"<p>Open paragraph number {i}.</p>"} for i in range(free)
    ]
    return [
        *blocks,
        {"type": "subheading", "value": "Members read on"},
        {"type": "paragraph", "value": f"<p>{SECRET}</p>"},
        {
            "type": "quote",
            "value": {"quote": "Hidden quote of the depot chief.", "attribution": ""},
        },
    ]


@pytest.fixture
def premium_article(make_article):
    return make_article(
        title="Inside the depots", slug="inside-the-depots", body=premium_body(), is_premium=True
    )


_event_ids = count(1)


class Events:
    """Builds Stripe-shaped events and posts them, signed, to the webhook endpoint."""

    def __init__(self, client):
        self.client = client

    def subscription(
        self,
        *,
        status="active",
        created=None,
        sub="sub_1",
        sub_created=1_699_999_000,
        customer="cus_1",
        user=None,
        type="customer.subscription.updated",
        price="price_monthly",
        event_id=None,
        period_end=1_702_600_000,
    ):
        return {
            "id": event_id or f"evt_{next(_event_ids)}",
            "object": "event",
            "type": type,
            "created": created or int(time.time()),
            "livemode": False,
            "data": {
                "object": {
                    "id": sub,
                    "object": "subscription",
                    "status": status,
                    "customer": customer,
                    "created": sub_created,
                    "cancel_at_period_end": False,
                    "metadata": {"user_id": str(user.pk)} if user else {},
                    "items": {
                        "object": "list",
                        "data": [{"price": {"id": price}, "current_period_end": period_end}],
                    },
                }
            },
        }

    def checkout_completed(
        self,
        *,
        mode="subscription",
        created=None,
        user=None,
        customer="cus_1",
        sub="sub_1",
        amount_total=None,
        donation=None,
        session_id="cs_test_x",
        payment_status="paid",
        plan="monthly",
    ):
        metadata = {"user_id": str(user.pk) if user else ""}
        if mode == "subscription":
            metadata["plan"] = plan
        if donation is not None:
            metadata["donation_id"] = str(donation.pk)
        return {
            "id": f"evt_{next(_event_ids)}",
            "object": "event",
            "type": "checkout.session.completed",
            "created": created or int(time.time()),
            "data": {
                "object": {
                    "id": session_id,
                    "object": "checkout.session",
                    "mode": mode,
                    "customer": customer if mode == "subscription" else None,
                    "subscription": sub if mode == "subscription" else None,
                    "client_reference_id": str(user.pk) if user else None,
                    "payment_status": payment_status,
                    "amount_total": amount_total,
                    "currency": "eur",
                    "customer_details": {"email": "giver@example.org"},
                    "payment_intent": "pi_1" if mode == "payment" else None,
                    "metadata": metadata,
                }
            },
        }

    def post(self, event, *, secret=WEBHOOK_SECRET, timestamp=None, signature=None):
        payload = json.dumps(event) if not isinstance(event, str) else event
        header = signature if signature is not None else sign(payload, secret, timestamp)
        return self.client.post(
            "/stripe/webhook/",
            data=payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=header,
        )


@pytest.fixture
def events(client, stripe_keys):
    return Events(client)


@pytest.fixture
def now_ts():
    return int(time.time())
