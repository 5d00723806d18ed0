"""Keep the live News Feed's cached JSON in step with what editors post or publish."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished


def _bump(**kwargs):
    from .views_reader import bump_feed_version

    # After commit: a reader asking in between must not cache the feed without the change.
    transaction.on_commit(bump_feed_version)


def _article_changed(sender, instance, **kwargs):
    if getattr(instance, "in_news_feed", False) or kwargs.get("signal") is page_unpublished:
        _bump()


def register_signal_handlers() -> None:
    from .models import ArticlePage, NewsFeedItem

    post_save.connect(_bump, sender=NewsFeedItem, dispatch_uid="newsfeed-item-saved")
    post_delete.connect(_bump, sender=NewsFeedItem, dispatch_uid="newsfeed-item-deleted")
    page_published.connect(_article_changed, sender=ArticlePage, dispatch_uid="newsfeed-pub")
    page_unpublished.connect(_article_changed, sender=ArticlePage, dispatch_uid="newsfeed-unpub")
