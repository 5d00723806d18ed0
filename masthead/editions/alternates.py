"""The same thing in each edition: a page's live translations, or a view's URL under each
edition's prefix. Feeds the language switcher, the hreflang links and the sitemaps."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import translate_url
from wagtail.models import Page

from masthead.caching import fragments, routing
from masthead.caching import tags as cache_tags
from masthead.caching.routing import site_for_request

from . import languages
from .homes import edition_home_id


@dataclass(frozen=True)
class Alternate:
    language: str
    path: str  # site-relative: "/uk/war/ferry/"
    # True when this is the same page or view in that language; False for the fallback to
    # the edition's home (the switcher's link for an untranslated page).
    same_content: bool = True

    @property
    def name(self) -> str:
        return languages.language_name(self.language)


def live_editions(site) -> list[str]:
    """The editions with a live home page on ``site``, the default first."""
    if site is None:
        return [languages.default_language()]
    return [code for code in languages.languages() if edition_home_id(site, code)]


def page_alternates(page, *, request=None, site=None) -> dict[str, str]:
    """language -> path of each live version of ``page`` (itself included) in an edition that
    has a live home. One query for the page's translations."""
    if site is None and request is not None:
        site = site_for_request(request)
    editions = live_editions(site)
    if len(editions) < 2:
        own = page.get_url(request)
        return {languages.language_of(page) or languages.current(): own} if own else {}
    # Kept as a fragment: the query and the URLs cost a third of an uncached article page,
    # and the second edition must not slow the first (bench/editions.py). Publishing,
    # unpublishing or moving a page bumps its translations' page tags (core/cache_rules.py),
    # and a move anywhere the tree tag.
    key = fragments.key_for("alternates", page.pk, getattr(site, "pk", ""), *editions)
    return fragments.get_or_render(
        key,
        lambda: _live_versions(page, request, editions),
        tags=[cache_tags.page(page.pk), cache_tags.TREE],
    )


def _live_versions(page, request, editions: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    versions = Page.objects.filter(translation_key=page.translation_key, live=True)
    for version in versions.select_related("locale").defer_streamfields():
        language = version.locale.language_code
        if language not in editions:
            continue
        url = version.get_url(request)
        if url:
            found[language] = url
    return found


def view_alternates(request) -> dict[str, str]:
    """language -> the path of this view in each live edition (the news feed, a tag page,
    search): the same route under each prefix. Nothing for Wagtail's page view without a
    page (an error): its path names a page of one edition only."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.func is routing.serve:
        return {}
    site = site_for_request(request)
    path = request.path
    return {code: translate_url(path, code) for code in live_editions(site)}


def alternates(request, page=None) -> dict[str, str]:
    """What this request shows, in each edition where it exists (kept on the request)."""
    cached = getattr(request, "_edition_alternates", None)
    if cached is not None and cached[0] is page:
        return cached[1]
    if page is not None and getattr(page, "translation_key", None) and page.pk:
        found = page_alternates(page, request=request)
    else:
        found = view_alternates(request)
    request._edition_alternates = (page, found)
    return found


def switcher(request, page=None, *, homes_only: bool = False) -> list[Alternate]:
    """A link to each other live edition: to this page's translation there when it is live,
    else to that edition's home."""
    current = languages.current()
    site = site_for_request(request)
    found = {} if homes_only else alternates(request, page)
    links = []
    for code in live_editions(site):
        if code == current:
            continue
        if code in found:
            links.append(Alternate(code, found[code], True))
        else:
            links.append(Alternate(code, languages.home_path(code), False))
    return links
