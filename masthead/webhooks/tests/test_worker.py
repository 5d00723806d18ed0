"""End to end on the database task backend with a real worker process (`manage.py
db_worker`): a publish reaches the receiver, and a failed attempt is retried by a deferred
task (run_after) without anyone running the sweep."""

import time

import pytest
from django_tasks_db.models import DBTaskResult

from masthead.webhooks.models import Delivery

pytestmark = pytest.mark.slow


def _wait(condition, what, timeout=60):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def test_the_worker_delivers_and_retries_at_the_deferred_time(
    task_worker, receiver, endpoint, make_article, settings
):
    settings.WEBHOOKS_RETRY_SCHEDULE = [1]
    receiver.statuses = [500, 200]
    article = make_article(title="Night trains restored")  # transactional: commits at once
    queued = DBTaskResult.objects.filter(task_path__endswith="webhooks.tasks.deliver")
    assert queued.count() == 1
    task_worker(
        env_overrides={
            "WEBHOOKS_ALLOW_PRIVATE_ADDRESSES": "true",
            "WEBHOOKS_RETRY_SCHEDULE": "1",
        }
    )
    _wait(lambda: len(receiver.requests) == 2, "the retry")
    delivery = Delivery.objects.get()
    _wait(
        lambda: Delivery.objects.filter(pk=delivery.pk, status=Delivery.SUCCEEDED).exists(),
        "the delivery to be marked",
    )
    assert all(r.verified for r in receiver.requests)
    assert receiver.requests[0].json["data"]["id"] == article.pk
    # The retry was its own task, deferred to its time.
    retry = queued.order_by("enqueued_at").last()
    assert queued.count() == 2 and retry.run_after is not None
