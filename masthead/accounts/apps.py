from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "masthead.accounts"
    label = "accounts"

    def ready(self):
        from . import lockout  # noqa: F401 - connects the failed-login counters
        from .signal_handlers import create_roles_after_migrate

        # Runs once per migrate, after every app's tables exist (the last app is ours to wait on).
        post_migrate.connect(create_roles_after_migrate, sender=self, dispatch_uid="newsroom_roles")
