"""Assigned emails and due-time reminders end to end: the database task backend, a real
worker process (`manage.py db_worker`) and a real SMTP server on loopback."""

import time
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from masthead.planning.models import Assignment
from masthead.planning.services import reminder_arm

pytestmark = pytest.mark.slow


def _wait(condition, what, timeout=60):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def test_the_worker_sends_the_assigned_email_and_the_reminder_at_its_time(
    task_worker, client, editor, section, reporter, smtp_inbox
):
    # Due in 3 h: with the default PLANNING_REMINDER_BEFORE (2 h) the reminder is deferred by
    # about an hour (run_after); the assigned email goes out at once.
    due = (timezone.now() + timedelta(hours=3)).astimezone(ZoneInfo("Europe/Kyiv"))
    client.force_login(editor)
    response = client.post(
        reverse("planning:create"),
        {
            "headline": "Evacuation trains from the east",
            "section": section.pk,
            "assignees": [reporter.pk],
            "editor": editor.pk,
            "due_at": due.strftime("%Y-%m-%d %H:%M"),
            "status": "assigned",
            "priority": "3",
        },
    )
    assert response.status_code == 302
    queued = DBTaskResult.objects.filter(task_path__endswith="send_due_reminders").get()
    assert queued.run_after > timezone.now() + timedelta(minutes=55)

    task_worker(env_overrides={"EMAIL_URL": f"smtp://127.0.0.1:{settings.EMAIL_PORT}"})
    _wait(lambda: smtp_inbox.to(reporter.email), "the assigned email")
    assert smtp_inbox.to(reporter.email)[0]["Subject"].startswith("Assigned: ")

    # A due time moved to 2 h and a few seconds from now: the reminder is deferred (run_after)
    # those few seconds, and the worker sends it when they have passed.
    assignment = Assignment.objects.get()
    assignment.due_at = timezone.now() + timedelta(hours=2, seconds=3)
    assignment.save(update_fields=["due_at"])
    reminder_arm(assignment=assignment)  # transactional test: on_commit runs at once
    deferred = DBTaskResult.objects.filter(task_path__endswith="send_due_reminders").latest(
        "enqueued_at"
    )
    assert deferred.run_after > timezone.now() - timedelta(seconds=3)
    _wait(lambda: len(smtp_inbox.to(reporter.email)) == 2, "the reminder")
    subjects = sorted(m["Subject"] for m in smtp_inbox.to(reporter.email))
    assert subjects == [
        "Assigned: Evacuation trains from the east",
        "Due soon: Evacuation trains from the east",
    ]
    assignment.refresh_from_db()
    assert assignment.reminded_for == assignment.due_at
