"""Writes of outgoing webhooks: endpoints (made, changed, rotated, disabled, deleted, each in
the audit log), events turned into deliveries, and the attempts the worker makes."""

from __future__ import annotations

import json
import logging
import secrets
from datetime import datetime, timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from masthead.audit.log import record
from masthead.core import site_url

from . import conf, signing, transport
from .addresses import UnsafeURL, check_url
from .events import TEST
from .models import Delivery, Endpoint

logger = logging.getLogger(__name__)

# A claimed attempt holds its delivery this long beyond the request timeout: another worker
# (or the sweep) does not send the same message meanwhile.
CLAIM_MARGIN = timedelta(seconds=30)


# --- endpoints -------------------------------------------------------------------------


def endpoint_create(
    *, url: str, description: str, events: list[str], owner, request=None
) -> tuple[Endpoint, str]:
    """(the endpoint, its secret: show it now, the admin never shows it again)."""
    secret = signing.new_secret()
    with transaction.atomic():
        endpoint = Endpoint.objects.create(
            url=url, description=description, events=sorted(set(events)), owner=owner, secret=secret
        )
        record(
            "webhooks.endpoint.created",
            request=request,
            target=endpoint,
            events=endpoint.events,
            owner=owner.get_username() if owner else None,
        )
    return endpoint, secret


def endpoint_update(
    *, endpoint: Endpoint, url: str, description: str, events: list[str], owner, request=None
) -> Endpoint:
    new = {"url": url, "description": description, "events": sorted(set(events)), "owner": owner}
    changes = {}
    for field, value in new.items():
        old = getattr(endpoint, field)
        if old != value:
            shown = (lambda v: v.get_username() if v else None) if field == "owner" else str
            changes[field] = {"old": shown(old), "new": shown(value)}
            setattr(endpoint, field, value)
    if not changes:
        return endpoint
    with transaction.atomic():
        endpoint.save()
        record("webhooks.endpoint.changed", request=request, target=endpoint, changes=changes)
    return endpoint


def endpoint_rotate_secret(*, endpoint: Endpoint, request=None) -> str:
    """A new secret (returned: show it once). The old one keeps signing beside it for
    ROTATION_GRACE, so the receiver can switch without refusing messages."""
    secret = signing.new_secret()
    with transaction.atomic():
        endpoint.previous_secret = endpoint.secret
        endpoint.previous_secret_until = timezone.now() + conf.ROTATION_GRACE
        endpoint.secret = secret
        endpoint.save(update_fields=["secret", "previous_secret", "previous_secret_until"])
        record("webhooks.endpoint.secret_rotated", request=request, target=endpoint)
    return secret


def endpoint_delete(*, endpoint: Endpoint, request=None) -> None:
    with transaction.atomic():
        record(
            "webhooks.endpoint.deleted",
            request=request,
            target=endpoint,
            deliveries=endpoint.deliveries.count(),
        )
        endpoint.delete()


def endpoint_enable(*, endpoint: Endpoint, request=None) -> None:
    """Back on after being disabled: the failure count starts again from nothing."""
    if endpoint.active:
        return
    with transaction.atomic():
        Endpoint.objects.filter(pk=endpoint.pk).update(
            active=True, disabled_at=None, disabled_reason="", consecutive_failures=0
        )
        endpoint.refresh_from_db()
        record("webhooks.endpoint.enabled", request=request, target=endpoint)


def endpoint_disable(*, endpoint: Endpoint, reason: str, request=None) -> bool:
    """Stop sending to the endpoint. False if it was already off. When the worker disables
    it (no request), its owner is emailed."""
    with transaction.atomic():
        done = Endpoint.objects.filter(pk=endpoint.pk, active=True).update(
            active=False, disabled_at=timezone.now(), disabled_reason=reason[:300]
        )
        if not done:
            return False
        endpoint.refresh_from_db()
        record("webhooks.endpoint.disabled", request=request, target=endpoint, reason=reason)
    if request is None:
        _email_owner_disabled(endpoint)
    return True


def _email_owner_disabled(endpoint: Endpoint) -> None:
    owner = endpoint.owner
    if owner is None or not owner.email:
        logger.warning("Webhook endpoint %s disabled; it has no owner to email", endpoint.pk)
        return
    link = site_url.absolute_url(reverse("webhooks_admin:deliveries", args=[endpoint.pk]))
    body = (
        f"The webhook endpoint {endpoint.url} was disabled: {endpoint.disabled_reason}\n\n"
        "Nothing is sent to it until an administrator enables it again under "
        "Settings → Webhooks. Its delivery log shows what the receiver answered:\n"
        f"{link}\n"
    )
    try:
        send_mail(f"Webhook endpoint disabled: {endpoint.url}"[:200], body, None, [owner.email])
    except Exception:  # noqa: BLE001 - a mail failure must not undo the disabling
        logger.exception("Could not email the owner of webhook endpoint %s", endpoint.pk)


