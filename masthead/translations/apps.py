from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    name = "masthead.translations"
    label = "translations"
    verbose_name = "Translations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
