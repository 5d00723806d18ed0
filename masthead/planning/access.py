"""Who may see and do what in story planning, decided here only.

Editors (the permission to add assignments, given to the Editor and Administrator groups in
accounts/roles.py) plan for everyone. Reporters (view permission) see the boards of their
sections and update only the assignments they hold: status, notes, links."""

from __future__ import annotations

from django.db.models import Q

from .models import Assignment, AssignmentNote, DeskMember

# What a reporter may move their own assignment to; spiking and publishing are the desk's.
REPORTER_STATUSES = {
    Assignment.Status.ASSIGNED,
    Assignment.Status.DRAFTING,
    Assignment.Status.IN_REVIEW,
}


def can_plan(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_perm("planning.add_assignment"))


def can_use_planning(user) -> bool:
    return can_plan(user) or (user.is_authenticated and user.has_perm("planning.view_assignment"))


def desk_section_ids(user) -> set[int]:
    """The sections whose board a reporter sees: their desks, and every section in which
    they hold an assignment."""
    ids = set(DeskMember.objects.filter(user=user).values_list("section_id", flat=True))
    ids |= set(
        Assignment.objects.filter(assignees=user)
        .exclude(section=None)
        .values_list("section_id", flat=True)
    )
    return ids


def visible_assignments(user):
    """Assignments the user may see (not the private notes: see visible_notes)."""
    assignments = Assignment.objects.all()
    if can_plan(user):
        return assignments
    if not can_use_planning(user):
        return assignments.none()
    mine = Assignment.objects.filter(assignees=user).values("pk")
    return assignments.filter(Q(pk__in=mine) | Q(section_id__in=desk_section_ids(user)))


def holds(user, assignment: Assignment) -> bool:
    return assignment.assignees.filter(pk=user.pk).exists()


def can_update(user, assignment: Assignment) -> bool:
    """Status, notes and links: editors, and the assignment's own people."""
    return can_plan(user) or (
        can_use_planning(user) and (holds(user, assignment) or assignment.editor_id == user.pk)
    )


def can_move_to(user, assignment: Assignment, status: str) -> bool:
    if can_plan(user):
        return True
    return can_update(user, assignment) and status in REPORTER_STATUSES


def can_see_private_notes(user, assignment: Assignment) -> bool:
    return can_plan(user) or assignment.editor_id == user.pk or holds(user, assignment)


def visible_notes(user, assignment: Assignment):
    notes = AssignmentNote.objects.filter(assignment=assignment).select_related("author")
    if can_see_private_notes(user, assignment):
        return notes
    return notes.filter(private=False)
