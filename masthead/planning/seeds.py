"""Demo planning: a day's plan on the desks, for the demo editor and reporter. Idempotent:
nothing is added once any assignment exists. Due times are relative to the moment of seeding,
so the board and calendar of a fresh demo show today and tomorrow."""

from datetime import timedelta

from django.utils import timezone

from masthead.accounts.models import User
from masthead.news.models import SectionPage

from .models import Assignment, AssignmentLink, AssignmentNote, DeskMember

S = Assignment.Status
# headline, section slug, assignee usernames, hours from now until due, status, priority,
# notes (text, private)
PLAN = [
    (
        "Night of drones over the capital: what the air force counted",
        "war",
        ["reporter"],
        6,
        S.ASSIGNED,
        Assignment.Priority.URGENT,
        [("Air force briefing at 11:00; ask for the regional breakdown.", False)],
    ),
    (
        "Why the grid holds this winter, and where it might not",
        "analysis",
        ["reporter"],
        30,
        S.IDEA,
        Assignment.Priority.NORMAL,
        [("Two engineers at the grid operator will talk off the record.", True)],
    ),
    (
        "The school that moved underground",
        "human-story",
        [],
        54,
        S.IDEA,
        Assignment.Priority.LOW,
        [],
    ),
    (
        "Ferry crossings on the Dnipro, one year on",
        "field-report",
        ["reporter"],
        20,
        S.ASSIGNED,
        Assignment.Priority.HIGH,
        [("Photo desk: book a photographer for the early crossing.", False)],
    ),
]


def seed(*, stdout) -> None:
    if Assignment.objects.exists():
        return
    editor = User.objects.filter(username="editor").first()
    people = {user.username: user for user in User.objects.filter(username__in=["reporter"])}
    sections = {section.slug: section for section in SectionPage.objects.all()}
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    made = 0
    for headline, slug, usernames, hours, status, priority, notes in PLAN:
        section = sections.get(slug)
        if section is None:
            continue
        assignees = [people[name] for name in usernames if name in people]
        assignment = Assignment.objects.create(
            headline=headline,
            section=section,
            editor=editor,
            due_at=now + timedelta(hours=hours),
            status=status if assignees or status == S.IDEA else S.IDEA,
            priority=priority,
            created_by=editor,
        )
        assignment.assignees.set(assignees)
        for text, private in notes:
            AssignmentNote.objects.create(
                assignment=assignment, text=text, private=private, author=editor
            )
        made += 1
    first = Assignment.objects.order_by("pk").first()
    if first is not None:
        AssignmentLink.objects.create(
            assignment=first,
            url="https://example.org/air-force-daily-figures",
            label="Air force daily figures (demo link)",
            added_by=editor,
        )
    if "reporter" in people and "war" in sections:
        DeskMember.objects.get_or_create(user=people["reporter"], section=sections["war"])
    stdout.write(f"planning: {made} demo assignments")
