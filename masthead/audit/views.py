"""The "Audit log" report in the Wagtail admin (Reports menu): Administrators and superusers
only; searchable, filterable, paginated, exportable as CSV or XLSX. There is no view that
edits or deletes an entry."""

import datetime

import django_filters
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.views.defaults import permission_denied
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets.button import Button

from masthead.accounts.roles import ADMINISTRATOR

from .models import AuditEntry

# A spreadsheet treats a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def can_view_audit_log(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=ADMINISTRATOR).exists()


def spreadsheet_safe(value) -> str:
    """Text for one CSV cell that no spreadsheet will run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class AuditFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(label="Action", empty_label="All actions")
    actor = django_filters.ChoiceFilter(
        label="Actor", field_name="actor_label", empty_label="Everyone"
    )
    timestamp = django_filters.DateFromToRangeFilter(label="Date", widget=DateRangePickerWidget)

    class Meta:
        model = AuditEntry
        fields = ["action", "actor", "timestamp"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        entries = AuditEntry.objects.order_by()
        actions = entries.values_list("action", flat=True).distinct()
        actors = entries.exclude(actor_label="").values_list("actor_label", flat=True).distinct()
        self.filters["action"].extra["choices"] = [(a, a) for a in sorted(actions)]
        self.filters["actor"].extra["choices"] = [(a, a) for a in sorted(actors)]


class WhenColumn(Column):
    """The exact time, to the second, in the staff member's zone (not "2 hours ago")."""

    def get_value(self, instance):
        return timezone.localtime(instance.timestamp).strftime("%Y-%m-%d %H:%M:%S %Z")


class DataColumn(Column):
    def get_value(self, instance):
        return ", ".join(f"{key}={value}" for key, value in sorted(instance.data.items()))


class TargetColumn(Column):
    def get_value(self, instance):
        if not instance.target_type:
            return ""
        return format_html("{} <small>({} #{})</small>", instance.target_label,
                           instance.target_type, instance.target_id)  # fmt: skip


SEARCH_MAX_CHARS = 200


class AuditLogView(ReportView):
    page_title = "Audit log"
    header_icon = "list-ul"
    model = AuditEntry
    index_url_name = "audit_log"
    index_results_url_name = "audit_log_results"
    filterset_class = AuditFilterSet
    is_searchable = True
    search_fields = ["actor_label", "action", "target_label", "target_type", "target_id", "ip"]
    paginate_by = 50
    columns = [
        WhenColumn("timestamp", label="When"),
        Column("actor_label", label="Who"),
        Column("action", label="Action"),
        TargetColumn("target", label="Target"),
        Column("ip", label="Address"),
        DataColumn("data", label="Details"),
    ]
    list_export = [
        "timestamp",
        "actor_label",
        "action",
        "target_type",
        "target_id",
        "target_label",
        "ip",
        "user_agent",
        "data",
    ]
    export_headings = {
        "timestamp": "When (UTC)",
        "actor_label": "Who",
        "target_type": "Target type",
        "target_id": "Target id",
        "target_label": "Target",
        "ip": "Address",
        "user_agent": "Browser",
        "data": "Details",
    }

    @cached_property
    def search_query(self):
        # SQLite refuses a LIKE pattern over 50,000 bytes; nobody searches with one.
        return super().search_query[:SEARCH_MAX_CHARS]

    def dispatch(self, request, *args, **kwargs):
        if not can_view_audit_log(request.user):
            # A plain 403, not Wagtail's redirect to the dashboard: nothing to retry here.
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def header_more_buttons(self):
        # Page and snippet edits are in Wagtail's own log: one click away, not copied here.
        return [
            *super().header_more_buttons,
            Button(
                "Site history (page and snippet edits)",
                url=reverse("wagtailadmin_reports:site_history"),
                icon_name="history",
                priority=110,
            ),
        ]

    def get_queryset(self):
        return AuditEntry.objects.all()

    def get_filtered_queryset(self):
        return self.search_queryset(self.filter_queryset(self.get_queryset()))

    def get_filename(self):
        return f"audit-log-{datetime.datetime.now(tz=datetime.UTC):%Y-%m-%d}"

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        row["timestamp"] = item.timestamp.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")
        row["data"] = DataColumn("data").get_value(item)
        return row

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return spreadsheet_safe(value)
        return value
