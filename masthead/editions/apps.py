import contextlib

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_locales(sender, using="default", **kwargs):
    """After every migrate, a Wagtail Locale for each edition in LANGUAGES: adding a language
    to the settings is all it takes to translate pages into it."""
    from django.db import DatabaseError

    from .languages import ensure_locales

    if using != "default":
        return
    with contextlib.suppress(DatabaseError):  # a partial migrate: no Locale table yet
        ensure_locales()


class EditionsConfig(AppConfig):
    name = "masthead.editions"
    label = "editions"
    verbose_name = "Editions"

    def ready(self):
        post_migrate.connect(_ensure_locales, sender=self, dispatch_uid="editions-locales")
