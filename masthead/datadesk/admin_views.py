"""Editors' views of a dataset beside its snippet form: the table, an import, one day's figures.

Plain HTML forms (no JavaScript needed). Each write goes through ``services.py``: one
transaction, a revision, the audit log, and the purge of everything showing the dataset.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from .forms import AddFiguresForm, ImportForm, TableGrid
from .models import Dataset
from .services import dataset_import, dataset_values_set
from .tables import TableError, max_import_bytes, read_upload

TABLE_WINDOW = 31  # rows shown by the table editor at once (the latest, or ?start=&end=)
# Room for the multipart envelope and the form's other fields around the file.
UPLOAD_OVERHEAD = 64 * 1024


def _dataset_for_change(request, pk: int) -> Dataset:
    if not request.user.has_perm("datadesk.change_dataset"):
        raise PermissionDenied
    return get_object_or_404(Dataset, pk=pk)


def _context(dataset: Dataset, title: str, **extra) -> dict:
    return {
        "page_title": f"{title}: {dataset.title}",
        "header_icon": "table",
        "dataset": dataset,
        "edit_url": reverse("wagtailsnippets_datadesk_dataset:edit", args=[dataset.pk]),
        "history_url": reverse("wagtailsnippets_datadesk_dataset:history", args=[dataset.pk]),
        **extra,
    }


def _parse_day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def table(request, pk: int):
    """The table editor: a window of rows (the latest ``TABLE_WINDOW``, or a date range)
    and blank rows to add. Nothing is saved unless every cell is valid."""
    dataset = _dataset_for_change(request, pk)
    start = _parse_day(request.GET.get("start"))
    end = _parse_day(request.GET.get("end"))
    frame = dataset.frame(start=start, end=end)
    rows = frame.rows()
    if not (start or end):
        rows = rows[-TABLE_WINDOW:]
    if request.method == "POST":
        grid = TableGrid(dataset, rows, data=request.POST)
        if grid.is_valid():
            changes = dataset_values_set(
                dataset=dataset, values=grid.cleaned, request=request, reason="table editor"
            )
            if changes:
                messages.success(request, f"{len(changes)} value(s) saved.")
            else:
                messages.info(request, "Nothing changed.")
            return redirect(request.get_full_path())
        messages.error(request, "Nothing was saved: correct the cells marked below.")
        status = 400
    else:
        grid = TableGrid(dataset, rows)
        status = 200
    return TemplateResponse(
        request,
        "datadesk/admin/table.html",
        _context(
            dataset,
            "Table",
            grid=grid,
            rows=grid.grid(),
            series=grid.series,
            start=start,
            end=end,
            total_rows=len(frame.xs),
        ),
        status=status,
    )


class LimitedUpload(FileUploadHandler):
    """Stops reading an upload once it passes the import limit (no size was announced, or
    a false one): the rest of the file is never stored."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0
        self.too_big = False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > max_import_bytes():
            self.too_big = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None


def _too_big_message() -> str:
    return f"The file is larger than the {max_import_bytes() // 1024} KB limit; nothing was read."


@csrf_exempt  # checked below, once the upload limit is in place (Django's documented way)
def import_file(request, pk: int):
    """Upload a CSV or XLSX file; every row is checked before anything is saved."""
    dataset = _dataset_for_change(request, pk)
    limiter = None
    if request.method == "POST":
        # Refused before the body is read when the announced size is over the limit.
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > max_import_bytes() + UPLOAD_OVERHEAD:
            return _import_page(request, dataset, ImportForm(), [_too_big_message()], 413)
        limiter = LimitedUpload(request)
        request.upload_handlers.insert(0, limiter)
    return _import(request, dataset, limiter)


@csrf_protect
def _import(request, dataset, limiter):
    if request.method != "POST":
        return _import_page(request, dataset, ImportForm(), [], 200)
    form = ImportForm(request.POST, request.FILES)
    if limiter is not None and limiter.too_big:
        return _import_page(request, dataset, ImportForm(), [_too_big_message()], 413)
    if not form.is_valid():
        return _import_page(request, dataset, form, [], 400)
    try:
        table = read_upload(form.cleaned_data["file"], dated=dataset.is_dated)
    except TableError as error:
        return _import_page(request, dataset, form, error.messages, 400)
    changes = dataset_import(
        dataset=dataset, table=table, replace=form.cleaned_data["replace"], request=request
    )
    messages.success(request, f"Imported {len(table.rows)} rows: {len(changes)} value(s) changed.")
    return redirect("datadesk_admin:table", pk=dataset.pk)


def _import_page(request, dataset, form, problems, status):
    return TemplateResponse(
        request,
        "datadesk/admin/import.html",
        _context(
            dataset,
            "Import",
            form=form,
            problems=problems,
            limit_kb=max_import_bytes() // 1024,
            settings_name="DATADESK_MAX_IMPORT_BYTES",
        ),
        status=status,
    )


def add_figures(request, pk: int):
    """One small form: a date and each series' figure for it (a note optional)."""
    dataset = _dataset_for_change(request, pk)
    back = request.GET.get("next") or ""
    if request.method == "POST":
        form = AddFiguresForm(request.POST, dataset=dataset)
        if form.is_valid():
            changes = dataset_values_set(
                dataset=dataset,
                values=form.values(),
                request=request,
                reason="figures form",
                note=form.cleaned_data.get("note", ""),
            )
            messages.success(
                request,
                f"Figures for {form.cleaned_data['x']} saved ({len(changes)} changed).",
            )
            if back.startswith("/admin/"):
                return redirect(back)
            return redirect("datadesk_admin:add", pk=dataset.pk)
        status = 400
    else:
        form = AddFiguresForm(dataset=dataset)
        status = 200
    return TemplateResponse(
        request,
        "datadesk/admin/add_figures.html",
        _context(dataset, "Add figures", form=form, back=back),
        status=status,
    )
