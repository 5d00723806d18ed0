from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "masthead.ops"
    label = "ops"

    def ready(self):
        from masthead.caching import events

        from . import metrics

        # The caching app reports what it does; ops only listens (it owns the metrics).
        events.on_page_cache(metrics.count_page_cache)
