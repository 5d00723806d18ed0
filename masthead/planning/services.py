"""Writes of story planning: saving and moving assignments (with their history and audit
entries), notes and links, starting the draft, following the draft through review, and the
emails (assigned, reminder)."""

from __future__ import annotations

from datetime import UTC

from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django_tasks import task_backends

from masthead.accounts.timezones import newsroom_zone_name, zone_label
from masthead.audit.log import record
from masthead.core.site_url import absolute_url

from . import conf
from .models import Assignment, AssignmentChange, AssignmentLink, AssignmentNote
from .templatetags.planning_tags import STORED_TIME

TRACKED = ["headline", "section", "assignees", "editor", "due_at", "status", "priority", "draft"]


def snapshot(assignment: Assignment) -> dict[str, str]:
    """The tracked fields as text, for the history (datetimes in UTC, as stored)."""
    if assignment.pk is None:
        return dict.fromkeys(TRACKED, "")
    return {
        "headline": assignment.headline,
        "section": str(assignment.section or ""),
        "assignees": ", ".join(sorted(str(u) for u in assignment.assignees.all())),
        "editor": str(assignment.editor or ""),
        "due_at": assignment.due_at.astimezone(UTC).strftime(STORED_TIME)
        if assignment.due_at
        else "",
        "status": assignment.get_status_display(),
        "priority": assignment.get_priority_display(),
        "draft": str(assignment.draft or ""),
    }


def _record_changes(assignment, before, after, *, user, via="") -> list[AssignmentChange]:
    changes = [
        AssignmentChange(
            assignment=assignment,
            user=user,
            field=field,
            old=before[field],
            new=after[field],
            via=via,
        )
        for field in TRACKED
        if before[field] != after[field]
    ]
    AssignmentChange.objects.bulk_create(changes)
    return changes


def assignment_save(*, form, user, request=None) -> Assignment:
    """Create or edit an assignment from a valid AssignmentForm (editors only). Keeps the
    history, writes audit entries, and after commit emails the people newly assigned and
    arms the due-time reminder."""
    assignment = form.instance
    creating = assignment.pk is None
    # Read what is stored: validating the form already copied the new values onto the instance.
    stored = Assignment() if creating else Assignment.objects.get(pk=assignment.pk)
    before = snapshot(stored)
    old_people = set() if creating else set(stored.assignees.values_list("pk", flat=True))
    old_due = stored.due_at
    with transaction.atomic():
        if creating:
            assignment.created_by = user
        assignment = form.save()
        after = snapshot(assignment)
        changes = _record_changes(assignment, before, after, user=user)
        new_people = set(assignment.assignees.values_list("pk", flat=True)) - old_people
        changed_fields = [change.field for change in changes]
        if creating:
            record("planning.assignment_created", request=request, actor=user, target=assignment)
        elif changed_fields:
            record(
                "planning.assignment_changed",
                request=request,
                actor=user,
                target=assignment,
                fields=changed_fields,
            )
        if new_people:
            record(
                "planning.assignment_given",
                request=request,
                actor=user,
                target=assignment,
                user_ids=sorted(new_people),
            )
            _email_assigned_after_commit(assignment.pk, sorted(new_people))
        if assignment.status == Assignment.Status.SPIKED and before["status"] != after["status"]:
            record("planning.assignment_spiked", request=request, actor=user, target=assignment)
        if assignment.due_at and assignment.due_at != old_due:
            reminder_arm(assignment=assignment)
    return assignment


def assignment_move(*, assignment: Assignment, status: str, user, request=None, via="") -> bool:
    """Set the status (a card moved on the board, or the draft moved on). Returns whether
    anything changed. Side effects: history row, audit entry."""
    from .access import can_move_to

    if status not in Assignment.Status.values:
        raise ValueError(f"Unknown status {status!r}")
    if user is not None and not via and not can_move_to(user, assignment, status):
        raise PermissionDenied
    if assignment.status == status:
        return False
    with transaction.atomic():
        before = snapshot(assignment)
        assignment.status = status
        assignment.save(update_fields=["status", "updated_at"])
        _record_changes(assignment, before, snapshot(assignment), user=user, via=via)
        action = (
            "planning.assignment_spiked"
            if status == Assignment.Status.SPIKED
            else "planning.assignment_changed"
        )
        record(
            action, request=request, actor=user, target=assignment, fields=["status"], status=status
        )
    return True


def note_add(*, assignment: Assignment, text: str, private: bool, user) -> AssignmentNote:
    """Add a note. Side effect: one row."""
    return AssignmentNote.objects.create(
        assignment=assignment, text=text, private=private, author=user
    )


def link_add(*, assignment: Assignment, url: str, label: str, user) -> AssignmentLink:
    """Add a link and say so in the history. Side effect: two rows."""
    link = AssignmentLink.objects.create(assignment=assignment, url=url, label=label, added_by=user)
    AssignmentChange.objects.create(assignment=assignment, user=user, field="link", new=url)
    return link


