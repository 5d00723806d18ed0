from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "masthead.analytics"
    label = "analytics"
    verbose_name = "Analytics"

    def ready(self):
        from django.db.models.signals import post_migrate

        from masthead.newsletters import rendering

        from . import newsletter_links, signal_handlers

        post_migrate.connect(signal_handlers.grant_analytics_permissions, sender=self)
        # Newsletter links go through the click redirect (newsletter_links.py).
        if newsletter_links.track_links not in rendering.link_filters:
            rendering.link_filters.append(newsletter_links.track_links)
        rendering.reader_marks[newsletter_links.READER_MARK] = newsletter_links.reader_token
        # Each article's own numbers on its edit page; news need not know analytics exists.
        from masthead.news.models import ArticlePage

        from .panels import ArticleNumbersPanel

        if not any(isinstance(p, ArticleNumbersPanel) for p in ArticlePage.promote_panels):
            ArticlePage.promote_panels = [
                *ArticlePage.promote_panels,
                ArticleNumbersPanel(heading="Reader numbers"),
            ]
