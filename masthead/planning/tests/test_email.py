"""Emails to a real SMTP server on loopback: when a story is given to someone, and before
its due time (PLANNING_REMINDER_BEFORE)."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from masthead.planning.models import Assignment
from masthead.planning.services import reminders_send_due

pytestmark = pytest.mark.django_db


def test_people_given_an_assignment_are_emailed_once_it_is_saved(
    client,
    editor,
    section,
    reporter,
    other_reporter,
    smtp_inbox,
    django_capture_on_commit_callbacks,
):
    client.force_login(editor)
    data = {
        "headline": "Blackout schedules for the capital",
        "section": section.pk,
        "assignees": [reporter.pk],
        "editor": editor.pk,
        "due_at": "2027-03-01 18:30",
        "status": "assigned",
        "priority": "2",
    }
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(reverse("planning:create"), data)
    assert callbacks, "the email waits for the commit"
    [message] = smtp_inbox.to(reporter.email)
    assert message["Subject"] == "Assigned: Blackout schedules for the capital"
    body = smtp_inbox.text(message)
    assert "Monday 1 March 2027, 18:30 (Kyiv time (Europe/Kyiv))" in body
    assignment = Assignment.objects.get()
    assert f"/admin/planning/{assignment.pk}/" in body

    # Adding a second person emails only them.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("planning:edit", args=[assignment.pk]),
            {**data, "assignees": [reporter.pk, other_reporter.pk]},
        )
    assert len(smtp_inbox.to(reporter.email)) == 1
    assert len(smtp_inbox.to(other_reporter.email)) == 1


def test_nothing_is_emailed_when_the_save_fails(client, editor, section, reporter, smtp_inbox):
    client.force_login(editor)
    client.post(
        reverse("planning:create"),
        {"headline": "x", "section": section.pk, "assignees": [reporter.pk], "due_at": "soon"},
    )
    assert smtp_inbox.messages == []


def test_a_reminder_goes_out_before_the_due_time_once(
    settings, reporter, make_assignment, smtp_inbox
):
    settings.PLANNING_REMINDER_BEFORE = timedelta(hours=2)
    now = timezone.now()
    soon = make_assignment(
        assignees=[reporter], headline="Due soon", due_at=now + timedelta(hours=1)
    )
    make_assignment(assignees=[reporter], headline="Due later", due_at=now + timedelta(hours=5))
    make_assignment(
        assignees=[reporter],
        headline="Spiked",
        due_at=now + timedelta(hours=1),
        status=Assignment.Status.SPIKED,
    )

    assert reminders_send_due() == 1
    [message] = smtp_inbox.to(reporter.email)
    assert message["Subject"] == "Due soon: Due soon"
    assert "This story is due soon." in smtp_inbox.text(message)

    # Running again (a second worker, the command) sends nothing more.
    call_command("planning_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    assert reminders_send_due() == 0
    assert len(smtp_inbox.messages) == 1

    # A new due time arms a new reminder.
    soon.due_at = now + timedelta(minutes=90)
    soon.save()
    assert reminders_send_due() == 1
    assert len(smtp_inbox.messages) == 2


def test_an_assignment_with_nobody_on_it_reminds_its_editor(editor, make_assignment, smtp_inbox):
    make_assignment(due_at=timezone.now() + timedelta(minutes=30), status="idea")
    assert reminders_send_due() == 1
    assert len(smtp_inbox.to(editor.email)) == 1


def test_saving_an_assignment_due_within_the_window_reminds_at_once(
    client, editor, section, reporter, smtp_inbox, django_capture_on_commit_callbacks
):
    """With a backend that cannot wait (the immediate one here) a reminder already due runs
    at once; the database backend runs it at its time (run_after)."""
    client.force_login(editor)
    # Typed in the newsroom's zone, as the form shows it.
    due = (timezone.now() + timedelta(hours=1)).astimezone(ZoneInfo("Europe/Kyiv"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("planning:create"),
            {
                "headline": "Press conference at the ministry",
                "section": section.pk,
                "assignees": [reporter.pk],
                "editor": editor.pk,
                "due_at": due.strftime("%Y-%m-%d %H:%M"),
                "status": "assigned",
                "priority": "2",
            },
        )
    subjects = [m["Subject"] for m in smtp_inbox.to(reporter.email)]
    assert "Assigned: Press conference at the ministry" in subjects
    assert "Due soon: Press conference at the ministry" in subjects
