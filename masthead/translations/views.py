"""The translators' admin screens: the report of translations out of date, and one
translation's status with what changed in its source, where it is marked up to date."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from wagtail.contrib.simple_translation.views import SubmitPageTranslationView
from wagtail.models import Page

from . import access, services
from .diff import source_changes
from .forms import CheckedSubmitTranslationForm
from .models import TranslationSync

REPORT_LIMIT = 500  # a report longer than this is a backlog, not a list to read


def translators_only(view):
    """A refusal is a 403 that says so (Wagtail would redirect a PermissionDenied to the
    dashboard, hiding the refusal from a script)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            if not access.can_translate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return render(
                request,
                "translations/admin/refused.html",
                {"page_title": "Not allowed", "header_icon": "warning"},
                status=403,
            )

    return wrapped


@translators_only
def out_of_date(request):
    syncs = list(
        TranslationSync.objects.out_of_date()
        .select_related("translation__locale", "source__locale")
        .order_by("out_of_date_since")[:REPORT_LIMIT]
    )
    return render(
        request,
        "translations/admin/out_of_date.html",
        {
            "page_title": "Translations out of date",
            "header_icon": "globe",
            "syncs": syncs,
            "limit": REPORT_LIMIT,
        },
    )


@translators_only
def status(request, page_id: int):
    sync = get_object_or_404(
        TranslationSync.objects.select_related("translation__locale", "source__locale"),
        translation_id=page_id,
    )
    translation = sync.translation.specific
    if not translation.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return render(
        request,
        "translations/admin/status.html",
        {
            "page_title": f"Translation status: {translation.title}",
            "header_icon": "globe",
            "sync": sync,
            "translation": translation,
            "source": sync.source,
            "source_changes": source_changes(sync) if sync.is_out_of_date else None,
            "can_mark": access.can_mark_up_to_date(request.user, translation),
        },
    )


@require_POST
@translators_only
def mark_up_to_date(request, page_id: int):
    sync = get_object_or_404(TranslationSync, translation_id=page_id)
    translation = get_object_or_404(Page, pk=page_id)
    if not access.can_mark_up_to_date(request.user, translation):
        raise PermissionDenied
    services.mark_up_to_date(sync=sync, user=request.user, request=request)
    messages.success(request, f"“{translation.title}” is marked up to date with its source.")
    return redirect("translations:status", page_id=page_id)


class TranslatePageView(SubmitPageTranslationView):
    """simple_translation's "Translate" screen, with the target edition checked (forms.py).
    Served at simple_translation's own address, so its buttons lead here."""

    def get_form(self):
        if self.request.method == "POST":
            return CheckedSubmitTranslationForm(self.object, self.request.POST)
        return CheckedSubmitTranslationForm(self.object)