# --- events and deliveries -------------------------------------------------------------


def _enqueue(delivery_id: int, when: datetime) -> None:
    """Ask the worker for an attempt at `when`. A backend that cannot defer (the immediate
    one in tests) leaves a later attempt to `deliveries_due` (manage.py webhooks_deliver_due)."""
    from .tasks import deliver

    task = deliver
    if when > timezone.now():
        if not task.get_backend().supports_defer:
            return
        task = task.using(run_after=when)
    task.enqueue(delivery_id)


def event_emit(
    *, event_type: str, data: dict, endpoints=None, when: datetime | None = None
) -> list[Delivery]:
    """One delivery per active endpoint that chose `event_type`, stored with the caller's
    transaction (so a rolled-back publish sends nothing) and enqueued once it commits.
    `when` delays the first attempt (an item scheduled for later)."""
    now = timezone.now()
    if endpoints is None:
        endpoints = [e for e in Endpoint.objects.filter(active=True) if e.wants(event_type)]
    if not endpoints:
        return []
    envelope = {"type": event_type, "timestamp": now.isoformat(), "data": data}
    first = max(when or now, now)
    deliveries = Delivery.objects.bulk_create(
        [
            Delivery(
                endpoint=endpoint,
                event_type=event_type,
                message_id=signing.new_message_id(),
                payload=envelope,
                next_attempt_at=first,
                created_at=now,
            )
            for endpoint in endpoints
        ]
    )
    ids = [d.pk for d in deliveries]  # bulk_create sets them on SQLite and PostgreSQL
    transaction.on_commit(lambda: [_enqueue(pk, first) for pk in ids])
    return deliveries


def test_event_send(*, endpoint: Endpoint, request=None) -> Delivery:
    """A `webhook.test` message to this endpoint only, so its owner can check the receiver."""
    with transaction.atomic():
        (delivery,) = event_emit(
            event_type=TEST,
            data={"endpoint": endpoint.pk, "message": "A test event from Masthead."},
            endpoints=[endpoint],
        )
        record("webhooks.endpoint.test_sent", request=request, target=endpoint)
    return delivery


def delivery_retry_now(*, delivery: Delivery, request=None) -> bool:
    """One more attempt at once, for a delivery that failed or was given up (the endpoint
    must be active). False when there is nothing to retry. A given-up delivery gets exactly
    one attempt; a failed one keeps its remaining retries."""
    if not delivery.endpoint.active:
        return False
    now = timezone.now()
    with transaction.atomic():
        # Not a pending one: it may be in flight, and "retry" must not send it twice.
        retried = Delivery.objects.filter(
            pk=delivery.pk, status__in=[Delivery.FAILED, Delivery.GAVE_UP]
        ).update(status=Delivery.PENDING, next_attempt_at=now, finished_at=None)
        if not retried:
            return False
        record(
            "webhooks.delivery.retried",
            request=request,
            target=delivery.endpoint,
            message_id=delivery.message_id,
        )
        transaction.on_commit(lambda: _enqueue(delivery.pk, now))
    return True


