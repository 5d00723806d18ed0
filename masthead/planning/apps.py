from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "masthead.planning"
    label = "planning"
    verbose_name = "Story planning"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
