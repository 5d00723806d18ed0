"""An assignment from the editor's plan to a published story, with a real draft in Wagtail."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from wagtail.models import Workflow

from masthead.audit.models import AuditEntry
from masthead.news.models import ArticlePage
from masthead.planning.models import Assignment

pytestmark = pytest.mark.django_db


def _plan(client, editor, section, reporter, **overrides):
    client.force_login(editor)
    data = {
        "headline": "Ferry crossing reopens at Kherson",
        "section": section.pk,
        "assignees": [reporter.pk],
        "editor": editor.pk,
        "due_at": "2027-03-01 18:30",
        "status": "assigned",
        "priority": "3",
        **overrides,
    }
    return client.post(reverse("planning:create"), data)


def test_an_editor_plans_a_story_with_its_due_time_in_the_newsroom_zone(
    client, editor, section, reporter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _plan(client, editor, section, reporter)
    assignment = Assignment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("planning:detail", args=[assignment.pk])
    # Kyiv is UTC+2 in March: 18:30 typed is 16:30 stored.
    assert assignment.due_at == datetime(2027, 3, 1, 16, 30, tzinfo=UTC)
    assert list(assignment.assignees.all()) == [reporter]
    assert assignment.section.specific == section
    page = client.get(reverse("planning:detail", args=[assignment.pk])).content.decode()
    assert "18:30" in page
    assert "Kyiv time" in page
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"planning.assignment_created", "planning.assignment_given"} <= actions


def test_a_reporter_starts_the_draft_and_the_assignment_follows_it_to_publication(
    client, editor, section, reporter, make_assignment
):
    assignment = make_assignment(assignees=[reporter], headline="Ferry crossing reopens")
    client.force_login(reporter)

    response = client.post(reverse("planning:start_draft", args=[assignment.pk]))

    assignment.refresh_from_db()
    page = ArticlePage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert assignment.draft_id == page.pk
    assert assignment.status == Assignment.Status.DRAFTING
    assert page.title == "Ferry crossing reopens"
    assert page.get_parent().specific == section
    assert not page.live
    assert [a.user for a in page.specific.authors] == [reporter]
    assert client.get(response["Location"]).status_code == 200  # the editor opens

    # A second press does not make a second page.
    client.post(reverse("planning:start_draft", args=[assignment.pk]))
    assert ArticlePage.objects.count() == 1

    # The reporter writes the story and submits it to the newsroom's review workflow.
    page = page.specific
    page.standfirst = "The crossing carries cars again after eight months."
    page.body = [{"type": "paragraph", "value": "<p>The first ferry left at dawn.</p>"}]
    page.save_revision(user=reporter)
    workflow = Workflow.objects.get(name="Newsroom review")
    workflow_state = workflow.start(page, reporter)
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.IN_REVIEW

    # The editor approves: the workflow publishes the page.
    workflow_state.current_task_state.approve(user=editor)
    page.refresh_from_db()
    assert page.live
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.PUBLISHED

    history = list(
        assignment.changes.filter(field="status").order_by("at", "pk").values_list("new", "via")
    )
    assert history == [
        ("Drafting", "draft started"),
        ("In review", "draft submitted"),
        ("Published", "draft published"),
    ]
    shown = client.get(reverse("planning:detail", args=[assignment.pk])).content.decode()
    assert "draft published" in shown


def test_changes_requested_in_review_send_the_assignment_back_to_drafting(
    editor, section, reporter, make_assignment
):
    from masthead.planning.services import draft_start

    assignment = make_assignment(assignees=[reporter])
    page = draft_start(assignment=assignment, user=reporter).specific
    page.standfirst = "Standfirst."
    page.body = [{"type": "paragraph", "value": "<p>Body.</p>"}]
    page.save_revision(user=reporter)
    state = Workflow.objects.get(name="Newsroom review").start(page, reporter)
    state.current_task_state.reject(user=editor)
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.DRAFTING


def test_an_edit_is_kept_in_the_history_field_by_field(
    client, editor, section, other_section, reporter, make_assignment
):
    assignment = make_assignment(assignees=[reporter], headline="Old headline")
    client.force_login(editor)
    response = client.post(
        reverse("planning:edit", args=[assignment.pk]),
        {
            "headline": "New headline",
            "section": other_section.pk,
            "assignees": [reporter.pk],
            "editor": editor.pk,
            "due_at": "2027-01-10 09:00",
            "status": "assigned",
            "priority": "2",
        },
    )
    assert response.status_code == 302
    changes = {c.field: (c.old, c.new, c.user) for c in assignment.changes.all()}
    assert changes["headline"] == ("Old headline", "New headline", editor)
    assert changes["section"] == ("War", "Economy", editor)
    assert changes["due_at"][1] == "2027-01-10 07:00 UTC"
    assert "assignees" not in changes
    shown = client.get(reverse("planning:detail", args=[assignment.pk])).content.decode()
    assert "10 Jan 2027, 09:00" in shown  # the history shows the newsroom's time
    entry = AuditEntry.objects.get(action="planning.assignment_changed")
    assert set(entry.data["fields"]) >= {"headline", "section", "due_at"}


def test_spiking_is_audited(client, editor, make_assignment):
    assignment = make_assignment()
    client.force_login(editor)
    response = client.post(reverse("planning:move", args=[assignment.pk]), {"status": "spiked"})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.SPIKED
    assert AuditEntry.objects.filter(
        action="planning.assignment_spiked", target_id=str(assignment.pk)
    ).exists()
