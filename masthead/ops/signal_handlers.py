"""Purge the caches when what readers see changes: synchronously, right after the commit, so
a published story is everywhere within a second."""

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.signals import page_published, page_unpublished

from masthead.core import cache

from . import purge


def _purge(page) -> None:
    from masthead.news.models import ArticlePage

    page = page.specific
    if isinstance(page, ArticlePage):
        purge.purge_article(article=page)
    else:
        purge.purge_page(page=page)


def page_changed(sender, instance, **kwargs):
    transaction.on_commit(lambda: _purge(instance))


def author_changed(sender, instance, **kwargs):
    """A byline's name or photo shows on its page and on every article that carries it."""

    def run():
        path = purge._reverse("author", slug=instance.slug)
        tags = [cache.group_tag("article"), cache.group_tag("listing")]
        if path:
            tags.append(cache.path_tag(path))
            purge.purge_edge(paths=[path])
        cache.bump_tags(tags)

    transaction.on_commit(run)


def register() -> None:
    from masthead.people.models import Author

    page_published.connect(page_changed, dispatch_uid="ops-purge-published")
    page_unpublished.connect(page_changed, dispatch_uid="ops-purge-unpublished")
    post_save.connect(author_changed, sender=Author, dispatch_uid="ops-purge-author")
