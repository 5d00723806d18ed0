"""Sending issues through a real SMTP server on loopback; messages parsed with `email`."""

import re
from datetime import timedelta
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from masthead.newsletters import services
from masthead.newsletters.models import Delivery, Issue, Subscriber, Subscription
from masthead.newsletters.sending import send_batches

from .factories import make_issue, make_subscribers

HREF_RE = re.compile(r'href="([^"]+)"')
URL_RE = re.compile(r"https?://\S+")
SECRET = "The minister's private note said the deal was already signed."


@pytest.fixture
def premium_article(make_article):
    body = [
        {"type": "paragraph", "value": "<p>Free opening paragraph about the grid.</p>"},
        {"type": "paragraph", "value": "<p>Second free paragraph.</p>"},
        {"type": "paragraph", "value": "<p>Third free paragraph.</p>"},
        {"type": "paragraph", "value": f"<p>{SECRET}</p>"},
    ]
    return make_article(
        title="Inside the energy deal", slug="energy-deal", is_premium=True, body=body
    )


@pytest.fixture
def issue(newsletter, article, premium_article):
    return make_issue(newsletter, [article, premium_article])


def send(issue, capture):
    with capture(execute=True):
        services.issue_send_now(issue=issue)
    issue.refresh_from_db()


def links(message):
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    found = HREF_RE.findall(html) + [url.rstrip(".,)") for url in URL_RE.findall(text)]
    assert len(found) >= 8
    return found


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_an_issue_reaches_every_receiving_subscriber_once_with_their_own_links(
    smtp_server, client, newsletter, other_newsletter, issue, django_capture_on_commit_callbacks
):
    readers = make_subscribers(newsletter, 3)
    make_subscribers(newsletter, 1, prefix="pending", status=Subscription.PENDING)
    make_subscribers(other_newsletter, 1, prefix="other")
    paused = make_subscribers(newsletter, 1, prefix="paused")[0]
    Subscriber.objects.filter(pk=paused.pk).update(paused=True)

    send(issue, django_capture_on_commit_callbacks)

    assert issue.status == Issue.SENT
    assert sorted(smtp_server.recipients()) == sorted(r.email for r in readers)
    for message in smtp_server.parsed():
        to = message["To"]
        reader = Subscriber.objects.get(email=to)
        assert message["Subject"] == "The night in five stories"
        assert message["From"] == "The Morning Briefing <briefing@news.example>"
        assert message["Reply-To"] == "editors@news.example"
        assert message["Message-ID"].startswith(f"<{issue.pk}.{reader.pk}.")
        assert message["Date"]
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        https, mailto = [u.strip(" <>") for u in message["List-Unsubscribe"].split(",")]
        assert https.startswith("http") and "/newsletters/unsubscribe/" in https
        assert mailto.startswith("mailto:unsubscribe@news.example?subject=unsubscribe-")
        html = message.get_body(("html",)).get_content()
        text = message.get_body(("plain",)).get_content()
        assert 'style="' in html  # CSS inlined
        assert "@media" in html  # responsive rules kept
        assert "Bridge reopens after repairs" in html and "Bridge reopens after repairs" in text
        assert "Free opening paragraph" in html
        assert SECRET not in html and SECRET not in text  # premium text never leaves
        assert https in html and https in text  # this reader's own link in both parts
        for url in set(links(message)):
            # Article links pass through the analytics click redirect first.
            response = client.get(path_of(url), follow=True)
            assert response.status_code == 200, url
        # RFC 8058: the one-click POST unsubscribes this reader from this newsletter only
        assert client.post(path_of(https), {"List-Unsubscribe": "One-Click"}).status_code == 200
        assert reader.subscriptions.get(newsletter=newsletter).status == "unsubscribed"


