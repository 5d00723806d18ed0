"""Bad input gets a 4xx and a message; nothing is stored or lost."""

import pytest
from django.urls import reverse

from masthead.planning.models import Assignment, AssignmentChange

pytestmark = pytest.mark.django_db


def _data(desk, reporter, editor, **overrides):
    return {
        "headline": "Strike on the power plant",
        "section": desk.pk,
        "assignees": [reporter.pk],
        "editor": editor.pk,
        "due_at": "2027-02-01 10:00",
        "status": "assigned",
        "priority": "2",
        **overrides,
    }


@pytest.mark.parametrize("due", ["tomorrow", "2027-13-45 10:00", "10:00 2027-02-01", "'; DROP"])
def test_a_due_time_in_a_bad_format_is_refused(client, editor, section, reporter, due):
    client.force_login(editor)
    response = client.post(reverse("planning:create"), _data(section, reporter, editor, due_at=due))
    assert response.status_code == 400
    assert "YYYY-MM-DD HH:MM" in response.content.decode()
    assert not Assignment.objects.exists()


def test_a_foreign_section_id_is_refused(client, editor, section, reporter, article):
    client.force_login(editor)
    for foreign in (article.pk, 999999, "war"):  # a page that is not a section, none, junk
        response = client.post(
            reverse("planning:create"), _data(section, reporter, editor, section=foreign)
        )
        assert response.status_code == 400
        assert "Choose one of the site&#x27;s sections." in response.content.decode()
    assert not Assignment.objects.exists()


def test_an_edit_with_bad_input_keeps_what_was_stored(
    client, editor, section, reporter, make_assignment
):
    assignment = make_assignment(assignees=[reporter], headline="Kept")
    client.force_login(editor)
    response = client.post(
        reverse("planning:edit", args=[assignment.pk]),
        _data(section, reporter, editor, headline="Lost?", assignees=[424242]),
    )
    assert response.status_code == 400
    assert "Choose people from the newsroom staff." in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.headline == "Kept"
    assert not AssignmentChange.objects.exists()


@pytest.mark.parametrize("status", ["archived", "", "PUBLISHED", "<script>"])
def test_moving_a_card_to_a_bogus_status_is_refused(client, editor, make_assignment, status):
    assignment = make_assignment()
    client.force_login(editor)
    response = client.post(reverse("planning:move", args=[assignment.pk]), {"status": status})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Not moved." in body
    assert "<script>" not in body
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.ASSIGNED
    assert not AssignmentChange.objects.exists()


def test_a_link_that_is_not_a_web_address_is_refused(client, editor, make_assignment):
    assignment = make_assignment()
    client.force_login(editor)
    response = client.post(
        reverse("planning:add_link", args=[assignment.pk]), {"url": "javascript:alert(1)"}
    )
    assert response.status_code == 400
    assert not assignment.links.exists()


def test_bad_filters_are_refused_with_a_message(client, editor, make_assignment):
    make_assignment()
    client.force_login(editor)
    for query in ("?status=bogus", "?section=abc", "?person=999999"):
        response = client.get(reverse("planning:board") + query)
        assert response.status_code == 400, query
        assert "These filters are not valid." in response.content.decode()
    response = client.get(reverse("planning:calendar") + "?day=2027-02-31")
    assert response.status_code == 400


def test_starting_a_draft_without_a_section_is_refused(client, editor, make_assignment):
    assignment = make_assignment(section=None)
    client.force_login(editor)
    response = client.post(reverse("planning:start_draft", args=[assignment.pk]))
    assert response.status_code == 400
    assert "section" in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.draft_id is None
