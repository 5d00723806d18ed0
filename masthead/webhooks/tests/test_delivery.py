"""Attempts, retries with back-off, giving up, disabling, timeouts and redirects, against a
real loopback receiver. Time is moved by passing `now` to the sweep, never by sleeping."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from masthead.audit.models import AuditEntry
from masthead.webhooks import events, services
from masthead.webhooks.models import Delivery, Endpoint

pytestmark = pytest.mark.django_db


def emit(endpoint, capture, event_type=events.TEST):
    with capture(execute=True):
        (delivery,) = services.event_emit(
            event_type=event_type, data={"n": 1}, endpoints=[endpoint]
        )
    delivery.refresh_from_db()
    return delivery


def test_a_500_is_retried_with_back_off_until_it_succeeds(
    receiver, endpoint, django_capture_on_commit_callbacks
):
    receiver.statuses = [500, 503, 200]
    start = timezone.now()
    delivery = emit(endpoint, django_capture_on_commit_callbacks)
    assert delivery.status == Delivery.FAILED and delivery.attempts == 1
    assert delivery.last_response_code == 500 and "answered 500" in delivery.error
    assert delivery.response_excerpt == "receiver says no"
    # 5 s, give or take the 20 % jitter.
    assert (
        start + timedelta(seconds=4)
        <= delivery.next_attempt_at
        <= timezone.now() + timedelta(seconds=6)
    )
    # Not due yet: the sweep leaves it alone.
    assert services.deliveries_due(now=start + timedelta(seconds=3)) == 0
    later = start + timedelta(seconds=10)
    assert services.deliveries_due(now=later) == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.FAILED and delivery.attempts == 2
    assert later + timedelta(seconds=240) <= delivery.next_attempt_at
    assert delivery.next_attempt_at <= later + timedelta(seconds=360)
    assert services.deliveries_due(now=later + timedelta(seconds=400)) == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.SUCCEEDED and delivery.attempts == 3
    assert delivery.next_attempt_at is None and delivery.finished_at
    assert len(receiver.requests) == 3 and all(r.verified for r in receiver.requests)
    # The same message each time: same id, same body.
    assert len({r.headers["webhook-id"] for r in receiver.requests}) == 1
    assert len({r.body for r in receiver.requests}) == 1
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 0 and endpoint.active


def test_the_back_off_follows_the_schedule_with_jitter_then_gives_up(settings):
    settings.WEBHOOKS_RETRY_SCHEDULE = [5, 300, 1800, 7200, 18000, 36000]
    for attempt, base in enumerate(settings.WEBHOOKS_RETRY_SCHEDULE, start=1):
        waits = {services._backoff(attempt).total_seconds() for _ in range(50)}
        assert all(base * 0.8 <= w <= base * 1.2 for w in waits)
        assert len(waits) > 1  # jittered, not one fixed time
    assert services._backoff(7) is None


def test_a_delivery_gives_up_after_the_last_attempt(
    receiver, endpoint, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_RETRY_SCHEDULE = [10]
    receiver.statuses = [500]
    delivery = emit(endpoint, django_capture_on_commit_callbacks)
    services.deliveries_due(now=timezone.now() + timedelta(seconds=20))
    delivery.refresh_from_db()
    assert delivery.status == Delivery.GAVE_UP and delivery.attempts == 2
    assert delivery.next_attempt_at is None
    assert services.deliveries_due(now=timezone.now() + timedelta(days=2)) == 0
    assert len(receiver.requests) == 2


def test_an_endpoint_that_keeps_failing_is_disabled_and_its_owner_emailed(
    receiver, endpoint, settings, smtp_inbox, admin_user, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_DISABLE_AFTER_FAILURES = 3
    receiver.statuses = [500]
    for _ in range(3):
        emit(endpoint, django_capture_on_commit_callbacks)
    endpoint.refresh_from_db()
    assert not endpoint.active and endpoint.disabled_at
    assert "3 attempts in a row failed" in endpoint.disabled_reason
    (mail,) = smtp_inbox.to(admin_user.email)
    assert mail["Subject"] == f"Webhook endpoint disabled: {endpoint.url}"
    text = smtp_inbox.text(mail)
    assert "answered 500" in text and f"/admin/webhooks/{endpoint.pk}/deliveries/" in text
    assert AuditEntry.objects.filter(action="webhooks.endpoint.disabled").count() == 1
    # Nothing more is sent: new events make no delivery, retries due are given up unsent.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.event_emit(event_type=events.ARTICLE_PUBLISHED, data={}) == []
    services.deliveries_due(now=timezone.now() + timedelta(minutes=1))
    assert len(receiver.requests) == 3
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.GAVE_UP}
    assert len(smtp_inbox.to(admin_user.email)) == 1  # one email, not one per failure


def test_a_success_resets_the_failure_count(
    receiver, endpoint, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_DISABLE_AFTER_FAILURES = 3
    receiver.statuses = [500, 500, 204, 500, 500]
    for _ in range(5):
        emit(endpoint, django_capture_on_commit_callbacks)
    endpoint.refresh_from_db()
    assert endpoint.active and endpoint.consecutive_failures == 2


def test_a_redirect_is_a_failure_and_is_not_followed(
    receiver, endpoint, django_capture_on_commit_callbacks
):
    receiver.statuses = [302]
    delivery = emit(endpoint, django_capture_on_commit_callbacks)
    assert delivery.status == Delivery.FAILED and delivery.last_response_code == 302
    assert "redirects are not followed" in delivery.error
    assert [r.path for r in receiver.requests] == ["/hooks/masthead"]


def test_a_receiver_that_hangs_hits_the_timeout(
    receiver, endpoint, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_TIMEOUT_SECONDS = 0.5
    receiver.hang = True
    delivery = emit(endpoint, django_capture_on_commit_callbacks)
    assert delivery.status == Delivery.FAILED and delivery.last_response_code is None
    assert delivery.error.startswith("TimeoutError")
    assert len(receiver.requests) == 1


def test_a_receiver_that_drips_its_answer_is_cut_off_at_the_deadline(
    receiver, endpoint, settings, django_capture_on_commit_callbacks
):
    """Each header line comes well within the timeout, so only the one deadline for the
    whole exchange can end it."""
    settings.WEBHOOKS_TIMEOUT_SECONDS = 0.5
    receiver.drip = True
    delivery = emit(endpoint, django_capture_on_commit_callbacks)
    assert delivery.status == Delivery.FAILED and delivery.error.startswith("TimeoutError")


def test_nobody_listening_is_a_failed_attempt(
    receiver, endpoint, django_capture_on_commit_callbacks
):
    Endpoint.objects.filter(pk=endpoint.pk).update(url="http://127.0.0.1:1/closed")
    endpoint.refresh_from_db()
    delivery = emit(endpoint, django_capture_on_commit_callbacks)
    assert delivery.status == Delivery.FAILED and "ConnectionRefused" in delivery.error


def test_two_sweeps_do_not_send_one_attempt_twice(
    receiver, endpoint, django_capture_on_commit_callbacks
):
    receiver.statuses = [500, 200]
    delivery = emit(endpoint, django_capture_on_commit_callbacks)
    due = timezone.now() + timedelta(seconds=30)
    assert services.delivery_attempt(delivery_id=delivery.pk, now=due) is not None
    assert services.delivery_attempt(delivery_id=delivery.pk, now=due) is None
    assert len(receiver.requests) == 2


def test_the_connection_goes_to_the_checked_address_with_the_urls_host_name(
    receiver, endpoint, django_capture_on_commit_callbacks
):
    """The name is resolved once, by the check; the request goes to that address and still
    names the host (Host header) the administrator typed."""
    import socket

    real = socket.getaddrinfo
    calls = []

    def fake(host, *args, **kwargs):
        if host == "hooks.partner.test":
            calls.append(host)
            return real("127.0.0.1", *args, **kwargs)
        return real(host, *args, **kwargs)

    Endpoint.objects.filter(pk=endpoint.pk).update(
        url=f"http://hooks.partner.test:{receiver.port}/in"
    )
    endpoint.refresh_from_db()
    with mock.patch("socket.getaddrinfo", fake):
        delivery = emit(endpoint, django_capture_on_commit_callbacks)
    assert delivery.status == Delivery.SUCCEEDED
    (request,) = receiver.requests
    assert request.headers["host"] == f"hooks.partner.test:{receiver.port}"
    assert request.verified and calls == ["hooks.partner.test"]


def test_a_name_that_now_resolves_to_a_private_address_is_refused_at_delivery(
    receiver, endpoint, settings, django_capture_on_commit_callbacks
):
    """DNS may change after the endpoint was saved: the rule is applied at every attempt."""
    import socket

    real = socket.getaddrinfo
    Endpoint.objects.filter(pk=endpoint.pk).update(
        url=f"http://rebind.partner.test:{receiver.port}/in"
    )
    endpoint.refresh_from_db()
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False

    def rebound(host, *args, **kwargs):
        return real("127.0.0.1" if host == "rebind.partner.test" else host, *args, **kwargs)

    with mock.patch("socket.getaddrinfo", rebound):
        delivery = emit(endpoint, django_capture_on_commit_callbacks)
    assert delivery.status == Delivery.FAILED
    assert delivery.error.startswith("Refused: rebind.partner.test resolves to 127.0.0.1")
    assert receiver.requests == []


def test_the_loopback_receiver_is_refused_when_the_setting_is_off(
    receiver, endpoint, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    delivery = emit(endpoint, django_capture_on_commit_callbacks)
    assert delivery.status == Delivery.FAILED and delivery.error.startswith("Refused: ")
    assert receiver.requests == []


def test_a_rotated_secret_signs_beside_the_old_one_for_a_while(
    receiver, endpoint, django_capture_on_commit_callbacks
):
    old = receiver.secret
    new = services.endpoint_rotate_secret(endpoint=endpoint)
    assert new != old and new.startswith("whsec_")
    emit(endpoint, django_capture_on_commit_callbacks)
    assert receiver.requests[-1].verified  # still checked with the old secret
    receiver.secret = new
    emit(endpoint, django_capture_on_commit_callbacks)
    assert receiver.requests[-1].verified
    assert len(receiver.requests[-1].headers["webhook-signature"].split(" ")) == 2
    Endpoint.objects.filter(pk=endpoint.pk).update(
        previous_secret_until=timezone.now() - timedelta(seconds=1)
    )
    endpoint.refresh_from_db()
    receiver.secret = old
    emit(endpoint, django_capture_on_commit_callbacks)
    assert not receiver.requests[-1].verified  # the grace period is over
    assert len(receiver.requests[-1].headers["webhook-signature"].split(" ")) == 1


def test_the_sweep_command_attempts_what_is_due(
    receiver, endpoint, django_capture_on_commit_callbacks
):
    from io import StringIO

    from django.core.management import call_command

    receiver.statuses = [500, 200]
    delivery = emit(endpoint, django_capture_on_commit_callbacks)
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    out = StringIO()
    call_command("webhooks_deliver_due", stdout=out, stderr=StringIO())
    assert "1 webhook deliveries attempted." in out.getvalue()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.SUCCEEDED


def test_prune_deletes_old_finished_deliveries_only(
    receiver, endpoint, settings, django_capture_on_commit_callbacks
):
    from io import StringIO

    from django.core.management import call_command

    receiver.statuses = [200, 500]
    done = emit(endpoint, django_capture_on_commit_callbacks)
    still_open = emit(endpoint, django_capture_on_commit_callbacks)
    fresh = emit(endpoint, django_capture_on_commit_callbacks)
    old = timezone.now() - timedelta(days=91)
    Delivery.objects.filter(pk__in=[done.pk, still_open.pk]).update(created_at=old)
    assert (done.status, still_open.status) == (Delivery.SUCCEEDED, Delivery.FAILED)
    out = StringIO()
    call_command("webhooks_prune", stdout=out)
    assert "Deleted 1 webhook deliveries older than 90 days." in out.getvalue()
    assert set(Delivery.objects.values_list("pk", flat=True)) == {still_open.pk, fresh.pk}
