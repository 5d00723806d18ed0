"""sitemap.xml (an index of paginated sitemaps, each URL with lastmod), the Google News
sitemap of the last 48 hours, and robots.txt.

Each edition has its own (``/uk/sitemap.xml``, ``/uk/news-sitemap.xml``) listing its own
pages, each with an ``xhtml:link`` to its versions in the other editions (hreflang, with
``x-default`` to the default edition's); robots.txt names every edition's."""

from dataclasses import replace
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Exists, OuterRef
from django.shortcuts import render
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from taggit.models import Tag
from wagtail.models import Page, Site

from masthead.caching import tags as cache_tags
from masthead.core import site_url
from masthead.core.models import SiteSettings
from masthead.editions import languages
from masthead.editions.alternates import live_editions
from masthead.editions.homes import edition_home
from masthead.editions.languages import locale_id
from masthead.people.models import Author

from .models import ArticlePage, ArticleTag

NEWS_SITEMAP_WINDOW = timedelta(hours=48)
NEWS_SITEMAP_MAX = 1000  # Google News reads at most 1,000 URLs per news sitemap


def _root(request):
    """The home page of the request's edition (None if it has none)."""
    site = Site.find_for_request(request) if request else None
    return edition_home(site) if site else None


def _hreflang(found: dict[str, str]) -> list[dict[str, str]]:
    """Django's sitemap template writes these as xhtml:link; none for a lone version."""
    if len(found) < 2:
        return []
    links = [
        {"lang_code": code, "location": site_url.absolute_url(path)} for code, path in found.items()
    ]
    default = found.get(languages.default_language())
    if default:
        links.append({"lang_code": "x-default", "location": site_url.absolute_url(default)})
    return links


class SiteUrlSitemap(Sitemap):
    """A sitemap whose URLs are on SITE_URL. Django's puts the request's scheme and host (or
    django.contrib.sites' domain) in front of each location; ours is SITE_URL's."""

    def get_urls(self, page=1, site=None, protocol=None):
        parts = urlsplit(site_url.root())
        urls = super().get_urls(
            page=page, site=SimpleNamespace(domain=parts.netloc), protocol=parts.scheme
        )
        self.add_alternates(urls)
        return urls

    def add_alternates(self, urls) -> None:
        """The same route in every edition with a home page (authors, tags)."""
        editions = live_editions(Site.find_for_request(self.request) if self.request else None)
        for url in urls:
            path = urlsplit(url["location"]).path
            url["alternates"] = _hreflang({code: translate_url(path, code) for code in editions})

    request = None


class PageSitemap(SiteUrlSitemap):
    """Every live, public page other than articles: home, sections, the organisation's pages."""

    limit = 5000

    def __init__(self, request=None):
        self.request = request

    def items(self):
        root = _root(self.request)
        if not root:
            return Page.objects.none()
        return (
            Page.objects.descendant_of(root, inclusive=True)
            .live()
            .public()
            .not_type(ArticlePage)
            .order_by("path")
            .only("id", "url_path", "path", "depth", "last_published_at", "translation_key")
        )

    def location(self, item):
        return item.get_url(request=self.request)

    def lastmod(self, item):
        return item.last_published_at

    def add_alternates(self, urls) -> None:
        """Each page's live translations: one query for the whole sitemap page."""
        keys = {url["item"].translation_key for url in urls}
        site = Site.find_for_request(self.request) if self.request else None
        editions = live_editions(site)
        versions: dict = {}
        for version in (
            Page.objects.filter(translation_key__in=keys, live=True)
            .select_related("locale")
            .only("id", "url_path", "path", "depth", "translation_key", "locale__language_code")
        ):
            if version.locale.language_code not in editions:
                continue
            url = version.get_url(request=self.request)
            if url:
                versions.setdefault(version.translation_key, {})[version.locale.language_code] = url
        for url in urls:
            url["alternates"] = _hreflang(versions.get(url["item"].translation_key, {}))


class ArticleSitemap(PageSitemap):
    """Articles, newest first; paginated by Django's sitemap index (?p=2...)."""

    def items(self):
        root = _root(self.request)
        if not root:
            return ArticlePage.objects.none()
        return (
            ArticlePage.objects.descendant_of(root)
            .live()
            .public()
            .order_by("-first_published_at", "-pk")
            .only("id", "url_path", "path", "depth", "last_published_at", "translation_key")
        )


class AuthorSitemap(SiteUrlSitemap):
    limit = 5000

    def __init__(self, request=None):
        self.request = request

    def items(self):
        return Author.objects.filter(is_active=True).order_by("slug").only("slug")

    def location(self, item):
        return item.get_absolute_url()


class TagSitemap(SiteUrlSitemap):
    limit = 5000

    def __init__(self, request=None):
        self.request = request

    def items(self):
        # Tags of this edition's live stories only.
        used = ArticleTag.objects.filter(
            tag=OuterRef("pk"), content_object__live=True, content_object__locale_id=locale_id()
        )
        return Tag.objects.filter(Exists(used)).order_by("slug").only("slug")

    def location(self, item):
        return reverse("tag", kwargs={"slug": item.slug})


def sitemaps_for(request) -> dict:
    return {
        "pages": PageSitemap(request),
        "articles": ArticleSitemap(request),
        "authors": AuthorSitemap(request),
        "tags": TagSitemap(request),
    }


def sitemap_index(request):
    """Django's sitemap index, each sitemap's address on SITE_URL rather than on the host
    that asked."""
    response = sitemap_views.index(
        request, sitemaps_for(request), sitemap_url_name="sitemap-section"
    )
    response.context_data["sitemaps"] = [
        replace(item, location=_on_site_url(item.location))
        for item in response.context_data["sitemaps"]
    ]
    return response


def sitemap_section(request, section):
    return sitemap_views.sitemap(request, sitemaps_for(request), section=section)


def _on_site_url(url: str) -> str:
    parts = urlsplit(url)
    return site_url.absolute_url(parts.path + (f"?{parts.query}" if parts.query else ""))


@require_GET
@cache_control(max_age=300, public=True)
def news_sitemap(request):
    """Google News sitemap: articles first published in the last 48 hours."""
    since = timezone.now() - NEWS_SITEMAP_WINDOW
    root = _root(request)
    articles = (
        ArticlePage.objects.descendant_of(root)
        .live()
        .public()
        .filter(first_published_at__gte=since)
        .defer_streamfields()
        .order_by("-first_published_at", "-pk")
        .only("id", "title", "url_path", "path", "depth", "first_published_at")[:NEWS_SITEMAP_MAX]
        if root
        else []
    )
    site_settings = SiteSettings.for_request(request)
    cache_tags.depends_on(cache_tags.LISTING)
    entries = [
        {"loc": site_url.page_url(article, request), "article": article} for article in articles
    ]
    return render(
        request,
        "news/news_sitemap.xml",
        {
            "entries": entries,
            "publication": site_settings.newsroom_name,
            "language": languages.current(),
        },
        content_type="application/xml; charset=utf-8",
    )


def _every_editions_sitemaps(request) -> list[str]:
    found = []
    site = Site.find_for_request(request)
    for code in live_editions(site):
        with translation.override(code):
            found += [
                site_url.absolute_url(reverse("sitemap-index")),
                site_url.absolute_url(reverse("news-sitemap")),
            ]
    return found


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    return render(
        request,
        "news/robots.txt",
        {"sitemaps": _every_editions_sitemaps(request)},
        content_type="text/plain; charset=utf-8",
    )
