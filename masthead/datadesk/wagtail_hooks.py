"""Datasets in the admin: a snippet (metadata, series, revision history) with three views
beside it: the table editor, an import, and one day's figures (``admin_views.py``)."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from masthead.audit.log import record

from . import admin_views
from .models import Dataset

admin_urls = [
    path("<id:pk>/table/", admin_views.table, name="table"),
    path("<id:pk>/import/", admin_views.import_file, name="import"),
    path("<id:pk>/add/", admin_views.add_figures, name="add"),
]


@hooks.register("register_admin_urls")
def register_datadesk_urls():
    return [path("datadesk/", include((admin_urls, "datadesk_admin"), namespace="datadesk_admin"))]


class DatasetViewSet(SnippetViewSet):
    model = Dataset
    icon = "table"
    menu_label = "Datasets"
    menu_name = "datasets"
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["title", "slug", "x_kind", "update_frequency", "updated_at"]
    list_filter = ["x_kind", "update_frequency"]
    search_fields = ["title", "description"]


register_snippet(DatasetViewSet)


@hooks.register("register_snippet_listing_buttons")
def dataset_listing_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Dataset) or not user.has_perm("datadesk.change_dataset"):
        return []
    return [
        ListingButton(
            "Add figures",
            reverse("datadesk_admin:add", args=[snippet.pk]),
            icon_name="plus",
            priority=10,
        ),
        ListingButton(
            "Table",
            reverse("datadesk_admin:table", args=[snippet.pk]),
            icon_name="table",
            priority=11,
        ),
        ListingButton(
            "Import",
            reverse("datadesk_admin:import", args=[snippet.pk]),
            icon_name="upload",
            priority=12,
        ),
    ]


# Removing a series in the dataset's form removes its values too: the audit log says who did.
@hooks.register("before_edit_snippet")
def remember_series_before_the_form(request, instance):
    if isinstance(instance, Dataset) and request.method == "POST":
        request.datadesk_series_before = {
            one.pk: (one.name, one.points.count()) for one in instance.series.all()
        }


@hooks.register("after_edit_snippet")
def log_removed_series(request, instance):
    before = getattr(request, "datadesk_series_before", None)
    if not isinstance(instance, Dataset) or not before:
        return
    kept = set(instance.series.values_list("pk", flat=True))
    removed = [
        {"series": name, "values_removed": count}
        for pk, (name, count) in before.items()
        if pk not in kept
    ]
    if removed:
        record("datadesk.series_removed", request=request, target=instance, removed=removed)
