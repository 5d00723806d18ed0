from django.apps import AppConfig
from django.db.models.signals import post_save, pre_save


class ImagesConfig(AppConfig):
    name = "masthead.images"
    label = "images"

    def ready(self):
        from wagtail.documents import get_document_model

        from .models import CustomImage
        from .signal_handlers import pregenerate_renditions, unguessable_document_name

        post_save.connect(
            pregenerate_renditions, sender=CustomImage, dispatch_uid="pregenerate_renditions"
        )
        pre_save.connect(
            unguessable_document_name,
            sender=get_document_model(),
            dispatch_uid="unguessable_document_name",
        )
