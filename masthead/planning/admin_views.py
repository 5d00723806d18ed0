"""Planning in the Wagtail admin: the board by status, the day/week calendar by due time, one
assignment's page (notes, links, history, start draft), and the editors' form. Every change
is a plain POST form, so the board works without JavaScript."""

from __future__ import annotations

import functools
from datetime import datetime, time, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from masthead.accounts.timezones import zone_label

from . import access, services
from .forms import AssignmentForm, CalendarForm, FilterForm, LinkForm, MoveForm, NoteForm
from .models import Assignment


def _check(request):
    if not access.can_use_planning(request.user):
        raise PermissionDenied


def planning_view(view):
    """A refusal is a 403 page that says so (Wagtail's admin would turn a PermissionDenied
    into a redirect to the dashboard, which hides from a script that it was refused)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return _refuse(request, "You do not have permission to do that.", status=403)

    return wrapped


def _refuse(request, message: str, *, status: int = 400, form=None, back: str = ""):
    """A 4xx page that says what was wrong; nothing has been stored."""
    return render(
        request,
        "planning/admin/refused.html",
        {
            "page_title": "Not saved",
            "header_icon": "warning",
            "message": message,
            "form": form,
            "back": back or reverse("planning:board"),
        },
        status=status,
    )


def _visible(request, pk: int) -> Assignment:
    return get_object_or_404(access.visible_assignments(request.user).for_listing(), pk=pk)


def _next_url(request, fallback: str) -> str:
    url = request.POST.get("next", "")
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return fallback


def _form_errors(form) -> str:
    return " ".join(
        f"{form.fields[field].label or field if field in form.fields else ''}: {error}".lstrip(": ")
        for field, errors in form.errors.items()
        for error in errors
    )


def _filtered(request, form_class, **kwargs):
    form = form_class(request.GET or None, **kwargs)
    if request.GET and not form.is_valid():
        return form, None
    assignments = access.visible_assignments(request.user).for_listing()
    if form.is_bound:
        assignments = form.apply(assignments)
    return form, assignments


def _common(request, **context):
    return {
        "can_plan": access.can_plan(request.user),
        "zone": zone_label(),
        "statuses": Assignment.Status.choices,
        "header_icon": "calendar-alt",
        **context,
    }


@planning_view
def board(request):
    _check(request)
    form, assignments = _filtered(request, FilterForm)
    if assignments is None:
        return _refuse(request, "These filters are not valid. " + _form_errors(form), form=form)
    user = request.user
    columns = {value: [] for value, _ in Assignment.Status.choices}
    for assignment in assignments.order_by("due_at", "-priority", "pk"):
        assignment.updatable = (
            access.can_plan(user)
            or any(p.pk == user.pk for p in assignment.assignees.all())
            or assignment.editor_id == user.pk
        )
        columns[assignment.status].append(assignment)
    return render(
        request,
        "planning/admin/board.html",
        _common(
            request,
            page_title="Planning board",
            filter_form=form,
            columns=[(value, label, columns[value]) for value, label in Assignment.Status.choices],
            reporter_statuses=access.REPORTER_STATUSES,
            query=request.GET.urlencode(),
        ),
    )


@planning_view
def calendar(request):
    _check(request)
    form, assignments = _filtered(request, CalendarForm)
    if assignments is None:
        return _refuse(request, "These filters are not valid. " + _form_errors(form), form=form)
    data = form.cleaned_data if form.is_bound else {}
    today = timezone.localdate()
    day = data.get("day") or today
    span = data.get("span") or "week"
    first = day if span == "day" else day - timedelta(days=day.weekday())
    count = 1 if span == "day" else 7
    zone = timezone.get_current_timezone()
    start = datetime.combine(first, time.min, tzinfo=zone)
    end = datetime.combine(first + timedelta(days=count), time.min, tzinfo=zone)
    days = {first + timedelta(days=n): [] for n in range(count)}
    for assignment in assignments.filter(due_at__gte=start, due_at__lt=end).order_by("due_at"):
        days[timezone.localtime(assignment.due_at).date()].append(assignment)
    step = timedelta(days=count)
    params = request.GET.copy()
    params.pop("day", None)
    return render(
        request,
        "planning/admin/calendar.html",
        _common(
            request,
            page_title="Planning calendar",
            filter_form=form,
            span=span,
            days=sorted(days.items()),
            today=today,
            previous=(first - step).isoformat(),
            following=(first + step).isoformat(),
            query=params.urlencode(),
        ),
    )


@planning_view
def detail(request, pk: int):
    _check(request)
    assignment = _visible(request, pk)
    return render(request, "planning/admin/detail.html", _detail_context(request, assignment))


def _detail_context(request, assignment, **extra):
    user = request.user
    updatable = access.can_update(user, assignment)
    return _common(
        request,
        page_title=assignment.headline,
        assignment=assignment,
        updatable=updatable,
        notes=access.visible_notes(user, assignment),
        links=assignment.links.select_related("added_by"),
        changes=assignment.changes.select_related("user"),
        move_choices=[
            (value, label)
            for value, label in Assignment.Status.choices
            if access.can_move_to(user, assignment, value)
        ],
        note_form=extra.pop("note_form", None) or NoteForm(),
        link_form=extra.pop("link_form", None) or LinkForm(),
        can_start_draft=updatable and not assignment.draft_id and assignment.section_id,
        **extra,
    )


@planning_view
def create(request):
    if not access.can_plan(request.user):
        raise PermissionDenied
    return _edit_form(request, Assignment(status=Assignment.Status.IDEA))


@planning_view
def edit(request, pk: int):
    if not access.can_plan(request.user):
        raise PermissionDenied
    return _edit_form(request, get_object_or_404(Assignment, pk=pk))


def _edit_form(request, assignment):
    creating = assignment.pk is None
    form = AssignmentForm(request.POST or None, instance=assignment)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            assignment = services.assignment_save(form=form, user=request.user, request=request)
            messages.success(request, f"Saved “{assignment.headline}”.")
            return redirect("planning:detail", assignment.pk)
        status = 400
        messages.error(request, "The assignment was not saved: correct the errors below.")
    return render(
        request,
        "planning/admin/form.html",
        _common(
            request,
            page_title="New assignment" if creating else f"Edit “{assignment.headline}”",
            form=form,
            assignment=assignment,
            creating=creating,
        ),
        status=status,
    )


@planning_view
@require_POST
def move(request, pk: int):
    _check(request)
    assignment = _visible(request, pk)
    back = _next_url(request, reverse("planning:board"))
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _refuse(request, "Not moved. " + _form_errors(form), back=back)
    status = form.cleaned_data["status"]
    if not access.can_move_to(request.user, assignment, status):
        return _refuse(
            request,
            f"You cannot move this assignment to “{Assignment.Status(status).label}”.",
            status=403,
            back=back,
        )
    if services.assignment_move(
        assignment=assignment, status=status, user=request.user, request=request
    ):
        messages.success(
            request, f"“{assignment.headline}” moved to {Assignment.Status(status).label}."
        )
    return redirect(back)


@planning_view
@require_POST
def add_note(request, pk: int):
    return _add_to_assignment(
        request,
        pk,
        form_class=NoteForm,
        form_name="note_form",
        add=services.note_add,
        done="Note added.",
    )


@planning_view
@require_POST
def add_link(request, pk: int):
    return _add_to_assignment(
        request,
        pk,
        form_class=LinkForm,
        form_name="link_form",
        add=services.link_add,
        done="Link added.",
    )


def _add_to_assignment(request, pk: int, *, form_class, form_name: str, add, done: str):
    """A note or link added from the assignment's page by someone who may update it; an
    invalid form shows the page again with its errors (400)."""
    _check(request)
    assignment = _visible(request, pk)
    if not access.can_update(request.user, assignment):
        raise PermissionDenied
    form = form_class(request.POST)
    if not form.is_valid():
        context = _detail_context(request, assignment, **{form_name: form})
        return render(request, "planning/admin/detail.html", context, status=400)
    add(assignment=assignment, user=request.user, **form.cleaned_data)
    messages.success(request, done)
    return redirect("planning:detail", assignment.pk)


@planning_view
@require_POST
def start_draft(request, pk: int):
    _check(request)
    assignment = _visible(request, pk)
    if not access.can_update(request.user, assignment):
        raise PermissionDenied
    try:
        page = services.draft_start(assignment=assignment, user=request.user, request=request)
    except ValueError as error:
        return _refuse(request, str(error), back=assignment.get_absolute_url())
    return redirect("wagtailadmin_pages:edit", page.pk)
