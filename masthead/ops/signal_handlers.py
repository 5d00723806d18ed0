"""Purge the caches when what readers see changes: synchronously, right after the commit, so
a published story is everywhere within a second."""

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.signals import page_published, page_unpublished

from masthead.core import cache, memo, routing

from . import purge


def _purge(page) -> None:
    from masthead.news.models import ArticlePage

    page = page.specific
    if isinstance(page, ArticlePage):
        purge.purge_article(article=page)
    else:
        purge.purge_page(page=page)


def page_changed(sender, instance, **kwargs):
    routing.forget_pages()  # this process at once; the others when the purge bumps the tags
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


# Image fields readers see beside the picture (credit, caption, alt text) or in it.
IMAGE_FIELDS_SHOWN = {"title", "credit", "caption", "file", "focal_point_x", "focal_point_y"}


def image_changed(sender, instance, created, update_fields=None, **kwargs):
    """An edited credit, caption or crop shows on every page that uses the picture: those
    articles (lead image or body, as Wagtail's reference index knows them) are purged at the
    edge, and the application cache drops every article and listing page (one write)."""
    if created or (update_fields and not set(update_fields) & IMAGE_FIELDS_SHOWN):
        return

    def run():
        from wagtail.models import Page, ReferenceIndex

        from masthead.news.models import ArticlePage

        page_type = ReferenceIndex._get_base_content_type(Page)
        page_ids = (
            ReferenceIndex.get_references_to(instance)
            .filter(base_content_type=page_type)
            .values_list("object_id", flat=True)
        )
        articles = ArticlePage.objects.live().filter(pk__in=[int(pk) for pk in page_ids])
        paths = [path for article in articles for path in purge.paths_showing_article(article)]
        cache.bump_tags([cache.group_tag("article"), cache.group_tag("listing")])
        if paths:
            purge.purge_edge(paths=list(dict.fromkeys(paths)))

    transaction.on_commit(run)


def site_wide_change(sender, instance, **kwargs):
    """A news-feed item, a promotion, a newsletter's sign-up form or a site setting shows on
    every page (the rail, the header, the footer): invalidate the whole page cache and every
    shared fragment (one write) and purge the front page and the feed at the edge."""
    memo.forget()  # this process's copy of the settings (core/memo.py), at once

    def run():
        memo.forget()
        cache.bump_tags([cache.SITE_TAG])
        purge.purge_edge(paths=["/", *purge.listing_paths()])

    transaction.on_commit(run)


def page_moved(sender, instance, **kwargs):
    """A moved page has a new URL, and so have its descendants; the old ones must stop
    answering in every process (core/routing.py keeps pages until a content tag moves), and
    the navigation and listings may show it: invalidate the whole application cache."""
    routing.forget_pages()
    transaction.on_commit(lambda: cache.bump_tags([cache.SITE_TAG]))


def view_restriction_changed(sender, instance, **kwargs):
    """A page made private (or public again): every process must check restrictions afresh
    (core/restrictions.py), and no stored page or fragment may keep showing a page that has
    just become private. The edge keeps its copies until they expire (PAGE_CACHE_EDGE_MAX_AGE):
    Wagtail does not purge them on a restriction either."""
    memo.forget()

    def run():
        memo.forget()
        cache.bump_tags([cache.SITE_TAG])

    transaction.on_commit(run)


def page_deleted(sender, instance, **kwargs):
    """Deleting a live page sends no unpublish signal, yet it may be linked from every page
    (the rail, the navigation): invalidate the whole application cache (one write)."""
    if getattr(instance, "live", False):
        routing.forget_pages()
        transaction.on_commit(lambda: cache.bump_tags([cache.SITE_TAG]))


def register() -> None:
    from django.db.models.signals import post_delete
    from wagtail.images import get_image_model
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.signals import post_page_move

    from masthead.core.models import NavigationSettings, SiteSettings
    from masthead.news.models import HeaderPromotions, NewsFeedItem
    from masthead.newsletters.models import Newsletter
    from masthead.people.models import Author

    for model in (NewsFeedItem, HeaderPromotions, SiteSettings, NavigationSettings, Newsletter):
        post_save.connect(
            site_wide_change, sender=model, dispatch_uid=f"ops-purge-{model.__name__}"
        )
        post_delete.connect(
            site_wide_change, sender=model, dispatch_uid=f"ops-purge-del-{model.__name__}"
        )

    page_published.connect(page_changed, dispatch_uid="ops-purge-published")
    page_unpublished.connect(page_changed, dispatch_uid="ops-purge-unpublished")
    post_save.connect(author_changed, sender=Author, dispatch_uid="ops-purge-author")
    post_save.connect(image_changed, sender=get_image_model(), dispatch_uid="ops-purge-image")
    post_delete.connect(page_deleted, sender=Page, dispatch_uid="ops-purge-page-deleted")
    # core/routing.py keeps each process's Site until the SITE tag moves.
    post_save.connect(site_wide_change, sender=Site, dispatch_uid="ops-purge-site")
    post_delete.connect(site_wide_change, sender=Site, dispatch_uid="ops-purge-del-site")
    post_save.connect(routing.forget_sites, sender=Site, dispatch_uid="ops-forget-sites")
    post_delete.connect(routing.forget_sites, sender=Site, dispatch_uid="ops-forget-del-sites")
    post_page_move.connect(page_moved, dispatch_uid="ops-purge-moved")
    post_save.connect(
        view_restriction_changed, sender=PageViewRestriction, dispatch_uid="ops-restriction"
    )
    post_delete.connect(
        view_restriction_changed, sender=PageViewRestriction, dispatch_uid="ops-del-restriction"
    )
