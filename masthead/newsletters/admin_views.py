"""Admin views for one issue: preview, send a test, add latest from a section, send now,
schedule, and watch progress. Only users who may edit issues (snippet permission) get in."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.clickjacking import xframe_options_sameorigin

from masthead.audit.log import record

from . import services
from .forms import AddLatestForm, ScheduleForm, TestSendForm
from .models import Issue
from .rendering import MANAGE_MARK, UNSUBSCRIBE_MARK, render_issue
from .sending import issue_progress


def _issue_for(request, pk: int) -> Issue:
    if not request.user.has_perm("newsletters.change_issue"):
        raise PermissionDenied
    return get_object_or_404(Issue.objects.select_related("newsletter"), pk=pk)


def issue_dashboard(request, pk: int):
    issue = _issue_for(request, pk)
    test_form, schedule_form, latest_form = TestSendForm(), ScheduleForm(), AddLatestForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "test":
                test_form = TestSendForm(request.POST)
                if test_form.is_valid():
                    services.issue_send_test(issue=issue, email=test_form.cleaned_data["email"])
                    record(
                        "newsletters.send_test",
                        request=request,
                        target=issue,
                        email=test_form.cleaned_data["email"],
                    )
                    messages.success(request, f"Test sent to {test_form.cleaned_data['email']}.")
                    return redirect("newsletters_admin:issue", pk=issue.pk)
            elif action == "latest":
                latest_form = AddLatestForm(request.POST)
                if latest_form.is_valid():
                    added = services.issue_add_latest_from_section(
                        issue=issue,
                        section=latest_form.cleaned_data["section"],
                        count=latest_form.cleaned_data["count"],
                    )
                    messages.success(request, f"Added {added} article(s).")
                    return redirect("newsletters_admin:issue", pk=issue.pk)
            elif action == "send":
                services.issue_send_now(issue=issue)
                record("newsletters.send", request=request, target=issue)
                messages.success(request, "Sending has started.")
                return redirect("newsletters_admin:issue", pk=issue.pk)
            elif action == "schedule":
                schedule_form = ScheduleForm(request.POST)
                if schedule_form.is_valid():
                    services.issue_schedule(issue=issue, when=schedule_form.cleaned_data["send_at"])
                    when = schedule_form.cleaned_data["send_at"].isoformat()
                    record("newsletters.schedule", request=request, target=issue, send_at=when)
                    messages.success(request, "The issue is scheduled.")
                    return redirect("newsletters_admin:issue", pk=issue.pk)
            elif action == "unschedule":
                services.issue_unschedule(issue=issue)
                record("newsletters.cancel", request=request, target=issue)
                messages.success(request, "The issue is back to draft.")
                return redirect("newsletters_admin:issue", pk=issue.pk)
            else:
                messages.error(request, "Unknown action.")
        except services.NotAllowed as error:
            messages.error(request, str(error))
            return redirect("newsletters_admin:issue", pk=issue.pk)
        status = 400
    else:
        status = 200
    context = {
        "issue": issue,
        "progress": issue_progress(issue),
        "test_form": test_form,
        "schedule_form": schedule_form,
        "latest_form": latest_form,
        "articles": list(issue.items.select_related("article").order_by("sort_order")),
        "header_title": f"Issue: {issue.subject}",
    }
    return TemplateResponse(request, "newsletters/admin/issue.html", context, status=status)


@xframe_options_sameorigin
def issue_preview(request, pk: int):
    issue = _issue_for(request, pk)
    rendered = render_issue(issue)
    if request.GET.get("format") == "text":
        body = rendered.text.replace(UNSUBSCRIBE_MARK, "#unsubscribe").replace(
            MANAGE_MARK, "#manage"
        )
        return HttpResponse(body, content_type="text/plain; charset=utf-8")
    html = rendered.html.replace(UNSUBSCRIBE_MARK, "#unsubscribe").replace(MANAGE_MARK, "#manage")
    response = HttpResponse(html)
    # The email's own <style> block is not allowed by the site policy; the preview is staff-only.
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src * data:; style-src 'unsafe-inline'"
    )
    return response


def issue_progress_json(request, pk: int):
    issue = _issue_for(request, pk)
    progress = issue_progress(issue)
    return JsonResponse(
        {
            "status": issue.status,
            "total": progress.total,
            "sent": progress.sent,
            "failed": progress.failed,
            "queued": progress.queued,
            "pending": progress.pending,
            "retrying": progress.retrying,
            "rate": round(progress.rate, 1),
            "eta_seconds": round(progress.eta_seconds) if progress.eta_seconds else None,
            "percent": round(progress.percent, 1),  # processed (sent or failed) of total
            "summary": progress.summary,
        }
    )
