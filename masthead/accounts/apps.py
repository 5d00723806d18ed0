from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "masthead.accounts"
    label = "accounts"

    def ready(self):
        from wagtail.users.models import UserProfile

        from . import lockout  # noqa: F401 - connects the failed-login counters
        from .signal_handlers import create_roles_after_migrate
        from .timezones import describe_the_profile_default, profile_time_zone

        # A profile without a chosen zone means the newsroom's zone, not the storage zone (UTC)
        # Wagtail would otherwise wrap every admin view in: see timezones.profile_time_zone.
        UserProfile.get_current_time_zone = profile_time_zone
        describe_the_profile_default()

        # Runs once per migrate, after every app's tables exist (the last app is ours to wait on).
        post_migrate.connect(create_roles_after_migrate, sender=self, dispatch_uid="newsroom_roles")
