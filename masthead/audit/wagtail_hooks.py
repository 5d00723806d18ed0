"""The audit log report under Reports, shown to Administrators and superusers only. Entries
are not snippets and have no edit, delete or bulk-action views anywhere in the admin."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import AuditLogView, can_view_audit_log


class AuditLogMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_audit_log(request.user)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("audit-log/", AuditLogView.as_view(), name="audit_log"),
        path(
            "audit-log/results/", AuditLogView.as_view(results_only=True), name="audit_log_results"
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_audit_log_menu_item():
    return AuditLogMenuItem(
        "Audit log", reverse("audit_log"), name="audit-log", icon_name="list-ul", order=900
    )
