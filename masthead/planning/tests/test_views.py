"""The board, the calendar and the "My assignments" panel render what they should."""

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from masthead.planning.models import Assignment

pytestmark = pytest.mark.django_db


def _column(html: str, status: str) -> str:
    match = re.search(rf'data-status="{status}">(.*?)</section>', html, re.S)
    assert match, status
    return match.group(1)


def test_the_board_shows_each_assignment_in_its_status_column(
    client, editor, reporter, make_assignment, django_assert_max_num_queries
):
    make_assignment(assignees=[reporter], headline="Story being drafted", status="drafting")
    make_assignment(headline="Just an idea", status="idea")
    for n in range(8):
        make_assignment(assignees=[reporter], headline=f"Filler {n}", status="in_review")
    client.force_login(editor)
    client.get(reverse("planning:board"))  # the session and profile are read once
    with django_assert_max_num_queries(25):
        response = client.get(reverse("planning:board"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Story being drafted" in _column(html, "drafting")
    assert "Just an idea" in _column(html, "idea")
    assert "Just an idea" not in _column(html, "drafting")
    assert "In review (8)" in html
    # Every card has a plain form to move it: no script needed.
    assert html.count('name="status"') >= 10


def test_the_board_filters_by_section_person_and_status(
    client, editor, reporter, other_reporter, make_assignment, other_section
):
    make_assignment(assignees=[reporter], headline="War story")
    make_assignment(assignees=[other_reporter], headline="Economy story", section=other_section)
    make_assignment(assignees=[reporter], headline="Spiked story", status="spiked")
    client.force_login(editor)
    board = reverse("planning:board")
    html = client.get(board, {"section": other_section.pk}).content.decode()
    assert "Economy story" in html and "War story" not in html
    html = client.get(board, {"person": reporter.pk}).content.decode()
    assert "War story" in html and "Economy story" not in html
    html = client.get(board, {"status": "spiked"}).content.decode()
    assert "Spiked story" in html and "War story" not in html


def test_the_week_calendar_puts_stories_on_their_newsroom_day(client, editor, make_assignment):
    # 22:30 UTC on 1 March is half past midnight on 2 March in Kyiv.
    make_assignment(headline="Late one", due_at=datetime(2027, 3, 1, 22, 30, tzinfo=UTC))
    make_assignment(headline="Morning one", due_at=datetime(2027, 3, 3, 7, 0, tzinfo=UTC))
    make_assignment(headline="Tuesday after", due_at=datetime(2027, 3, 9, 7, 0, tzinfo=UTC))
    client.force_login(editor)
    response = client.get(reverse("planning:calendar"), {"day": "2027-03-03"})
    html = response.content.decode()
    assert response.status_code == 200
    day_two = re.search(r'id="day-2027-03-02">.*?</section>', html, re.S).group(0)
    assert "Late one" in day_two and "00:30" in day_two
    assert "Morning one" in html and "09:00" in html
    assert "Tuesday after" not in html
    assert 'id="day-2027-03-01"' in html and 'id="day-2027-03-07"' in html  # Monday to Sunday

    day = client.get(reverse("planning:calendar"), {"day": "2027-03-02", "span": "day"})
    html = day.content.decode()
    assert "Late one" in html and "Morning one" not in html


def test_my_assignments_are_on_each_staff_members_admin_home(
    client, editor, reporter, other_reporter, make_assignment
):
    make_assignment(assignees=[reporter], headline="Olena's story")
    make_assignment(assignees=[other_reporter], headline="Taras's story")
    make_assignment(assignees=[reporter], headline="Done already", status="published")
    client.force_login(reporter)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "My assignments" in html
    assert "Olena&#x27;s story" in html
    assert "Taras" not in html
    assert "Done already" not in html
    client.force_login(editor)  # the editing editor of all of them
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Olena&#x27;s story" in html and "Taras&#x27;s story" in html


def test_the_planning_menu_is_shown_to_staff(client, reporter):
    client.force_login(reporter)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("planning:board") in html


def test_the_assignment_page_shows_history_notes_and_the_draft(
    client, editor, reporter, make_assignment
):
    assignment = make_assignment(assignees=[reporter])
    client.force_login(editor)
    client.post(reverse("planning:move", args=[assignment.pk]), {"status": "drafting"})
    html = client.get(reverse("planning:detail", args=[assignment.pk])).content.decode()
    assert "History" in html
    assert re.search(r"<td>status</td><td>Assigned</td><td>Drafting</td>", html)
    assert "Start draft" in html
    assert Assignment.objects.get().status == "drafting"
