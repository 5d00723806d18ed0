"""Audit entries for what Django and Wagtail announce with signals: sign-ins, users, roles and
permissions, settings (navigation is a setting too). Connected in AuditConfig.ready().

Actions written here:
  auth.sign_in.succeeded / auth.sign_in.failed   staff sign-ins (admin login or staff account)
  users.created / users.deleted / users.deactivated / users.reactivated
  users.flags_changed        is_superuser / is_staff / is_active, with before and after
  users.groups_changed       roles added to or removed from a user
  users.permissions_changed  permissions given to or taken from one user
  groups.created / groups.deleted / groups.permissions_changed
  groups.page_permissions_changed / groups.collection_permissions_changed
  settings.changed           a Wagtail site or generic setting saved, with the fields changed

Nothing is written while `migrate` runs (the table may not exist yet, and the roles it seeds
are not anyone's action) nor for raw fixture loads."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_migrate,
    pre_save,
)
from django.urls import reverse
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

from .log import record
from .middleware import current_request

USER_FLAGS = ("is_superuser", "is_staff", "is_active")
_migrating = False


def _quiet(kwargs) -> bool:
    return _migrating or kwargs.get("raw", False)


def _on_pre_migrate(**kwargs):
    global _migrating
    _migrating = True
    # Connected now, after every app's ready(), so it runs after their post_migrate seeding.
    post_migrate.connect(_on_post_migrate, dispatch_uid="audit_post_migrate")


def _on_post_migrate(sender, **kwargs):
    # post_migrate is sent once per app, and other apps seed roles on their own turn: stay
    # quiet until the last app's turn.
    global _migrating
    from django.apps import apps

    last = [config for config in apps.get_app_configs() if config.models_module][-1]
    if sender is last:
        _migrating = False


def is_staff_user(user) -> bool:
    if user is None:
        return False
    staff = getattr(user, "is_newsroom_staff", None)  # any staff group, as accounts sees it
    if staff is not None:
        return bool(staff)
    return user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")


def _is_admin_login(request) -> bool:
    try:
        return request is not None and request.path_info == reverse("wagtailadmin_login")
    except Exception:  # noqa: BLE001 - no admin URLs in this configuration
        return False


# --- sign-in ---------------------------------------------------------------------------------


def _on_logged_in(sender, request, user, **kwargs):
    if _is_admin_login(request) or is_staff_user(user):
        via = "admin" if _is_admin_login(request) else "site"
        record("auth.sign_in.succeeded", request=request, actor=user, target=user, via=via)


def _on_login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username") or "")[:150]
    user = None
    if username:
        model = get_user_model()
        user = model._default_manager.filter(**{model.USERNAME_FIELD: username}).first()
    if _is_admin_login(request) or is_staff_user(user):
        via = "admin" if _is_admin_login(request) else "site"
        record("auth.sign_in.failed", request=request, target=user, username=username, via=via)


# --- users -----------------------------------------------------------------------------------


def _user_pre_save(sender, instance, update_fields=None, **kwargs):
    instance._audit_flags = None
    if _quiet(kwargs) or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(USER_FLAGS):
        return  # e.g. last_login on every sign-in: nothing to compare, no query
    old = sender._default_manager.filter(pk=instance.pk).values(*USER_FLAGS).first()
    instance._audit_flags = old


def _user_post_save(sender, instance, created, **kwargs):
    if _quiet(kwargs):
        return
    request = current_request()
    if created:
        flags = {flag: getattr(instance, flag) for flag in USER_FLAGS}
        record("users.created", request=request, target=instance, **flags)
        return
    old = getattr(instance, "_audit_flags", None)
    if not old:
        return
    changes = {
        flag: [old[flag], getattr(instance, flag)]
        for flag in USER_FLAGS
        if old[flag] != getattr(instance, flag)
    }
    if not changes:
        return
    record("users.flags_changed", request=request, target=instance, changes=changes)
    if "is_active" in changes:
        verb = "users.reactivated" if instance.is_active else "users.deactivated"
        record(verb, request=request, target=instance)


def _user_post_delete(sender, instance, **kwargs):
    if not _migrating:
        record("users.deleted", request=current_request(), target=instance)


def _names(model, pk_set) -> list[str]:
    if not pk_set:
        return []
    if model is Permission:
        rows = model.objects.filter(pk__in=pk_set).values_list(
            "content_type__app_label", "codename"
        )
        return sorted(f"{app}.{codename}" for app, codename in rows)
    return sorted(str(obj) for obj in model._default_manager.filter(pk__in=pk_set))


M2M_VERBS = {"post_add": "added", "post_remove": "removed", "pre_clear": "cleared"}


def _m2m(action: str, holder_model):
    """A handler for one many-to-many table; `holder_model` owns the field (User or Group)."""

    def handler(sender, instance, action: str = "", reverse: bool = False, model=None,
                pk_set=None, **kwargs):  # fmt: skip
        verb = M2M_VERBS.get(action)
        if verb is None or _migrating:
            return
        request = current_request()
        if action == "pre_clear":
            # Which rows are about to go is only known before they do.
            if not reverse:
                field = handler.field_name
                pk_set = set(getattr(instance, field).values_list("pk", flat=True))
            else:
                pk_set = set(model._default_manager.filter(**{handler.field_name: instance})
                             .values_list("pk", flat=True))  # fmt: skip
            if not pk_set:
                return
            verb = "removed"
        if not pk_set:
            return  # e.g. adding a role the user already has
        if not reverse:
            record(audit_action, request=request, target=instance, **{verb: _names(model, pk_set)})
        else:
            # e.g. group.user_set.add(user): one entry per holder changed.
            for holder in holder_model._default_manager.filter(pk__in=pk_set or ()):
                record(audit_action, request=request, target=holder, **{verb: [str(instance)]})

    audit_action = action
    return handler


# --- Wagtail group permissions and settings --------------------------------------------------


def _group_saved(sender, instance, created, **kwargs):
    if not _quiet(kwargs) and created:
        record("groups.created", request=current_request(), target=instance)


def _group_deleted(sender, instance, **kwargs):
    if not _migrating:
        record("groups.deleted", request=current_request(), target=instance)


def _wagtail_permission_changed(action: str):
    def handler(sender, instance, **kwargs):
        if _quiet(kwargs):
            return
        verb = "removed" if kwargs.get("signal") is post_delete else "added"
        try:
            where = instance.page if hasattr(instance, "page_id") else instance.collection
            what = f"{instance.permission.codename} on {where}"
            group = instance.group
        except ObjectDoesNotExist:  # deleted in the same cascade: keep the ids
            what = f"permission #{instance.permission_id}"
            group = None
        record(
            action,
            request=current_request(),
            target=group,
            group_id=instance.group_id,
            **{verb: [what]},
        )

    return handler


def _is_setting(model) -> bool:
    return issubclass(model, BaseSiteSetting | BaseGenericSetting)


def _setting_pre_save(sender, instance, **kwargs):
    instance._audit_before = None
    if _quiet(kwargs) or not _is_setting(sender) or instance.pk is None:
        return
    instance._audit_before = sender._default_manager.filter(pk=instance.pk).first()


def _setting_post_save(sender, instance, created, **kwargs):
    if _quiet(kwargs) or not _is_setting(sender) or created:
        return  # a setting's row is created with defaults on first read: nobody's change
    before = getattr(instance, "_audit_before", None)
    fields = [
        field.name
        for field in sender._meta.concrete_fields
        if not field.primary_key
        and (
            before is None
            or str(field.value_from_object(before)) != str(field.value_from_object(instance))
        )
    ]
    if fields:
        record(
            "settings.changed",
            request=current_request(),
            target=instance,
            setting=sender._meta.verbose_name.title(),
            fields=fields,
        )


def connect() -> None:
    from wagtail.models import GroupCollectionPermission, GroupPagePermission

    user_model = get_user_model()
    pre_migrate.connect(_on_pre_migrate, dispatch_uid="audit_pre_migrate")
    user_logged_in.connect(_on_logged_in, dispatch_uid="audit_logged_in")
    user_login_failed.connect(_on_login_failed, dispatch_uid="audit_login_failed")
    pre_save.connect(_user_pre_save, sender=user_model, dispatch_uid="audit_user_pre")
    post_save.connect(_user_post_save, sender=user_model, dispatch_uid="audit_user_post")
    post_delete.connect(_user_post_delete, sender=user_model, dispatch_uid="audit_user_del")
    tables = [
        (user_model.groups.through, "users.groups_changed", user_model, "groups"),
        (
            user_model.user_permissions.through,
            "users.permissions_changed",
            user_model,
            "user_permissions",
        ),
        (Group.permissions.through, "groups.permissions_changed", Group, "permissions"),
    ]
    for through, action, holder, field in tables:
        handler = _m2m(action, holder)
        # Forward clears read `instance.<field>`; reverse ones filter the holders by it.
        handler.field_name = field
        m2m_changed.connect(handler, sender=through, weak=False, dispatch_uid=f"audit_{action}")
    post_save.connect(_group_saved, sender=Group, dispatch_uid="audit_group_saved")
    post_delete.connect(_group_deleted, sender=Group, dispatch_uid="audit_group_deleted")
    for model, action in (
        (GroupPagePermission, "groups.page_permissions_changed"),
        (GroupCollectionPermission, "groups.collection_permissions_changed"),
    ):
        handler = _wagtail_permission_changed(action)
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(handler, sender=model, weak=False, dispatch_uid=f"audit_{action}_{name}")
    pre_save.connect(_setting_pre_save, dispatch_uid="audit_setting_pre")
    post_save.connect(_setting_post_save, dispatch_uid="audit_setting_post")
