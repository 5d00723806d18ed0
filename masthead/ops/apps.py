from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "masthead.ops"
    label = "ops"

    def ready(self):
        from . import signal_handlers

        signal_handlers.register()
