from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "masthead.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
