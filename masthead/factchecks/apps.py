from django.apps import AppConfig


class FactChecksConfig(AppConfig):
    name = "masthead.factchecks"
    label = "factchecks"
    verbose_name = "Fact checks"
    default_auto_field = "django.db.models.BigAutoField"
