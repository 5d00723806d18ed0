from django.apps import AppConfig


class StaffSecurityConfig(AppConfig):
    name = "masthead.staffsecurity"
    label = "staffsecurity"
    verbose_name = "Staff security"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signal_handlers  # noqa: F401
