from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "masthead.webhooks"
    label = "webhooks"
    verbose_name = "Outgoing webhooks"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
