"""Issue 12: deleting a reader account left their newsletter subscriptions active, and
"download my data" left them out. The newsletters app has its own privacy hooks."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from masthead.accounts.models import User
from masthead.accounts.tests.factories import UserFactory
from masthead.newsletters import services
from masthead.newsletters.models import Delivery, Issue, Subscriber, Subscription

from .test_signup import subscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    return UserFactory(email="olena@example.org", display_name="Olena")


def _confirmed(client, newsletter, email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, email, newsletter)
    subscriber = Subscriber.objects.get(email=email.lower())
    return services.subscription_confirm(subscriber_id=subscriber.pk, newsletter_id=newsletter.pk)


def test_my_data_includes_subscriptions_with_consent_time_and_source(
    client, reader, newsletter, other_newsletter, django_capture_on_commit_callbacks
):
    confirmed = _confirmed(
        client, newsletter, "Olena@Example.org", django_capture_on_commit_callbacks
    )
    Subscription.objects.create(subscriber=confirmed.subscriber, newsletter=other_newsletter)
    client.force_login(reader)
    data = json.loads(client.post(reverse("accounts:export")).content)
    section = data["newsletters"]
    assert section["subscriber"]["email"] == "olena@example.org"
    by_slug = {s["newsletter_slug"]: s for s in section["subscriptions"]}
    assert by_slug["morning"]["newsletter"] == "The Morning Briefing"
    assert by_slug["morning"]["status"] == "active"
    assert by_slug["morning"]["consent_at"] == confirmed.confirmed_at.isoformat()
    assert by_slug["morning"]["consent_source"] == "Confirmed from the double opt-in email"
    assert by_slug["analysis"]["status"] == "pending"
    assert by_slug["analysis"]["consent_at"] is None


def test_my_data_without_subscriptions_says_so(client, reader):
    client.force_login(reader)
    data = json.loads(client.post(reverse("accounts:export")).content)
    assert data["newsletters"] == {"subscriber": None, "subscriptions": []}


def test_consent_on_the_preferences_page_is_recorded_as_such(newsletter):
    subscriber = Subscriber.objects.create(email="prefs@example.org")
    services.preferences_update(subscriber=subscriber, newsletters=[newsletter], paused=False)
    subscription = Subscription.objects.get()
    assert subscription.status == "active" and subscription.confirmed_at is not None
    assert subscription.consent_source == Subscription.PREFERENCES


def test_deleting_the_account_deletes_the_subscriptions_and_stops_queued_mail(
    client, reader, newsletter, django_capture_on_commit_callbacks
):
    confirmed = _confirmed(
        client, newsletter, "olena@example.org", django_capture_on_commit_callbacks
    )
    other = _confirmed(
        client, newsletter, "someone@example.org", django_capture_on_commit_callbacks
    )
    issue = Issue.objects.create(newsletter=newsletter, subject="Tuesday", status=Issue.SENDING)
    Delivery.objects.create(issue=issue, subscriber=confirmed.subscriber)
    Delivery.objects.create(issue=issue, subscriber=other.subscriber)
    client.force_login(reader)
    response = client.post(reverse("accounts:delete"), {"confirm": "delete"})
    assert response.status_code == 200
    assert not User.objects.filter(pk=reader.pk).exists()
    assert not Subscriber.objects.filter(email="olena@example.org").exists()
    assert not Subscription.objects.filter(subscriber__email="olena@example.org").exists()
    assert list(Delivery.objects.values_list("subscriber_id", flat=True)) == [other.subscriber_id]
    # Someone else's subscription is untouched.
    assert Subscription.objects.get(subscriber=other.subscriber).status == "active"
    mail.outbox.clear()
