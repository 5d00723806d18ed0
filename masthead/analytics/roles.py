"""Who sees which numbers. Editors and administrators see the newsroom dashboards (every
article, section, author, referrer, device, narration and newsletter figure). Reporters see
the numbers of the articles they can edit, in the panel on the article's edit page, and
nothing newsroom-wide: traffic league tables of colleagues are an editor's tool.
Idempotent; run after every migrate."""

from django.contrib.auth.models import Group, Permission

DASHBOARD_GROUPS = ["Editor", "Administrator"]


def ensure_analytics_permissions() -> None:
    permission = Permission.objects.filter(
        content_type__app_label="analytics", codename="view_dashboards"
    ).first()
    if permission is None:
        return
    for group in Group.objects.filter(name__in=DASHBOARD_GROUPS):
        group.permissions.add(permission)
