"""What in the newsroom becomes a webhook event. Each handler only reads and stores
deliveries (sent after the commit); none may fail the publish, send or post it follows."""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_save, pre_save

from . import events

logger = logging.getLogger(__name__)


def _emit(event_type: str, build, obj, **kwargs) -> None:
    from .models import Endpoint
    from .services import event_emit

    try:
        # Most sites have no endpoint for most events: then nothing else is read.
        endpoints = [e for e in Endpoint.objects.filter(active=True) if e.wants(event_type)]
        if endpoints:
            # A savepoint: a failed write here leaves the publish's transaction usable.
            with transaction.atomic():
                event_emit(event_type=event_type, data=build(obj), endpoints=endpoints, **kwargs)
    except Exception:
        logger.exception("Could not queue the %s webhook for %r", event_type, obj)


def note_was_live(sender, instance, update_fields=None, **kwargs):
    """Before a publish saves the row, note whether it was already live: the publish
    signal that follows then tells a first publish (or a return) from an update."""
    if update_fields is None and instance.pk and getattr(instance, "live", False):
        instance._webhooks_was_live = (
            type(instance)._default_manager.filter(pk=instance.pk, live=True).exists()
        )


def article_published(sender, instance, **kwargs):
    # Wagtail also sends page_published when a revision is only scheduled: not live yet.
    if not instance.live:
        return
    was_live = getattr(instance, "_webhooks_was_live", False)
    instance._webhooks_was_live = True
    event = events.ARTICLE_UPDATED if was_live else events.ARTICLE_PUBLISHED
    _emit(event, events.article_data, instance)


def article_unpublished(sender, instance, **kwargs):
    # Also sent by Wagtail when a live page is deleted (it unpublishes it first).
    _emit(events.ARTICLE_UNPUBLISHED, events.unpublished_article_data, instance)


def feed_item_published(sender, instance, **kwargs):
    """The first publish of an item (or its return after an unpublish), not each edit. An
    item dated later is delivered at its time."""
    if not instance.live or getattr(instance, "_webhooks_was_live", False):
        return
    instance._webhooks_was_live = True
    _emit(events.FEED_ITEM_PUBLISHED, events.feed_item_data, instance, when=instance.published_at)


def comment_saved(sender, instance, created, update_fields=None, **kwargs):
    from masthead.comments.models import Comment

    if instance.status != Comment.PENDING:
        return
    if created or (update_fields is not None and "status" in update_fields):
        _emit(events.COMMENT_HELD, events.comment_held_data, instance)


def issue_sent(sender, issue, **kwargs):
    _emit(events.NEWSLETTER_ISSUE_SENT, events.newsletter_issue_data, issue)


def connect() -> None:
    from wagtail.signals import page_published, page_unpublished, published

    from masthead.comments.models import Comment
    from masthead.news.models import ArticlePage, NewsFeedItem
    from masthead.newsletters.signals import issue_sent as issue_sent_signal

    for model in (ArticlePage, NewsFeedItem):
        pre_save.connect(note_was_live, sender=model, dispatch_uid=f"webhooks_was_live_{model}")
    page_published.connect(article_published, sender=ArticlePage, dispatch_uid="webhooks_pub")
    page_unpublished.connect(article_unpublished, sender=ArticlePage, dispatch_uid="webhooks_unpub")
    published.connect(feed_item_published, sender=NewsFeedItem, dispatch_uid="webhooks_feed")
    post_save.connect(comment_saved, sender=Comment, dispatch_uid="webhooks_comment_held")
    issue_sent_signal.connect(issue_sent, dispatch_uid="webhooks_issue_sent")