def _unique_slug(section, headline: str) -> str:
    base = slugify(headline, allow_unicode=True)[:70].strip("-") or "draft"
    taken = set(section.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def draft_start(*, assignment: Assignment, user, request=None):
    """Create the article draft under the assignment's section (headline as title, the
    assignees' bylines as authors), link it and set the status to drafting. A started draft
    is returned as it is. Side effects: a page and its first revision, history, audit."""
    from masthead.news.models import ArticleAuthor, ArticlePage

    if assignment.draft_id:
        return assignment.draft
    section = assignment.section
    if section is None:
        raise ValueError("Choose the assignment's section before starting the draft.")
    if not section.permissions_for_user(user).can_add_subpage():
        raise PermissionDenied
    authors = [
        person.author_profile
        for person in assignment.assignees.select_related("author_profile").order_by("pk")
        if getattr(person, "author_profile", None) is not None
    ]
    if not authors and getattr(user, "author_profile", None) is not None:
        authors = [user.author_profile]
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
        if assignment.draft_id:
            return assignment.draft
        before = snapshot(assignment)
        page = ArticlePage(
            title=assignment.headline,
            slug=_unique_slug(section, assignment.headline),
            standfirst="",
            body=[],
            owner=user,
            live=False,  # a draft: Wagtail validates only title and slug until it goes live
        )
        for order, author in enumerate(authors):
            page.article_authors.add(ArticleAuthor(author=author, sort_order=order))
        section.add_child(instance=page)
        # An empty draft, as Wagtail's editor saves one: required fields wait for publishing.
        page.save_revision(user=user, log_action=True, clean=False)
        assignment.draft = page
        if assignment.status in (Assignment.Status.IDEA, Assignment.Status.ASSIGNED):
            assignment.status = Assignment.Status.DRAFTING
        assignment.save(update_fields=["draft", "status", "updated_at"])
        _record_changes(assignment, before, snapshot(assignment), user=user, via="draft started")
        record(
            "planning.draft_started", request=request, actor=user, target=assignment, page=page.pk
        )
    return page


def follow_draft(*, page_id: int, status: str, user=None, via: str) -> int:
    """Move the assignments whose draft is `page_id` to `status` (never out of spiked, and
    never back from published except by an editor's hand). Returns how many moved."""
    moved = 0
    frozen = [Assignment.Status.SPIKED]
    if status != Assignment.Status.PUBLISHED:
        frozen.append(Assignment.Status.PUBLISHED)
    for assignment in Assignment.objects.filter(draft_id=page_id).exclude(status__in=frozen):
        moved += assignment_move(assignment=assignment, status=status, user=user, via=via)
    return moved


# Emails


def _recipients(assignment: Assignment, user_ids=None) -> list[str]:
    people = assignment.assignees.all()
    if user_ids is not None:
        people = people.filter(pk__in=user_ids)
    addresses = [person.email for person in people if person.email]
    if not addresses and user_ids is None and assignment.editor and assignment.editor.email:
        addresses = [assignment.editor.email]
    return addresses


def _email(template: str, assignment: Assignment, to: list[str], **extra) -> None:
    zone = newsroom_zone_name()
    with timezone.override(zone):
        context = {
            "assignment": assignment,
            "url": absolute_url(assignment.get_absolute_url()),
            "due": timezone.localtime(assignment.due_at) if assignment.due_at else None,
            "zone": zone_label(zone),
            **extra,
        }
        subject = render_to_string(f"planning/email/{template}_subject.txt", context)
        body = render_to_string(f"planning/email/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, None, to)


def _email_assigned_after_commit(assignment_id: int, user_ids: list[int]) -> None:
    from .tasks import send_assigned_email

    transaction.on_commit(lambda: send_assigned_email.enqueue(assignment_id, user_ids))


def assigned_email_send(*, assignment_id: int, user_ids: list[int]) -> int:
    """Tell the people just given an assignment (those still on it). Returns messages sent."""
    assignment = Assignment.objects.filter(pk=assignment_id).select_related("section").first()
    if assignment is None:
        return 0
    to = _recipients(assignment, user_ids)
    for address in to:
        _email("assigned", assignment, [address])
    return len(to)


def reminder_arm(*, assignment: Assignment) -> None:
    """After commit, ask the worker to send reminders when this assignment's reminder time
    comes (django-tasks run_after, as core schedules publishing): no cron job needed."""
    from .tasks import send_due_reminders

    when = assignment.due_at - conf.reminder_before()
    task = send_due_reminders
    if task_backends[task.backend].supports_defer:
        task = task.using(run_after=max(when, timezone.now()))
    elif when > timezone.now():
        return  # a backend that cannot wait (the immediate one) has nothing to do yet
    transaction.on_commit(task.enqueue)


def reminders_send_due(*, now=None) -> int:
    """Email every open assignment whose reminder time has come and that was not reminded
    for its current due time. Each is claimed by a conditional update before its mail goes
    out, so two workers never send the same reminder. Returns the number of assignments."""
    now = now or timezone.now()
    candidates = (
        Assignment.objects.open()
        .exclude(due_at=None)
        .filter(due_at__lte=now + conf.reminder_before(), due_at__gt=now - conf.REMINDER_LATE_LIMIT)
        .select_related("section", "editor")
    )
    sent = 0
    for assignment in candidates:
        if assignment.reminded_for == assignment.due_at:
            continue
        claimed = (
            Assignment.objects.filter(pk=assignment.pk, due_at=assignment.due_at)
            .exclude(reminded_for=assignment.due_at)
            .update(reminded_for=assignment.due_at)
        )
        if not claimed:
            continue
        to = _recipients(assignment)
        if to:
            _email("reminder", assignment, to, overdue=assignment.due_at <= now)
            sent += 1
    return sent
