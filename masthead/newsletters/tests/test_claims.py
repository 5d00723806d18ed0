"""The delivery ledger: claims, leases and the watchdog's decision, without SMTP."""

from datetime import timedelta

from django.utils import timezone

from masthead.newsletters import services
from masthead.newsletters.models import Delivery, Issue
from masthead.newsletters.sending import claim_batch, deliveries_create, needs_sender

from .factories import make_issue, make_subscribers


def _sending_issue(newsletter, count):
    make_subscribers(newsletter, count)
    issue = make_issue(newsletter, status=Issue.SENDING)
    deliveries_create(issue=issue)
    return issue


def test_rows_are_created_once_however_often_the_start_runs(newsletter):
    issue = _sending_issue(newsletter, 5)
    assert deliveries_create(issue=issue) == 5
    services.issue_start(issue_id=issue.pk)
    assert Delivery.objects.filter(issue=issue).count() == 5
    issue.refresh_from_db()
    assert issue.recipients_total == 5


def test_two_workers_never_claim_the_same_row(newsletter):
    issue = _sending_issue(newsletter, 5)
    first = claim_batch(issue_id=issue.pk, worker="a", size=3)
    second = claim_batch(issue_id=issue.pk, worker="b", size=3)
    assert len(first) == 3 and len(second) == 2
    assert not {row[0] for row in first} & {row[0] for row in second}
    assert claim_batch(issue_id=issue.pk, worker="c", size=3) == []


def test_an_expired_claim_is_taken_over_and_a_live_one_is_not(newsletter):
    issue = _sending_issue(newsletter, 2)
    claim_batch(issue_id=issue.pk, worker="dead", size=2)
    assert not needs_sender(issue_id=issue.pk)  # a live lease: someone is working
    Delivery.objects.filter(issue=issue).update(claimed_until=timezone.now() - timedelta(seconds=1))
    assert needs_sender(issue_id=issue.pk)  # every lease expired: the watchdog starts one
    taken = claim_batch(issue_id=issue.pk, worker="alive", size=5)
    assert len(taken) == 2
    assert set(Delivery.objects.values_list("claimed_by", flat=True)) == {"alive"}


def test_rows_waiting_for_a_retry_are_not_due_yet(newsletter):
    issue = _sending_issue(newsletter, 1)
    Delivery.objects.update(attempts=1, next_attempt_at=timezone.now() + timedelta(minutes=5))
    assert claim_batch(issue_id=issue.pk, worker="a", size=5) == []
    assert not needs_sender(issue_id=issue.pk)


def test_paused_suppressed_and_unconfirmed_readers_get_no_row(newsletter):
    from masthead.newsletters.models import Subscriber, Subscription

    readers = make_subscribers(newsletter, 4)
    Subscriber.objects.filter(pk=readers[0].pk).update(paused=True)
    Subscriber.objects.filter(pk=readers[1].pk).update(suppressed_at=timezone.now())
    Subscription.objects.filter(subscriber=readers[2]).update(status=Subscription.PENDING)
    issue = make_issue(newsletter, status=Issue.SENDING)
    assert deliveries_create(issue=issue) == 1
    assert Delivery.objects.get().subscriber_id == readers[3].pk
