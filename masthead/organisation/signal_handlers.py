from django.contrib.auth.models import Group, Permission

INBOX_ROLES = ("Editor", "Administrator")


def grant_inbox_permissions(sender, **kwargs):
    """Editors read and file opinion pitches: give their groups the inbox permissions
    (idempotent; groups that do not exist yet are left alone)."""
    perms = Permission.objects.filter(
        content_type__app_label="organisation",
        codename__in=["view_opinionsubmission", "change_opinionsubmission"],
    )
    for group in Group.objects.filter(name__in=INBOX_ROLES):
        group.permissions.add(*perms)
