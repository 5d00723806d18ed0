"""Connect the rules of ``registry.py`` to the signals: the only place caches are purged."""

from __future__ import annotations

import logging
from contextlib import contextmanager

from asgiref.local import Local
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import registry
from . import tags as cache_tags
from .purge import page_path, purge
from .tags import bump

logger = logging.getLogger(__name__)

_held = Local()


@contextmanager
def purges_held():
    """Bulk work (an import of thousands of stories): every purge a change inside calls for
    is gathered and sent once, deduplicated, when the block ends, instead of one bump and
    one round of edge PURGEs per change. Yields the batch ``{"tags": set, "paths": set}``;
    the caller may add to it (what the bulk work knows it changed). Sent even if the block
    fails: what was committed before the failure must still leave the caches."""
    if getattr(_held, "batch", None) is not None:  # nested: the outermost one sends
        yield _held.batch
        return
    batch = _held.batch = {"tags": set(), "paths": set()}
    try:
        yield batch
    finally:
        _held.batch = None
        purge(tags=sorted(batch["tags"]), paths=sorted(batch["paths"]))


def _run(instance, event: str, kwargs: dict) -> None:
    model = type(instance)
    rules = [
        rule
        for rule in registry.rules_for(model, event)
        if rule.when is None or rule.when(instance, kwargs)
    ]
    if not rules:
        return
    # Worked out now, while a deleted object still has its relations; sent after commit, so
    # nobody can fill a cache with the data before the change in between.
    tags, paths = [], []
    # Each edition has its own site, listing and feed tags and its own URLs: a change to
    # something of one language (a page, a translatable snippet or setting) purges that
    # edition; a change to something all share (a Site, an author, a picture) purges each.
    for language in _editions_of(instance):
        with translation.override(language):
            for rule in rules:
                tags += [cache_tags.scoped(tag, language) for tag in rule.tags_for(instance)]
                paths += rule.edge_paths_for(instance)
    tags, paths = list(dict.fromkeys(tags)), list(dict.fromkeys(paths))
    batch = getattr(_held, "batch", None)
    if batch is not None:
        batch["tags"].update(tags)
        batch["paths"].update(paths)
        return
    # Bumped now, so this process (and a test inside one transaction) sees the change at
    # once; and again after the commit, because another request may have stored what it
    # read before the commit under the first bump's versions.
    bump([*tags, *(cache_tags.path(path) for path in paths)])
    # A page just published is rendered at once, even if no reader has asked for it yet.
    own = page_path(instance) if event == "publish" and isinstance(instance, Page) else None
    changed = [own] if own else []
    transaction.on_commit(lambda: purge(tags=tags, paths=paths, changed=changed))


def _editions_of(instance) -> list[str]:
    codes = [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES]
    locale_id = getattr(instance, "locale_id", None)
    if locale_id:
        from wagtail.models import Locale

        language = (
            Locale.objects.filter(pk=locale_id).values_list("language_code", flat=True).first()
        )
        if language:
            return [language]
    return [settings.LANGUAGE_CODE, *(code for code in codes if code != settings.LANGUAGE_CODE)]


def _page_event(event: str):
    def handler(sender, instance, **kwargs):
        _run(instance.specific, event, kwargs)

    return handler


_page_published = _page_event("publish")
_page_unpublished = _page_event("unpublish")


def _page_moved(sender, instance, **kwargs):
    _run(instance.specific, "move", kwargs)


def _deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        # Deleting a draft changes nothing readers see; a live page's deletion sends no
        # unpublish signal.
        # Its base row and its specific row are deleted together: act on the specific one.
        if getattr(instance, "live", False) and type(instance) is instance.specific_class:
            _run(instance, "delete", kwargs)
        return
    _run(instance, "delete", kwargs)


def _saved(sender, instance, **kwargs):
    _run(instance, "save", kwargs)


def connect() -> None:
    page_published.connect(_page_published, dispatch_uid="caching-published")
    page_unpublished.connect(_page_unpublished, dispatch_uid="caching-unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="caching-moved")
    models = {rule.model for rule in registry.all_rules() if not issubclass(rule.model, Page)}
    for model in models:
        post_save.connect(_saved, sender=model, dispatch_uid=f"caching-save-{model._meta.label}")
    # Any model's deletion, pages included (a subtree is deleted row by row, any type).
    post_delete.connect(_deleted, dispatch_uid="caching-deleted")
