from django.apps import AppConfig
from django.db.models.signals import post_save


class CoreConfig(AppConfig):
    name = "masthead.core"
    label = "core"

    def ready(self):
        from wagtail.models import Revision

        from .signal_handlers import schedule_expiry, schedule_publication

        post_save.connect(
            schedule_publication, sender=Revision, dispatch_uid="schedule_publication"
        )
        post_save.connect(schedule_expiry, dispatch_uid="schedule_expiry")
