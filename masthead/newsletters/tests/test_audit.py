"""Test sends, sends, schedules and cancels of a newsletter issue are audited."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from masthead.accounts.tests.smtp import smtp_inbox  # noqa: F401 - a fixture
from masthead.audit.models import AuditEntry
from masthead.newsletters.roles import ensure_newsletter_permissions

from .factories import make_issue

pytestmark = pytest.mark.django_db


def test_issue_actions_are_audited(client, editor, newsletter, article, smtp_inbox, settings):  # noqa: F811
    ensure_newsletter_permissions()
    issue = make_issue(newsletter, [article])
    url = reverse("newsletters_admin:issue", args=[issue.pk])
    client.force_login(editor)
    client.post(url, {"action": "test", "email": "desk@news.example"})
    when = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    client.post(url, {"action": "schedule", "send_at": when})
    client.post(url, {"action": "unschedule"})

    entries = AuditEntry.objects.filter(action__startswith="newsletters.").order_by("id")
    assert [e.action for e in entries] == [
        "newsletters.send_test",
        "newsletters.schedule",
        "newsletters.cancel",
    ]
    assert entries[0].data == {"email": "desk@news.example"}
    assert all((e.actor, e.target_id) == (editor, str(issue.pk)) for e in entries)


def test_a_send_is_audited(client, editor, newsletter, article, settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default", "newsletters", "narration"],
        }
    }
    ensure_newsletter_permissions()
    issue = make_issue(newsletter, [article])
    client.force_login(editor)
    client.post(reverse("newsletters_admin:issue", args=[issue.pk]), {"action": "send"})
    entry = AuditEntry.objects.get(action="newsletters.send")
    assert (entry.actor, entry.target_id) == (editor, str(issue.pk))
