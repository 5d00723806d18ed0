"""What to purge when content changes, from the application cache and the edge cache.

The application cache is purged by tag (O(1) whatever the number of pages, see
``masthead.core.cache``); the edge cache (Varnish or a CDN, ``WAGTAILFRONTENDCACHE``) gets an
HTTP PURGE for each URL that shows the changed article.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from wagtail.contrib.frontend_cache.utils import PurgeBatch

from masthead.core import cache

logger = logging.getLogger(__name__)

# Pages that list recent stories, whatever app draws them. Paths that do not exist on a
# deployment cost one PURGE each and nothing else.
DEFAULT_LISTING_PATHS = [
    "/news-feed/",
    "/feeds/",
    "/feeds/rss/",
    "/feeds/news-feed/",
    "/sitemap.xml",
]
LISTING_URL_NAMES = ["news_feed", "news-feed", "feed", "rss_feed", "news_feed_rss", "sitemap"]


def _path(page) -> str | None:
    url = page.get_url(None)
    return urlsplit(url).path if url else None


def _reverse(name: str, **kwargs) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def listing_paths() -> list[str]:
    paths = list(getattr(settings, "PAGE_CACHE_LISTING_PATHS", DEFAULT_LISTING_PATHS))
    paths += [p for p in (_reverse(name) for name in LISTING_URL_NAMES) if p]
    return list(dict.fromkeys(paths))


def paths_showing_article(article) -> list[str]:
    """Every path whose page shows ``article``: itself, the front page, its section, its tags'
    and authors' pages, the news feed, feeds and sitemaps."""
    paths = [_path(article)]
    site = article.get_site()
    if site is not None:
        paths.append(_path(site.root_page))
    parent = article.get_parent()
    if parent is not None and parent.depth > 2:
        paths.append(_path(parent))
    if hasattr(article, "tags"):
        paths += [_reverse("tag", slug=tag.slug) for tag in article.tags.all()]
    if hasattr(article, "article_authors"):
        links = article.article_authors.select_related("author")
        paths += [_reverse("author", slug=link.author.slug) for link in links if link.author_id]
    paths += listing_paths()
    return list(dict.fromkeys(p for p in paths if p))


def purge_edge(*, paths: list[str], root_url: str | None = None) -> None:
    """Send an HTTP PURGE for each path to every configured edge cache.

    Side effects: network requests to the edge caches (errors are logged by Wagtail)."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    root = (root_url or settings.SITE_URL).rstrip("/")
    batch = PurgeBatch()
    batch.add_urls([root + path for path in paths])
    batch.purge()


def purge_article(*, article) -> list[str]:
    """Purge every page that shows ``article`` from both caches; return the paths purged.

    Side effects: bumps page-cache tags (the article's path, all listings and, because
    article pages carry news-feed and most-popular rails, all article pages); sends PURGE
    requests to the edge caches."""
    paths = paths_showing_article(article)
    tags = [cache.path_tag(p) for p in paths] + [cache.group_tag("listing")]
    if getattr(settings, "PAGE_CACHE_PURGE_ARTICLES_ON_PUBLISH", True):
        tags.append(cache.group_tag("article"))
    cache.bump_tags(tags)
    site = article.get_site()
    purge_edge(paths=paths, root_url=site.root_url if site else None)
    return paths


def purge_page(*, page) -> list[str]:
    """Purge a page that is not an article (home, section, static page). Its title may be in
    the navigation of every page, so the whole application cache is invalidated (one write),
    and the page itself and the front page are purged at the edge."""
    paths = [p for p in [_path(page)] if p]
    site = page.get_site()
    if site is not None and (home := _path(site.root_page)):
        paths.append(home)
    cache.bump_tags([cache.SITE_TAG])
    purge_edge(paths=list(dict.fromkeys(paths)), root_url=site.root_url if site else None)
    return paths
