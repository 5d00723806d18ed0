from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions


def create_roles_after_migrate(sender, using="default", verbosity=0, **kwargs):
    """Give the newsroom its roles after migrate. Django makes each app's permissions in that
    app's own post_migrate turn, and ours may come first, so make them all now (idempotent)."""
    from .roles import ensure_newsroom_roles

    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    ensure_newsroom_roles()
