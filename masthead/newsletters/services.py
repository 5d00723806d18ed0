"""Everything that changes newsletter state or sends mail. Views, the admin, tasks and the
management command call these; none of them writes models directly."""

from __future__ import annotations

import hashlib
import logging
import smtplib
from datetime import datetime, timedelta

from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from masthead.caching.limits import allow
from masthead.core.mail import header_safe

from . import conf, tokens
from .models import Bounce, Issue, IssueArticle, Newsletter, Subscriber, Subscription
from .rendering import absolute, newsroom_name, render_issue

logger = logging.getLogger(__name__)


class RateLimited(Exception):
    """Too many sign-up attempts from one client or for one address in the window."""


class NotAllowed(Exception):
    """The action does not fit the issue's state (e.g. editing an issue being sent)."""


def signup_rate_check(*, client: str, address: str | None) -> None:
    """Raise RateLimited when this client or this address has tried too often. Side effect:
    counts the attempt in the cache (never in the database)."""
    client_key = "nl:rate:client:" + hashlib.sha256(client.encode()).hexdigest()[:32]
    window = conf.get("RATE_WINDOW")
    if not allow(client_key, limit=conf.get("RATE_PER_CLIENT"), window=window):
        raise RateLimited(client)
    if address:
        address_key = "nl:rate:address:" + hashlib.sha256(address.encode()).hexdigest()[:32]
        if not allow(address_key, limit=conf.get("RATE_PER_ADDRESS"), window=window):
            raise RateLimited(address)


def subscription_request(*, email: str, newsletter: Newsletter, language: str = "en") -> None:
    """Start double opt-in for a normalised address. Creates the subscriber and a pending
    subscription if needed and, unless the subscription is already active, sends (in the
    background, after commit) a confirmation email with a signed, expiring link. The caller
    answers the same whatever happened, so nobody learns whether the address was listed.
    `language` is the edition the reader signed up in: the confirmation is written in it."""
    from .tasks import send_confirmation

    subscriber, _ = Subscriber.objects.get_or_create(email=email)
    try:
        with transaction.atomic():
            subscription, _ = Subscription.objects.get_or_create(
                subscriber=subscriber, newsletter=newsletter, defaults={"language": language}
            )
    except IntegrityError:  # a concurrent request created it
        subscription = Subscription.objects.get(subscriber=subscriber, newsletter=newsletter)
    if subscription.status == Subscription.ACTIVE:
        return
    # Asking again (perhaps from the other edition) updates the language of the next email.
    update = {"language": language} if subscription.language != language else {}
    if subscription.status == Subscription.UNSUBSCRIBED:
        update["status"] = Subscription.PENDING
    if update:
        Subscription.objects.filter(pk=subscription.pk).update(**update)
    transaction.on_commit(
        lambda: send_confirmation.enqueue(subscriber.pk, newsletter.pk),
    )


