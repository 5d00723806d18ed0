"""What the audit app records by itself, from Django's and Wagtail's signals: sign-ins, users,
roles, permissions, settings, and the privacy hooks."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from wagtail.models import Collection, GroupCollectionPermission

from masthead.accounts.tests.factories import UserFactory
from masthead.audit.middleware import _current_request
from masthead.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
RIGHT = "correct horse battery staple"


@pytest.fixture
def new_entries():
    """Entries written after the fixture ran, oldest first."""
    start = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    return lambda: list(AuditEntry.objects.filter(id__gt=start).order_by("id"))


@pytest.fixture
def acting_as(rf):
    """Make `user` the signed-in user of the current request, as AuditRequestMiddleware does."""
    tokens = []

    def act(user, ip="198.51.100.20"):
        request = rf.post("/admin/", REMOTE_ADDR=ip)
        request.user = user
        tokens.append(_current_request.set(request))

    yield act
    for token in reversed(tokens):
        _current_request.reset(token)


def test_staff_sign_in_success_and_failure_are_recorded(editor, new_entries):
    client = Client(REMOTE_ADDR="203.0.113.30", HTTP_USER_AGENT="Firefox/140")
    client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    client.post("/admin/login/", {"username": "nobody-here", "password": "wrong"})
    client.post("/admin/login/", {"username": "editor", "password": RIGHT})
    failed, unknown, ok = [e for e in new_entries() if e.action.startswith("auth.sign_in")]
    assert (failed.action, failed.target_id, failed.ip) == (
        "auth.sign_in.failed",
        str(editor.pk),
        "203.0.113.30",
    )
    assert failed.data == {"username": "editor", "via": "admin"}
    assert "password" not in str(failed.data) and "wrong" not in str(failed.data)
    assert (unknown.target_id, unknown.data["username"]) == ("", "nobody-here")
    assert (ok.action, ok.actor, ok.user_agent) == ("auth.sign_in.succeeded", editor, "Firefox/140")


def test_reader_sign_ins_are_not_staff_actions_but_a_staff_one_on_the_site_is(
    client, editor, new_entries
):
    UserFactory(email="reader@example.org")
    data = {"method": "password", "email": "reader@example.org", "password": RIGHT}
    assert client.post("/account/sign-in/", data).status_code == 302
    assert not [e for e in new_entries() if e.action.startswith("auth.sign_in")]


def test_role_changes_flags_and_deactivation_are_recorded(
    admin_user, editor, acting_as, new_entries
):
    acting_as(admin_user, ip="198.51.100.21")
    editor.groups.add(Group.objects.get(name="Administrator"))
    editor.groups.remove(Group.objects.get(name="Editor"))
    editor.is_superuser = True
    editor.save()
    editor.is_active = False
    editor.save()
    Group.objects.get(name="Administrator").user_set.remove(editor)
    editor.groups.clear()  # nothing left: no entry

    entries = new_entries()
    assert [e.action for e in entries] == [
        "users.groups_changed",
        "users.groups_changed",
        "users.flags_changed",
        "users.flags_changed",
        "users.deactivated",
        "users.groups_changed",
    ]
    assert entries[0].data == {"added": ["Administrator"]}
    assert entries[1].data == {"removed": ["Editor"]}
    assert entries[2].data == {"changes": {"is_superuser": [False, True]}}
    assert entries[5].data == {"removed": ["Administrator"]}
    assert all((e.actor, e.ip, e.target_id) == (admin_user, "198.51.100.21", str(editor.pk))
               for e in entries)  # fmt: skip


def test_saving_a_user_without_changing_flags_records_nothing(editor, new_entries):
    editor.first_name = "Olena"
    editor.save()
    editor.save(update_fields=["last_login"])
    assert new_entries() == []


def test_user_creation_deletion_and_permission_changes_are_recorded(
    admin_user, acting_as, new_entries
):
    acting_as(admin_user)
    user = UserFactory(username="newcomer")
    permission = Permission.objects.get(codename="access_admin")
    user.user_permissions.add(permission)
    group = Group.objects.create(name="Night desk")
    group.permissions.add(permission)
    GroupCollectionPermission.objects.create(
        group=group,
        collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(codename="add_image"),
    )
    user_pk = user.pk
    user.delete()

    entries = new_entries()
    assert [e.action for e in entries] == [
        "users.created",
        "users.permissions_changed",
        "groups.created",
        "groups.permissions_changed",
        "groups.collection_permissions_changed",
        "users.deleted",
    ]
    assert entries[1].data == {"added": ["wagtailadmin.access_admin"]}
    assert entries[3].target_label == "Night desk"
    assert entries[4].data == {"added": ["add_image on Root"], "group_id": group.pk}
    assert entries[5].target_label == str(user) and entries[5].actor == admin_user
    # The entries outlive the user they name.
    assert AuditEntry.objects.filter(target_id=str(user_pk), action="users.created").exists()


def test_settings_and_navigation_changes_are_recorded(admin_user, home, acting_as):
    from wagtail.models import Site

    from masthead.comments.models import CommentSettings
    from masthead.core.models import NavigationSettings

    acting_as(admin_user, ip="198.51.100.40")
    settings_obj = CommentSettings.load()
    start = AuditEntry.objects.count()
    settings_obj.save()  # unchanged: nothing to record
    assert AuditEntry.objects.count() == start

    settings_obj.default_moderation = next(
        value for value, _ in CommentSettings._meta.get_field("default_moderation").choices
        if value != settings_obj.default_moderation
    )  # fmt: skip
    settings_obj.save()
    entry = AuditEntry.objects.filter(action="settings.changed").latest("id")
    assert entry.data["fields"] == ["default_moderation"]
    assert (entry.target_type, entry.actor, entry.ip) == (
        "comments.commentsettings",
        admin_user,
        "198.51.100.40",
    )

    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    before = AuditEntry.objects.count()
    navigation.footer_links = [("link", {"url": "https://example.org/tips", "label": "Tips"})]
    navigation.save()
    entry = AuditEntry.objects.order_by("-id").first()
    assert AuditEntry.objects.count() == before + 1
    assert (entry.action, entry.data["setting"], entry.data["fields"]) == (
        "settings.changed",
        "Navigation",
        ["footer_links"],
    )


def test_reader_data_export_and_deletion_are_recorded(client, new_entries):
    reader = UserFactory(email="leaving@example.org")
    client.force_login(reader)
    assert client.post("/account/my-data/", REMOTE_ADDR="203.0.113.60").status_code == 200
    export = [e for e in new_entries() if e.action == "privacy.export"]
    assert len(export) == 1
    assert (export[0].actor, export[0].ip) == (reader, "203.0.113.60")
    assert "comments" in export[0].data["apps"]

    response = client.post("/account/delete/", {"confirm": "delete"}, REMOTE_ADDR="203.0.113.61")
    assert response.status_code == 200
    deleted = [e for e in new_entries() if e.action in ("privacy.delete", "users.deleted")]
    assert [e.action for e in deleted] == ["privacy.delete", "users.deleted"]
    assert (deleted[0].actor_label, deleted[0].ip) == (reader.username, "203.0.113.61")
    assert deleted[0].target_id == str(reader.pk) and deleted[0].actor is None  # user is gone