def due_delivery_ids(*, now: datetime, limit: int = 1000) -> list[int]:
    """Deliveries whose next attempt is due, oldest first."""
    return list(
        Delivery.objects.filter(
            status__in=[Delivery.PENDING, Delivery.FAILED], next_attempt_at__lte=now
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def deliveries_due(*, now: datetime | None = None, progress=iter) -> int:
    """Attempt every delivery whose time has come (the sweep: for backends that cannot
    defer, and for attempts a lost worker never made). `progress` wraps the ids (a progress
    bar). Returns how many were attempted."""
    now = now or timezone.now()
    count = 0
    for pk in progress(due_delivery_ids(now=now)):
        if delivery_attempt(delivery_id=pk, now=now) is not None:
            count += 1
    return count


def deliveries_prune(*, older_than: datetime) -> int:
    """Delete finished deliveries (succeeded or given up) made before `older_than`; open
    ones stay whatever their age. The only code that deletes deliveries, but for an
    endpoint's deletion. Returns how many."""
    deleted, _ = Delivery.objects.filter(
        status__in=[Delivery.SUCCEEDED, Delivery.GAVE_UP], created_at__lt=older_than
    ).delete()
    return deleted


def _backoff(attempts: int) -> timedelta | None:
    """The wait after attempt number `attempts` (1-based), with jitter; None: give up."""
    schedule = conf.retry_schedule()
    if attempts > len(schedule):
        return None
    spread = secrets.SystemRandom().uniform(1 - conf.JITTER, 1 + conf.JITTER)
    return timedelta(seconds=schedule[attempts - 1] * spread)


def delivery_attempt(*, delivery_id: int, now: datetime | None = None) -> Delivery | None:
    """Make the next attempt of one delivery if it is due and nobody else is making it.
    Returns the delivery afterwards, or None when there was nothing to do."""
    now = now or timezone.now()
    lease = now + timedelta(seconds=conf.timeout_seconds()) + CLAIM_MARGIN
    claimed = Delivery.objects.filter(
        pk=delivery_id, status__in=[Delivery.PENDING, Delivery.FAILED], next_attempt_at__lte=now
    ).update(next_attempt_at=lease)
    if not claimed:
        return None
    delivery = Delivery.objects.select_related("endpoint").get(pk=delivery_id)
    endpoint = delivery.endpoint
    if not endpoint.active:
        delivery.status, delivery.finished_at = Delivery.GAVE_UP, now
        delivery.next_attempt_at = None
        delivery.error = "Not sent: the endpoint is disabled."
        delivery.save(update_fields=["status", "finished_at", "next_attempt_at", "error"])
        return delivery

    status, excerpt, error = None, "", ""
    try:
        target = check_url(endpoint.url)
        body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":"))
        timestamp = int(timezone.now().timestamp())
        headers = signing.headers(
            secrets_=endpoint.signing_secrets(),
            message_id=delivery.message_id,
            timestamp=timestamp,
            body=body,
        )
        answer = transport.post(
            target,
            body=body.encode(),
            headers=headers,
            timeout=conf.timeout_seconds(),
            excerpt_chars=conf.RESPONSE_EXCERPT_CHARS,
        )
        status, excerpt = answer.status, answer.excerpt
        if not 200 <= status < 300:
            error = f"The receiver answered {status}" + (
                " (redirects are not followed)." if 300 <= status < 400 else "."
            )
    except UnsafeURL as refusal:
        error = f"Refused: {refusal}"
    except Exception as failure:  # noqa: BLE001 - any failure to get an answer is a failed attempt
        error = type(failure).__name__ + (f": {failure}" if str(failure) else "")

    return _attempt_done(delivery, now=now, status=status, excerpt=excerpt, error=error)


def _attempt_done(delivery: Delivery, *, now, status, excerpt: str, error: str) -> Delivery:
    delivery.attempts += 1
    delivery.last_attempt_at = timezone.now()
    delivery.last_response_code = status
    delivery.response_excerpt = excerpt
    delivery.error = error[:500]
    endpoint = delivery.endpoint
    if not error:
        delivery.status, delivery.finished_at, delivery.next_attempt_at = (
            Delivery.SUCCEEDED,
            delivery.last_attempt_at,
            None,
        )
    else:
        wait = _backoff(delivery.attempts)
        if wait is None:
            delivery.status, delivery.finished_at = Delivery.GAVE_UP, delivery.last_attempt_at
            delivery.next_attempt_at = None
        else:
            delivery.status, delivery.next_attempt_at = Delivery.FAILED, now + wait
    delivery.save(
        update_fields=[
            "attempts",
            "last_attempt_at",
            "last_response_code",
            "response_excerpt",
            "error",
            "status",
            "finished_at",
            "next_attempt_at",
        ]
    )
    if not error:
        Endpoint.objects.filter(pk=endpoint.pk).exclude(consecutive_failures=0).update(
            consecutive_failures=0
        )
        return delivery
    Endpoint.objects.filter(pk=endpoint.pk).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    failures = Endpoint.objects.values_list("consecutive_failures", flat=True).get(pk=endpoint.pk)
    limit = conf.disable_after_failures()
    if failures >= limit:
        endpoint_disable(
            endpoint=endpoint,
            reason=f"{failures} attempts in a row failed; the last: {delivery.error}",
        )
    elif delivery.status == Delivery.FAILED:
        _enqueue(delivery.pk, delivery.next_attempt_at)
    return delivery