def confirmation_send(*, subscriber_id: int, newsletter_id: int, attempt: int = 1) -> bool:
    """Email the confirmation link for a pending subscription. Returns True when the server
    accepted it. A permanent refusal (5xx) is recorded as a hard bounce (which suppresses the
    address) and ends here; a temporary one (4xx, a lost connection) is tried again later, up to
    NEWSLETTER_MAX_ATTEMPTS, then counted as a soft bounce. Side effects: one email, or bounce
    records, or a retry task."""
    from .sending import smtp_code

    subscription = (
        Subscription.objects.select_related("subscriber", "newsletter")
        .filter(subscriber_id=subscriber_id, newsletter_id=newsletter_id)
        .first()
    )
    if subscription is None or subscription.status != Subscription.PENDING:
        return False
    if subscription.subscriber.suppressed_at is not None:
        return False  # a refused or complaining address is never mailed again
    newsletter = subscription.newsletter
    address = subscription.subscriber.email
    token = tokens.confirm_token(subscriber_id=subscriber_id, newsletter_id=newsletter_id)
    # In the language of the edition the reader signed up in (the link too, if URLs carry it).
    with translation.override(subscription.language):
        context = {
            "newsletter": newsletter,
            "newsroom_name": newsroom_name(),
            "confirm_url": absolute(reverse("newsletters:confirm", args=[token])),
            "days": max(1, conf.get("CONFIRM_MAX_AGE") // 86400),
        }
        subject = gettext("Confirm your subscription to %(newsletter)s") % {
            "newsletter": newsletter.name
        }
        message = EmailMultiAlternatives(
            subject=header_safe(subject),
            body=render_to_string("newsletters/email/confirm.txt", context),
            from_email=newsletter.from_email,
            to=[address],
            reply_to=[newsletter.reply_to] if newsletter.reply_to else None,
        )
        message.attach_alternative(
            render_to_string("newsletters/email/confirm.html", context), "text/html"
        )
    try:
        message.send()
    except (smtplib.SMTPException, OSError, AnymailAPIError, AnymailRecipientsRefused) as error:
        if isinstance(error, AnymailRecipientsRefused):  # the provider knows the address is dead
            code = 550
        elif isinstance(error, AnymailAPIError):  # the provider's API failed: try again later
            code = None
        else:
            code = smtp_code(error, address)
        detail = f"{code or ''} {error}".strip()[:500]
        if code is not None and 500 <= code < 600:
            bounce_record(
                subscriber_id=subscriber_id, kind=Bounce.HARD, source=Bounce.SMTP, detail=detail
            )
        elif attempt < conf.get("MAX_ATTEMPTS"):
            _confirmation_retry(subscriber_id, newsletter_id, attempt + 1)
        else:
            bounce_record(
                subscriber_id=subscriber_id, kind=Bounce.SOFT, source=Bounce.SMTP, detail=detail
            )
        logger.info("Confirmation to subscriber %s not sent: %s", subscriber_id, detail)
        return False
    return True


def _confirmation_retry(subscriber_id: int, newsletter_id: int, attempt: int) -> None:
    """Enqueue the confirmation again with the sending engine's backoff. A backend that cannot
    defer (the immediate backend of the tests) runs it again at once."""
    from .tasks import send_confirmation

    task = send_confirmation
    if task.get_backend().supports_defer:
        delay = conf.get("RETRY_BASE_SECONDS") * 2 ** (attempt - 2)
        task = task.using(run_after=timezone.now() + timedelta(seconds=delay))
    task.enqueue(subscriber_id, newsletter_id, attempt)


def subscription_confirm(*, subscriber_id: int, newsletter_id: int) -> Subscription | None:
    """Activate a subscription from a confirmation link. Idempotent. Returns None when it no
    longer exists. Side effect: writes the subscription (and resumes a paused subscriber)."""
    subscription = (
        Subscription.objects.select_related("newsletter", "subscriber")
        .filter(subscriber_id=subscriber_id, newsletter_id=newsletter_id)
        .first()
    )
    if subscription is None:
        return None
    if subscription.status != Subscription.ACTIVE:
        subscription.status = Subscription.ACTIVE
        subscription.confirmed_at = timezone.now()
        subscription.consent_source = Subscription.CONFIRM_LINK
        subscription.unsubscribed_at = None
        subscription.save(
            update_fields=["status", "confirmed_at", "consent_source", "unsubscribed_at"]
        )
    return subscription


def subscription_cancel(*, subscriber_id: int, newsletter_id: int) -> bool:
    """Unsubscribe one address from one newsletter (one-click). Idempotent. Side effect:
    writes the subscription."""
    return bool(
        Subscription.objects.filter(subscriber_id=subscriber_id, newsletter_id=newsletter_id)
        .exclude(status=Subscription.UNSUBSCRIBED)
        .update(status=Subscription.UNSUBSCRIBED, unsubscribed_at=timezone.now())
    )


def preferences_update(
    *, subscriber: Subscriber, newsletters: list[Newsletter], paused: bool
) -> None:
    """Set exactly which newsletters an address receives, and whether it is paused. The link
    that led here proves the address, so chosen newsletters are active at once. Side effect:
    writes subscriptions and the subscriber."""
    now = timezone.now()
    chosen = {newsletter.pk for newsletter in newsletters}
    with transaction.atomic():
        consent = {
            "status": Subscription.ACTIVE,
            "confirmed_at": now,
            "consent_source": Subscription.PREFERENCES,
            "unsubscribed_at": None,
        }
        for newsletter_id in chosen:
            _, created = Subscription.objects.get_or_create(
                subscriber=subscriber, newsletter_id=newsletter_id, defaults=consent
            )
            if not created:  # a newly chosen one is consent given now; an active one is kept
                Subscription.objects.filter(
                    subscriber=subscriber, newsletter_id=newsletter_id
                ).exclude(status=Subscription.ACTIVE).update(**consent)
        subscriber.subscriptions.exclude(newsletter_id__in=chosen).exclude(
            status=Subscription.UNSUBSCRIBED
        ).update(status=Subscription.UNSUBSCRIBED, unsubscribed_at=now)
        if subscriber.paused != paused:
            subscriber.paused = paused
            subscriber.save(update_fields=["paused"])


def subscriber_unsubscribe_all(*, subscriber: Subscriber) -> int:
    """Leave every newsletter. Side effect: writes subscriptions."""
    return subscriber.subscriptions.exclude(status=Subscription.UNSUBSCRIBED).update(
        status=Subscription.UNSUBSCRIBED, unsubscribed_at=timezone.now()
    )


# --- bounces ------------------------------------------------------------------------------


def bounce_record(
    *,
    kind: str,
    source: str,
    subscriber_id: int | None = None,
    email: str = "",
    event_id: str = "",
    detail: str = "",
) -> Bounce | None:
    """Record one bounce or complaint for a subscriber (by id, or by address) and suppress the
    address when the rule says so: a complaint at once; hard bounces at
    NEWSLETTER_HARD_BOUNCE_LIMIT (1: at once); soft bounces when NEWSLETTER_SOFT_BOUNCE_LIMIT
    fall within NEWSLETTER_SOFT_BOUNCE_WINDOW seconds. Returns None, changing nothing, for an
    address we do not know or a report already recorded (same source and event id). Side
    effects: writes a Bounce row and the subscriber."""
    subscribers = Subscriber.objects.all()
    if subscriber_id is not None:
        subscribers = subscribers.filter(pk=subscriber_id)
    else:
        # Addresses are stored lower-cased (forms.py), so the unique index answers this.
        subscribers = subscribers.filter(email=email.strip().lower())
    subscriber = subscribers.only("pk").first()
    if subscriber is None:
        return None
    try:
        with transaction.atomic():
            bounce = Bounce.objects.create(
                subscriber=subscriber,
                kind=kind,
                source=source,
                event_id=event_id[:200],
                detail=detail[:500],
            )
    except IntegrityError:  # this report was recorded before (a webhook delivered twice)
        return None
    now = timezone.now()
    if kind == Bounce.HARD:
        Subscriber.objects.filter(pk=subscriber.pk).update(hard_bounces=F("hard_bounces") + 1)
        suppress = Subscriber.objects.filter(
            pk=subscriber.pk, hard_bounces__gte=conf.get("HARD_BOUNCE_LIMIT")
        ).exists()
    elif kind == Bounce.SOFT:
        since = now - timedelta(seconds=conf.get("SOFT_BOUNCE_WINDOW"))
        recent = Bounce.objects.filter(
            subscriber=subscriber, kind=Bounce.SOFT, created_at__gte=since
        )
        suppress = recent.count() >= conf.get("SOFT_BOUNCE_LIMIT")
    else:
        suppress = True
    if suppress:
        Subscriber.objects.filter(pk=subscriber.pk, suppressed_at__isnull=True).update(
            suppressed_at=now, suppressed_reason=kind
        )
    return bounce


# --- issues ---------------------------------------------------------------------------------


def issue_add_latest_from_section(*, issue: Issue, section, count: int) -> int:
    """Append the `count` newest live articles of a section that the issue does not have yet.
    Returns how many were added. Side effect: writes IssueArticle rows."""
    from masthead.news.models import ArticlePage

    if not issue.is_editable:
        raise NotAllowed("This issue has already been sent.")
    present = set(issue.items.values_list("article_id", flat=True))
    latest = [
        pk
        for pk in ArticlePage.objects.in_section(section)
        .live()
        .newest_first()
        .values_list("pk", flat=True)[: count + len(present)]
        if pk not in present
    ][:count]
    last = issue.items.order_by("-sort_order").values_list("sort_order", flat=True).first()
    start = (last if last is not None else -1) + 1
    IssueArticle.objects.bulk_create(
        [
            IssueArticle(issue=issue, article_id=pk, sort_order=start + i)
            for i, pk in enumerate(latest)
        ]
    )
    return len(latest)


def issue_send_test(*, issue: Issue, email: str) -> None:
    """Send the issue to one address, exactly as a reader would get it. Creates no subscriber:
    a test address that is not subscribed gets links signed for TEST_SUBSCRIBER_ID, which lead
    to a page saying they came from a test; a subscriber's own links work as in a real issue.
    Side effect: one email."""
    subscriber_id = (
        Subscriber.objects.filter(email=email).values_list("pk", flat=True).first()
        or tokens.TEST_SUBSCRIBER_ID
    )
    rendered = render_issue(issue)
    message = rendered.email(to=email, subscriber_id=subscriber_id)
    message.subject = f"[Test] {message.subject}"
    message.send()


def issue_send_now(*, issue: Issue) -> None:
    """Start sending: mark the issue sending and enqueue the start task after commit. Sending a
    sent issue again does nothing. Side effects: writes the issue, enqueues work."""
    from .tasks import start_issue

    if issue.status in (Issue.SENDING, Issue.SENT):
        return
    if issue.status == Issue.CANCELLED:
        raise NotAllowed("This issue was cancelled.")
    updated = Issue.objects.filter(pk=issue.pk, status__in=[Issue.DRAFT, Issue.SCHEDULED]).update(
        status=Issue.SENDING, started_at=timezone.now(), scheduled_at=None
    )
    issue.refresh_from_db()
    if updated:
        transaction.on_commit(lambda: start_issue.enqueue(issue.pk))


def issue_schedule(*, issue: Issue, when: datetime) -> None:
    """Schedule the issue: a task runs at `when` (django-tasks run_after, kept in the
    database) and starts sending if the issue is still scheduled for then. Side effects:
    writes the issue, enqueues work."""
    from .tasks import send_scheduled_issue

    if not issue.is_editable:
        raise NotAllowed("This issue has already been sent.")
    if when <= timezone.now():
        raise NotAllowed("Choose a time in the future.")
    issue.status = Issue.SCHEDULED
    issue.scheduled_at = when
    issue.save(update_fields=["status", "scheduled_at"])
    transaction.on_commit(lambda: send_scheduled_issue.using(run_after=when).enqueue(issue.pk))


def issue_unschedule(*, issue: Issue) -> None:
    """Back to draft; the pending scheduled task then finds nothing to do."""
    Issue.objects.filter(pk=issue.pk, status=Issue.SCHEDULED).update(
        status=Issue.DRAFT, scheduled_at=None
    )
    issue.refresh_from_db()


def issue_start(*, issue_id: int) -> int:
    """Create the delivery rows and start the sender tasks and the watchdog. Returns the
    number of recipients. Side effects: writes rows, enqueues work."""
    from .sending import deliveries_create
    from .tasks import send_issue_batches, watch_issue

    issue = Issue.objects.filter(pk=issue_id, status=Issue.SENDING).first()
    if issue is None:
        return 0
    total = deliveries_create(issue=issue)
    senders = max(1, conf.get("SENDERS"))

    def enqueue():
        for _ in range(senders):
            send_issue_batches.enqueue(issue_id)
        _watch_later(watch_issue, issue_id)

    transaction.on_commit(enqueue)
    return total


def _watch_later(watch_task, issue_id: int) -> None:
    """Enqueue the watchdog to run later. A backend that cannot defer (the immediate backend
    of the tests) has already run every sender to the end, so there is nothing to watch."""
    from datetime import timedelta

    if not watch_task.get_backend().supports_defer:
        return
    when = timezone.now() + timedelta(seconds=conf.get("WATCH_SECONDS"))
    watch_task.using(run_after=when).enqueue(issue_id)


def issue_watch(*, issue_id: int) -> None:
    """The watchdog: finish the issue if done; start a sender if rows are due and nobody is
    sending (all senders died or stopped); come back later while the issue is sending."""
    from .sending import issue_finish_if_done, needs_sender
    from .tasks import send_issue_batches, watch_issue

    if issue_finish_if_done(issue_id=issue_id):
        return
    if not Issue.objects.filter(pk=issue_id, status=Issue.SENDING).exists():
        return
    start = needs_sender(issue_id=issue_id)

    def enqueue():
        if start:
            send_issue_batches.enqueue(issue_id)
        _watch_later(watch_issue, issue_id)

    transaction.on_commit(enqueue)
