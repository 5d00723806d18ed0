from django.apps import AppConfig
from django.db.models.signals import post_migrate


class OrganisationConfig(AppConfig):
    name = "masthead.organisation"
    label = "organisation"
    verbose_name = "Organisation"

    def ready(self):
        from .signal_handlers import grant_inbox_permissions

        post_migrate.connect(grant_inbox_permissions, sender=self)
