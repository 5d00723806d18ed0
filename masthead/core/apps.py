import contextlib

from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save, pre_save


def _sync_site_with_site_url(sender, using="default", **kwargs):
    """After every migrate, the default Wagtail Site takes SITE_URL's host and port, so a
    changed SITE_URL reaches Wagtail's own links at the next deploy."""
    from django.db import DatabaseError

    from .site_url import sync_default_site

    if using != "default":
        return
    # A partial migrate may not have created the Site table yet.
    with contextlib.suppress(DatabaseError):
        sync_default_site()


class CoreConfig(AppConfig):
    name = "masthead.core"
    label = "core"

    def ready(self):
        from django.urls import register_converter
        from wagtail.models import Revision

        from .ids import IdConverter, UnicodeSlugConverter

        # `<id:pk>` in every urls.py: ids bounded to what the database can hold (core/ids.py).
        register_converter(IdConverter, "id")
        register_converter(UnicodeSlugConverter, "uslug")

        from . import choosers

        choosers.install()  # choosers re-render hostile values without a 500 (choosers.py)

        from . import checks  # noqa: F401 - registers the system checks
        from .signal_handlers import schedule_expiry, schedule_publication

        post_save.connect(
            schedule_publication, sender=Revision, dispatch_uid="schedule_publication"
        )
        post_save.connect(schedule_expiry, dispatch_uid="schedule_expiry")
        post_migrate.connect(
            _sync_site_with_site_url, sender=self, dispatch_uid="core-sync-site-url"
        )
        from .slugs import transliterate_new_ukrainian_slug

        # New Ukrainian pages get ASCII slugs (slugs.py, editions-search-audio.md).
        pre_save.connect(transliterate_new_ukrainian_slug, dispatch_uid="ukrainian-slugs")
