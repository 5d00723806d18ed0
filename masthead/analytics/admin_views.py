"""The analytics dashboards in Wagtail's admin: the newsroom's (editors and administrators),
one article's (anyone who may edit it) and one newsletter issue's links. Every table can be
downloaded as CSV (?export=<table>) with exactly the rows shown."""

from __future__ import annotations

import csv

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from masthead.audit.log import record

from . import selectors
from .charts import chart_for

PERMISSION = "analytics.view_dashboards"


def can_see_dashboards(user) -> bool:
    return user.is_active and user.has_perm(PERMISSION)


def _csv_cell(value):
    # A spreadsheet runs a cell that starts with one of these as a formula.
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_response(table: selectors.Table, *, name: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{table.slug}.csv"'
    writer = csv.writer(response)
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([_csv_cell(cell) for cell in row])
    return response


def _render(request, *, title: str, tables, win=None, name: str, extra=None):
    export = request.GET.get("export")
    if export is not None:
        table = next((t for t in tables if t.slug == export), None)
        if table is None:
            return HttpResponse("No such table.", status=404, content_type="text/plain")
        record("analytics.export", request=request, table=f"{name}-{table.slug}")
        return csv_response(table, name=name)
    context = {
        "header_title": title,
        "window": win,
        "windows": selectors.WINDOWS,
        "tables": [(table, chart_for(table)) for table in tables],
        **(extra or {}),
    }
    return TemplateResponse(request, "analytics/admin/dashboard.html", context)


def dashboard(request):
    if not can_see_dashboards(request.user):
        raise PermissionDenied
    win = selectors.window(request.GET.get("window", "day"))
    tables = [*selectors.newsroom_tables(win), selectors.newsletter_table()]
    return _render(
        request,
        title=f"Analytics: {win.label.lower()}",
        tables=tables,
        win=win,
        name=f"newsroom-{win.name}",
        extra={"issue_rows": selectors.newsletter_rows()},
    )


def _id_or_404(pk: int) -> int:
    # The URL takes any digits; a database cannot look up more than 64 bits.
    if pk > 2**62:
        raise Http404("No such id.")
    return pk


def article_page_or_403(request, pk: int):
    from masthead.news.models import ArticlePage

    _id_or_404(pk)
    page = get_object_or_404(ArticlePage, pk=pk)
    if not (can_see_dashboards(request.user) or page.permissions_for_user(request.user).can_edit()):
        raise PermissionDenied
    return page


def article(request, pk: int):
    page = article_page_or_403(request, pk)
    win = selectors.window(request.GET.get("window", "week"))
    return _render(
        request,
        title=f"Analytics: {page.title}",
        tables=selectors.article_tables(win, page.pk),
        win=win,
        name=f"article-{page.pk}-{win.name}",
        extra={"page": page},
    )


def issue(request, pk: int):
    from masthead.newsletters.models import Issue

    if not can_see_dashboards(request.user):
        raise PermissionDenied
    found = get_object_or_404(Issue.objects.select_related("newsletter"), pk=_id_or_404(pk))
    if found.started_at is None:
        raise Http404("This issue has not been sent.")
    return _render(
        request,
        title=f"Analytics: {found.subject}",
        tables=[selectors.issue_links_table(found)],
        name=f"issue-{found.pk}",
        extra={"issue": found},
    )
