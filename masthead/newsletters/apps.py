from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    name = "masthead.newsletters"
    label = "newsletters"

    def ready(self):
        from anymail.signals import tracking
        from django.db.models.signals import post_migrate

        from . import signal_handlers

        post_migrate.connect(signal_handlers.grant_newsletter_permissions, sender=self)
        tracking.connect(
            signal_handlers.record_provider_bounce, dispatch_uid="newsletters_provider_bounce"
        )
