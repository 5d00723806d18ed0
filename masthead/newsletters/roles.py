"""Editors compose and send newsletters; administrators also delete. Run after every migrate
(signal_handlers.py) once the newsroom's groups exist. Idempotent."""

from django.contrib.auth.models import Group, Permission

PERMISSIONS = {
    "Editor": [
        "add_newsletter",
        "change_newsletter",
        "view_newsletter",
        "add_issue",
        "change_issue",
        "view_issue",
        "view_subscriber",
        "change_subscriber",
    ],
    "Administrator": [
        "add_newsletter",
        "change_newsletter",
        "delete_newsletter",
        "view_newsletter",
        "add_issue",
        "change_issue",
        "delete_issue",
        "view_issue",
        "view_subscriber",
        "change_subscriber",
        "delete_subscriber",
    ],
}


def ensure_newsletter_permissions() -> None:
    for name, codenames in PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="newsletters", codename__in=codenames
            )
        )
