"""Narrate an article when it is published (only if its spoken text changed)."""

from __future__ import annotations

import logging

from . import conf

logger = logging.getLogger(__name__)


def narrate_published_article(sender, instance, **kwargs):
    """On Wagtail's page_published: ask for a narration. Never lets narration trouble
    fail the publish itself."""
    if not conf.narrate_on_publish():
        return
    from .services import narration_request

    try:
        narration_request(page=instance)
    except Exception:
        logger.exception("Could not request the narration of page %s", instance.pk)
