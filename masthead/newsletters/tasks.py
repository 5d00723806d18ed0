"""Background work of the newsletters app. Each task takes ids and calls a service."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from . import sending, services
from .models import Issue


@task(queue_name="newsletters")
def send_confirmation(subscriber_id: int, newsletter_id: int, attempt: int = 1) -> bool:
    """Email the double opt-in link for a pending subscription. A refusal ends the task
    cleanly (recorded as a bounce, or retried later), never as a failed task."""
    return services.confirmation_send(
        subscriber_id=subscriber_id, newsletter_id=newsletter_id, attempt=attempt
    )


@task(queue_name="newsletters")
def start_issue(issue_id: int) -> int:
    """Create the issue's delivery rows and start its senders and watchdog."""
    return services.issue_start(issue_id=issue_id)


@task(queue_name="newsletters")
def send_issue_batches(issue_id: int) -> dict:
    """One sender: claims and sends batches until nothing is due."""
    result = sending.send_batches(issue_id=issue_id)
    return {"sent": result.sent, "retried": result.retried, "failed": result.failed}


@task(queue_name="newsletters")
def watch_issue(issue_id: int) -> None:
    """Watchdog: restarts sending after a dead worker's leases expire, finishes the issue."""
    services.issue_watch(issue_id=issue_id)


@task(queue_name="newsletters")
def send_scheduled_issue(issue_id: int) -> bool:
    """Runs at the scheduled time; sends only if the issue is still scheduled for now (an
    issue rescheduled or returned to draft leaves this task with nothing to do)."""
    issue = Issue.objects.filter(pk=issue_id, status=Issue.SCHEDULED).first()
    if issue is None or issue.scheduled_at is None or issue.scheduled_at > timezone.now():
        return False
    services.issue_send_now(issue=issue)
    return True
