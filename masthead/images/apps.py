from django.apps import AppConfig
from django.db.models.signals import post_save


class ImagesConfig(AppConfig):
    name = "masthead.images"
    label = "images"

    def ready(self):
        from .models import CustomImage
        from .signal_handlers import pregenerate_renditions

        post_save.connect(
            pregenerate_renditions, sender=CustomImage, dispatch_uid="pregenerate_renditions"
        )
