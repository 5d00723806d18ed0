from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "masthead.importers"
    label = "importers"
    verbose_name = "Importers (WordPress, Ghost, Substack)"
    default_auto_field = "django.db.models.BigAutoField"
