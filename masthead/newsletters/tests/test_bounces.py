"""Bounces and complaints from every source end in the same records and suppressions: an SMTP
refusal of a confirmation email, a delivery status notification read later, a provider's
webhook (through django-anymail)."""

import base64
import json
import mailbox
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from anymail.exceptions import AnymailRecipientsRefused
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from masthead.newsletters import services
from masthead.newsletters.models import Bounce, Subscriber, Subscription
from masthead.newsletters.tasks import send_confirmation

from .factories import make_subscribers

DSN = Path(__file__).parent / "data" / "dsn-postfix.eml"
WEBHOOK = "/newsletters/webhooks/postmark/tracking/"
SECRET = "postmark:hook-secret-1"

pytestmark = pytest.mark.django_db


@pytest.fixture
def plain_smtp(settings):
    """One real SMTP server on loopback (no PIPELINING: confirmations go through Django's
    backend, which does not pipeline)."""
    from masthead.accounts.tests.smtp import send_mail_to_loopback

    from .smtp import SMTPServer

    with SMTPServer() as server:
        send_mail_to_loopback(settings, server.port)
        yield server.handler


@pytest.fixture
def pending(newsletter):
    return make_subscribers(newsletter, 1, prefix="new", status=Subscription.PENDING)[0]


def test_a_confirmation_refused_with_550_is_a_hard_bounce_and_the_task_ends_cleanly(
    plain_smtp, newsletter, pending
):
    plain_smtp.refuse[pending.email] = "550 5.1.1 No such user"
    result = send_confirmation.enqueue(pending.pk, newsletter.pk)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value is False
    pending.refresh_from_db()
    assert pending.suppressed_at is not None and pending.suppressed_reason == "hard"
    bounce = pending.bounces.get()
    assert (bounce.kind, bounce.source) == ("hard", "smtp") and "550" in bounce.detail
    plain_smtp.refuse.clear()
    send_confirmation.enqueue(pending.pk, newsletter.pk)
    assert plain_smtp.messages == []  # a suppressed address is never mailed again


def test_a_confirmation_refused_with_451_is_tried_again_later(
    plain_smtp, settings, newsletter, pending
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["newsletters"]}
    }
    plain_smtp.refuse[pending.email] = "451 4.7.1 Greylisted, try again later"
    assert send_confirmation.call(pending.pk, newsletter.pk) is False
    retry = DBTaskResult.objects.get()
    assert retry.task_path.endswith("send_confirmation")
    assert retry.run_after > timezone.now() + timedelta(seconds=20)
    assert retry.task_result.args == [pending.pk, newsletter.pk, 2]
    pending.refresh_from_db()
    assert pending.suppressed_at is None and not pending.bounces.exists()

    plain_smtp.refuse.clear()
    assert retry.task.call(*retry.task_result.args) is True
    assert plain_smtp.recipients() == [pending.email]


def test_a_confirmation_that_keeps_failing_temporarily_ends_as_a_soft_bounce(
    plain_smtp, settings, newsletter, pending
):
    settings.NEWSLETTER_MAX_ATTEMPTS = 3
    plain_smtp.refuse[pending.email] = "451 4.7.1 Try again later"
    result = send_confirmation.enqueue(pending.pk, newsletter.pk)  # immediate backend: retried now
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert list(pending.bounces.values_list("kind", flat=True)) == ["soft"]


class ProviderRefusingBackend(BaseEmailBackend):
    """An email provider's backend (anymail) that refuses every recipient, as one does for an
    address on its suppression list."""

    def send_messages(self, messages):
        raise AnymailRecipientsRefused("All message recipients were rejected: invalid")


def test_a_confirmation_refused_by_an_email_provider_is_a_hard_bounce(
    settings, newsletter, pending
):
    settings.EMAIL_BACKEND = f"{__name__}.ProviderRefusingBackend"
    result = send_confirmation.enqueue(pending.pk, newsletter.pk)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert pending.bounces.get().kind == "hard"


def test_a_delivery_status_notification_records_hard_and_soft_bounces(newsletter):
    gone, full, slow = make_subscribers(newsletter, 3)
    Subscriber.objects.filter(pk=gone.pk).update(email="gone@example.org")
    Subscriber.objects.filter(pk=full.pk).update(email="full@example.org")
    Subscriber.objects.filter(pk=slow.pk).update(email="slow@example.org")
    out = StringIO()
    call_command("process_bounces", str(DSN), stdout=out)
    assert "1 message(s), 3 failed recipient(s), 2 new bounce(s)" in out.getvalue()
    gone.refresh_from_db()
    assert gone.suppressed_at is not None and gone.suppressed_reason == "hard"
    assert "5.1.1" in gone.bounces.get(source="dsn", kind="hard").detail
    full.refresh_from_db()
    assert full.suppressed_at is None and full.bounces.get().kind == "soft"
    assert not Bounce.objects.filter(subscriber=slow).exists()  # "delayed" is not a bounce
    assert not Subscriber.objects.filter(email="stranger@example.org").exists()

    call_command("process_bounces", str(DSN), stdout=out)  # the same notification again
    assert Bounce.objects.count() == 2


def test_a_maildir_is_read_once_and_other_mail_is_left_alone(newsletter, tmp_path):
    reader = make_subscribers(newsletter, 1)[0]
    Subscriber.objects.filter(pk=reader.pk).update(email="gone@example.org")
    box = mailbox.Maildir(tmp_path / "bounces")
    box.add(DSN.read_bytes())
    box.add(b"From: reader@example.com\nSubject: Thanks for the briefing\n\nGreat work.\n")
    out = StringIO()
    call_command("process_bounces", maildir=str(tmp_path / "bounces"), stdout=out)
    assert "2 message(s), 3 failed recipient(s), 1 new bounce(s)" in out.getvalue()
    out = StringIO()
    call_command("process_bounces", maildir=str(tmp_path / "bounces"), stdout=out)
    assert "0 message(s)" in out.getvalue()
    assert len(box) == 2  # nothing deleted


