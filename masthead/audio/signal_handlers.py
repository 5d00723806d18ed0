"""Narrate an article when it goes live (only if its spoken text changed); put the narration
on hold when the article is unpublished."""

from __future__ import annotations

import logging

from . import conf

logger = logging.getLogger(__name__)


def narrate_published_article(sender, instance, **kwargs):
    """On Wagtail's page_published: ask for a narration. Wagtail also sends it when a revision
    is scheduled for later, before the page is live; narration_request ignores that one and
    narrates at the go-live, when the signal comes again. Never lets narration trouble fail
    the publish itself."""
    if not conf.narrate_on_publish():
        return
    from .services import narration_request

    try:
        narration_request(page=instance)
    except Exception:
        logger.exception("Could not request the narration of page %s", instance.pk)


def hold_unpublished_article(sender, instance, **kwargs):
    """On Wagtail's page_unpublished: a narration not yet made waits for the next publish
    instead of staying pending for an article nobody can read."""
    from .services import narration_hold

    try:
        narration_hold(page_id=instance.pk)
    except Exception:
        logger.exception("Could not hold the narration of page %s", instance.pk)
