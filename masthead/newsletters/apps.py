from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    name = "masthead.newsletters"
    label = "newsletters"

    def ready(self):
        from . import signal_handlers  # noqa: F401
