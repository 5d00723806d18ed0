from django.apps import AppConfig


class DatadeskConfig(AppConfig):
    name = "masthead.datadesk"
    label = "datadesk"
    verbose_name = "Data desk"
    default_auto_field = "django.db.models.BigAutoField"
