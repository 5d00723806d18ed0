"""Reporters see their sections' boards and update only their own assignments; editors plan
for everyone; private notes reach only editors and the people on the story."""

import pytest
from django.urls import reverse

from masthead.planning.models import Assignment, AssignmentNote, DeskMember

pytestmark = pytest.mark.django_db


def test_a_reporter_cannot_create_or_edit_assignments(client, reporter, make_assignment, section):
    assignment = make_assignment(assignees=[reporter])
    client.force_login(reporter)
    assert client.get(reverse("planning:create")).status_code == 403
    response = client.post(
        reverse("planning:create"), {"headline": "Mine", "section": section.pk, "status": "idea"}
    )
    assert response.status_code == 403
    response = client.post(reverse("planning:edit", args=[assignment.pk]), {"headline": "Renamed"})
    assert response.status_code == 403
    assert Assignment.objects.count() == 1
    assert Assignment.objects.get().headline == assignment.headline


def test_a_reporter_moves_their_own_assignment_but_cannot_spike_it(
    client, reporter, make_assignment
):
    assignment = make_assignment(assignees=[reporter])
    client.force_login(reporter)
    response = client.post(reverse("planning:move", args=[assignment.pk]), {"status": "drafting"})
    assert response.status_code == 302
    response = client.post(reverse("planning:move", args=[assignment.pk]), {"status": "spiked"})
    assert response.status_code == 403
    assert "cannot move" in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.DRAFTING


def test_a_reporter_sees_the_board_of_their_section_but_updates_only_their_own(
    client, reporter, other_reporter, make_assignment, section
):
    mine = make_assignment(assignees=[reporter], headline="Mine on the War desk")
    theirs = make_assignment(assignees=[other_reporter], headline="A colleague's war story")
    client.force_login(reporter)
    board = client.get(reverse("planning:board")).content.decode()
    assert "A colleague&#x27;s war story" in board or "A colleague's war story" in board
    assert reverse("planning:move", args=[mine.pk]) in board
    assert reverse("planning:move", args=[theirs.pk]) not in board
    assert client.get(reverse("planning:detail", args=[theirs.pk])).status_code == 200
    for url, data in [
        (reverse("planning:move", args=[theirs.pk]), {"status": "drafting"}),
        (reverse("planning:add_note", args=[theirs.pk]), {"text": "Mine now"}),
        (reverse("planning:add_link", args=[theirs.pk]), {"url": "https://example.org/"}),
        (reverse("planning:start_draft", args=[theirs.pk]), {}),
    ]:
        assert client.post(url, data).status_code == 403, url
    theirs.refresh_from_db()
    assert theirs.status == Assignment.Status.ASSIGNED
    assert not theirs.notes.exists() and not theirs.links.exists() and theirs.draft_id is None


def test_a_reporter_does_not_see_another_sections_assignments(
    client, reporter, other_reporter, make_assignment, other_section
):
    make_assignment(assignees=[reporter])
    elsewhere = make_assignment(
        assignees=[other_reporter], section=other_section, headline="Grain exports fall"
    )
    client.force_login(reporter)
    assert "Grain exports fall" not in client.get(reverse("planning:board")).content.decode()
    assert client.get(reverse("planning:detail", args=[elsewhere.pk])).status_code == 404
    # Once on that desk, they see it.
    DeskMember.objects.create(user=reporter, section=other_section)
    assert "Grain exports fall" in client.get(reverse("planning:board")).content.decode()


def test_private_notes_are_hidden_from_reporters_not_on_the_story(
    client, reporter, other_reporter, editor, make_assignment
):
    make_assignment(assignees=[other_reporter], headline="Theirs")  # puts taras on the desk
    assignment = make_assignment(
        assignees=[reporter],
        notes=[("Source's phone: +380 00 000", True), ("Photo desk booked", False)],
    )
    url = reverse("planning:detail", args=[assignment.pk])

    client.force_login(other_reporter)
    page = client.get(url).content.decode()
    assert "Photo desk booked" in page
    assert "+380 00 000" not in page

    for who in (reporter, editor):
        client.force_login(who)
        assert "+380 00 000" in client.get(url).content.decode()


def test_a_reporter_adds_private_notes_and_links_to_their_own_assignment(
    client, reporter, make_assignment
):
    assignment = make_assignment(assignees=[reporter])
    client.force_login(reporter)
    response = client.post(
        reverse("planning:add_note", args=[assignment.pk]),
        {"text": "Meeting the mayor at 10", "private": "on"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("planning:add_link", args=[assignment.pk]),
        {"url": "https://example.org/report.pdf", "label": "Port authority report"},
    )
    assert response.status_code == 302
    note = AssignmentNote.objects.get()
    assert note.private and note.author == reporter
    assert assignment.links.get().url == "https://example.org/report.pdf"
    assert assignment.changes.filter(field="link").exists()


def test_readers_and_anonymous_visitors_are_kept_out(client, make_assignment, db):
    from masthead.accounts.tests.factories import UserFactory

    assignment = make_assignment()
    response = client.get(reverse("planning:board"))
    assert response.status_code == 302  # to the admin login
    client.force_login(UserFactory(username="reader"))
    assert client.get(reverse("planning:detail", args=[assignment.pk])).status_code in (302, 403)
    assert client.post(
        reverse("planning:move", args=[assignment.pk]), {"status": "spiked"}
    ).status_code in (302, 403)
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.ASSIGNED
