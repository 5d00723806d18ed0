from django.apps import AppConfig


class AudioConfig(AppConfig):
    name = "masthead.audio"
    label = "audio"
    verbose_name = "Audio narration"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from masthead.news.models import ArticlePage

        from .signal_handlers import hold_unpublished_article, narrate_published_article

        page_published.connect(
            narrate_published_article, sender=ArticlePage, dispatch_uid="audio_narrate_published"
        )
        page_unpublished.connect(
            hold_unpublished_article, sender=ArticlePage, dispatch_uid="audio_hold_unpublished"
        )