def test_soft_bounces_suppress_only_when_enough_fall_within_the_window(settings, newsletter):
    settings.NEWSLETTER_SOFT_BOUNCE_LIMIT = 2
    reader = make_subscribers(newsletter, 1)[0]

    def soft():
        return services.bounce_record(
            subscriber_id=reader.pk, kind=Bounce.SOFT, source=Bounce.DSN, detail="4.2.2"
        )

    old = soft()
    Bounce.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=60))
    soft()
    reader.refresh_from_db()
    assert reader.suppressed_at is None
    soft()
    reader.refresh_from_db()
    assert reader.suppressed_at is not None and reader.suppressed_reason == "soft"


# --- provider webhooks (django-anymail; Postmark's payloads) ---------------------------------


@pytest.fixture
def webhook_secret(settings):
    settings.ANYMAIL_WEBHOOK_SECRET = [SECRET]


def postmark_bounce(email, *, kind="HardBounce", event_id=4323372036854775807):
    return {
        "RecordType": "Bounce",
        "ID": event_id,
        "Type": kind,
        "TypeCode": 1 if kind == "HardBounce" else 4096,
        "Name": "Hard bounce" if kind == "HardBounce" else "Soft bounce",
        "Tag": "newsletter",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "Metadata": {},
        "ServerID": 23,
        "MessageStream": "broadcast",
        "Description": "The server was unable to deliver your message (ex: unknown user).",
        "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
        "Email": email,
        "From": "briefing@news.example",
        "BouncedAt": "2026-12-03T08:00:00.0000000Z",
        "DumpAvailable": False,
        "Inactive": True,
        "CanActivate": True,
        "Subject": "The night in five stories",
    }


def post(client, payload, *, auth=SECRET):
    body = payload if isinstance(payload, (bytes, str)) else json.dumps(payload)
    headers = {}
    if auth:
        headers["HTTP_AUTHORIZATION"] = "Basic " + base64.b64encode(auth.encode()).decode()
    return client.post(WEBHOOK, body, content_type="application/json", **headers)


def test_a_postmark_hard_bounce_webhook_suppresses_the_address_once(
    client, webhook_secret, newsletter
):
    reader = make_subscribers(newsletter, 1)[0]
    assert post(client, postmark_bounce(reader.email.upper())).status_code == 200
    reader.refresh_from_db()
    assert reader.suppressed_at is not None and reader.suppressed_reason == "hard"
    bounce = reader.bounces.get()
    assert (bounce.source, bounce.event_id) == ("webhook", "Postmark:4323372036854775807")
    assert post(client, postmark_bounce(reader.email)).status_code == 200  # delivered again
    reader.refresh_from_db()
    assert reader.bounces.count() == 1 and reader.hard_bounces == 1


def test_a_postmark_soft_bounce_is_counted_and_a_complaint_suppresses(
    client, webhook_secret, newsletter
):
    soft_reader, complaining = make_subscribers(newsletter, 2)
    post(client, postmark_bounce(soft_reader.email, kind="SoftBounce", event_id=1))
    complaint = postmark_bounce(complaining.email, kind="SpamComplaint", event_id=2)
    complaint["RecordType"] = "SpamComplaint"
    post(client, complaint)
    soft_reader.refresh_from_db()
    complaining.refresh_from_db()
    assert soft_reader.suppressed_at is None and soft_reader.bounces.get().kind == "soft"
    assert complaining.suppressed_at is not None and complaining.suppressed_reason == "complaint"


def test_a_webhook_for_an_unknown_address_changes_nothing(client, webhook_secret, newsletter):
    assert post(client, postmark_bounce("nobody@example.org")).status_code == 200
    assert not Bounce.objects.exists()
    assert not Subscriber.objects.exists()


def test_a_webhook_with_wrong_or_missing_auth_is_refused(client, webhook_secret, newsletter):
    reader = make_subscribers(newsletter, 1)[0]
    assert post(client, postmark_bounce(reader.email), auth="postmark:guess").status_code == 401
    assert post(client, postmark_bounce(reader.email), auth=None).status_code == 401
    assert not Bounce.objects.exists()


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"\xff\xfe", "[1, 2, 3]", '"a string"'],
    ids=["broken", "not-utf8", "list", "string"],
)
def test_a_malformed_webhook_is_a_400_never_a_500(client, webhook_secret, body):
    response = post(client, body)
    assert response.status_code == 400
    assert response.json() == {"error": "Malformed payload."}


def test_a_webhook_that_is_not_a_bounce_is_accepted_and_ignored(client, webhook_secret):
    assert post(client, {}).status_code == 200
    delivered = {"RecordType": "Delivery", "Recipient": "reader0@example.com", "ID": 9}
    assert post(client, delivered).status_code == 200
    assert not Bounce.objects.exists()


def test_webhooks_accept_nothing_until_a_secret_is_set(client, settings, newsletter):
    settings.ANYMAIL_WEBHOOK_SECRET = []
    reader = make_subscribers(newsletter, 1)[0]
    response = post(client, postmark_bounce(reader.email))
    assert response.status_code == 503
    assert "ANYMAIL_WEBHOOK_SECRET" in response.json()["error"]
    assert not Bounce.objects.exists()
