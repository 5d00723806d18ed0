from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CachingConfig(AppConfig):
    name = "masthead.caching"
    label = "caching"

    def ready(self):
        from . import signal_handlers

        # Each app's cache_rules.py declares what its changes purge (registry.py).
        autodiscover_modules("cache_rules")
        signal_handlers.connect()