def test_sending_an_issue_twice_sends_nothing_the_second_time(
    smtp_server, newsletter, issue, django_capture_on_commit_callbacks
):
    make_subscribers(newsletter, 4)
    send(issue, django_capture_on_commit_callbacks)
    assert len(smtp_server.messages) == 4
    send(issue, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_start(issue_id=issue.pk)
    send_batches(issue_id=issue.pk)
    assert len(smtp_server.messages) == 4
    assert Delivery.objects.filter(issue=issue).count() == 4


def test_a_temporary_failure_is_retried_later_and_then_delivered(
    smtp_server, settings, newsletter, issue, django_capture_on_commit_callbacks
):
    readers = make_subscribers(newsletter, 3)
    smtp_server.refuse[readers[1].email] = "451 4.7.1 Try again later"
    send(issue, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(subscriber=readers[1])
    assert delivery.state == Delivery.QUEUED and delivery.attempts == 1
    assert delivery.next_attempt_at > timezone.now() + timedelta(seconds=20)  # backoff
    assert "451" in delivery.last_error
    assert issue.status == Issue.SENDING  # not finished while a retry is pending
    smtp_server.refuse.clear()
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    send_batches(issue_id=issue.pk)
    assert sorted(smtp_server.recipients()) == sorted(r.email for r in readers)
    issue.refresh_from_db()
    assert issue.status == Issue.SENT


def test_permanent_failures_are_recorded_and_suppress_the_address_at_the_limit(
    smtp_server, settings, newsletter, article, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_HARD_BOUNCE_LIMIT = 2  # a server that refuses for policy reasons
    readers = make_subscribers(newsletter, 2)
    smtp_server.refuse[readers[0].email] = "550 5.1.1 No such user"
    for number in range(3):
        send(
            make_issue(newsletter, [article], subject=f"Issue {number}"),
            django_capture_on_commit_callbacks,
        )
    failed = Delivery.objects.filter(subscriber=readers[0])
    assert list(failed.values_list("state", flat=True)) == ["failed", "failed"]  # not a 3rd time
    assert "550" in failed.first().last_error
    bounced = Subscriber.objects.get(pk=readers[0].pk)
    assert bounced.hard_bounces == 2 and bounced.suppressed_at is not None
    assert bounced.suppressed_reason == "hard"
    assert list(bounced.bounces.values_list("kind", "source")) == [("hard", "smtp")] * 2
    assert Delivery.objects.filter(subscriber=readers[1], state="sent").count() == 3


def test_every_backend_gets_the_same_message_through_the_generic_path(
    newsletter, issue, django_capture_on_commit_callbacks
):
    make_subscribers(newsletter, 2)
    send(issue, django_capture_on_commit_callbacks)  # locmem backend: full EmailMessage objects
    assert len(mail.outbox) == 2
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/newsletters/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    assert SECRET not in message.alternatives[0][0]


def test_a_connection_dropped_mid_batch_is_reopened_and_nothing_is_lost(
    smtp_server, newsletter, issue, django_capture_on_commit_callbacks
):
    readers = make_subscribers(newsletter, 3)
    smtp_server.refuse[readers[0].email] = "421 4.3.2 Service shutting down"
    send(issue, django_capture_on_commit_callbacks)
    smtp_server.refuse.clear()
    Delivery.objects.update(next_attempt_at=timezone.now())
    send_batches(issue_id=issue.pk)
    assert sorted(smtp_server.recipients()) == sorted(r.email for r in readers)


def test_send_issue_command_sends_inline_with_a_progress_bar(smtp_server, newsletter, issue):
    make_subscribers(newsletter, 5)
    out = StringIO()
    call_command("send_issue", str(issue.pk), "--inline", stdout=out)
    assert "5 sent, 0 failed, status sent" in out.getvalue()
    assert "5/5" in out.getvalue()
    assert len(smtp_server.messages) == 5
    again = StringIO()
    call_command("send_issue", str(issue.pk), "--inline", stdout=again)
    assert "already sent" in again.getvalue()
    assert len(smtp_server.messages) == 5


def test_dkim_backend_signs_messages(smtp_server, settings, newsletter, issue):
    import dkim
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    settings.DKIM_DOMAIN, settings.DKIM_SELECTOR = "news.example", "mail"
    settings.DKIM_PRIVATE_KEY = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    ).decode()
    settings.EMAIL_BACKEND = "masthead.newsletters.backends.DKIMBackend"
    make_subscribers(newsletter, 1)
    call_command("send_issue", str(issue.pk), "--inline", stdout=StringIO())
    raw = smtp_server.messages[0][1]
    public = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    import base64

    record = b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)
    assert raw.startswith(b"DKIM-Signature:")
    assert dkim.verify(raw, dnsfunc=lambda name, timeout=5: record)
