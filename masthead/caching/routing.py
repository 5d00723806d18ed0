"""Find the page for a URL in two queries instead of walking the tree.

Wagtail routes ``/war/some-story/`` by loading each level (the home page, the section, the
article), each as a base row and then its specific row: six queries and most of an uncached
article's routing time. A page's ``url_path`` already names its place under the site's root,
so the page is one indexed lookup away. The answer is handed to Wagtail through the attribute
its ``Page.route_for_request`` keeps its own result in, so Wagtail serves the page exactly as
usual (view restrictions, hooks, ``serve``).

The page found is then kept in the process (``local.py``: pickled, a fresh copy per request)
until it is published, unpublished, moved or deleted (its page tag, or the tree tag), so a
page read again costs no query at all.

With editions (Wagtail i18n), the lookup starts from the root page of the request's
language (its translation of the site's root page), so ``/uk/war/`` is found under the
Ukrainian home as ``/war/`` is under the English one.

Anything unusual goes to Wagtail's own walk: a path with no page, a page that is not live,
or a project with a page type that overrides ``route`` (it may answer paths below it that
are no page's ``url_path``).
"""

from __future__ import annotations

import functools
import time

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponse
from django.http.request import split_domain_port
from django.utils import translation
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.models import Page, Site, get_page_models
from wagtail.url_routing import RouteResult
from wagtail.wagtail_hooks import check_view_restrictions

from . import restrictions
from . import tags as cache_tags
from .kept import site_wide
from .local import MISSING, ProcessCopies


def site_for_request(request) -> Site | None:
    """``Site.find_for_request`` without its query on every request: the answer is kept in
    this process until a site or any page other than an article changes (the SITE tag) and
    for SITE_MEMO_SECONDS at most. Side effects: caches the site on the request as Wagtail
    does."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    if not site_wide.enabled():
        return Site.find_for_request(request)
    key = ("site", split_domain_port(request._get_raw_host())[0], request.get_port())
    site = site_wide.get_or_load(
        key, lambda: Site._find_for_request(request), tags=[cache_tags.SITE]
    )
    request._wagtail_site = site
    return site


@functools.cache
def _tree_routing_is_plain() -> bool:
    return all(model.route is Page.route for model in get_page_models())


def _edition_root_path(site: Site) -> str | None:
    """The ``url_path`` of the root page of the edition being served (the request's language,
    from its URL): the site's root page, or its live translation into that language. None
    when that edition has no live home here: its URLs are then no page's."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return site.root_page.url_path
    language = translation.get_language() or settings.LANGUAGE_CODE

    def load():
        root = site.root_page
        if root.locale.language_code == language:
            return root.url_path
        found = (
            Page.objects.filter(
                translation_key=root.translation_key, locale__language_code=language, live=True
            )
            .values_list("url_path", flat=True)
            .first()
        )
        return found or ""

    return (
        site_wide.get_or_load(
            ("edition-root", site.pk, language),
            load,
            # Publishing the edition's home bumps that edition's site tag (core/cache_rules.py).
            tags=[cache_tags.TREE, cache_tags.SITE, cache_tags.scoped(cache_tags.SITE, language)],
        )
        or None
    )


def find_route(request, path: str) -> RouteResult | None:
    """The route of a plain page at ``path`` found by its ``url_path``, or None to let
    Wagtail walk the tree. Side effects: caches the site on the request as Wagtail does.
    Raises Http404 for a path in an edition that has no home page on this site (Wagtail
    would otherwise answer with the default edition's page)."""
    components = [part for part in path.split("/") if part]
    if not _tree_routing_is_plain():
        return None
    site = site_for_request(request)
    if site is None:
        return None
    root_path = _edition_root_path(site)
    if root_path is None:
        raise Http404
    url_path = root_path + "".join(part + "/" for part in components)
    page = kept_pages.get(url_path)
    if page is MISSING:
        started = time.time_ns()
        rows = Page.objects.filter(url_path=url_path, live=True).values_list(
            "pk", "content_type_id"
        )[:1]
        page = _load(rows[0], url_path) if rows else None
        if page is None:
            return None
        tags = [cache_tags.TREE, cache_tags.page(page.pk)]
        kept_pages.put(url_path, page, tags=cache_tags.versions_as_of(tags, started))
    cache_tags.depends_on(cache_tags.page(page.pk))
    return page.route(request, [])


def _kept_pages_bytes() -> int:
    return 8 * 1024 * 1024 if getattr(settings, "SITE_MEMO_SECONDS", 60) else 0


# url_path -> the live page, until it is published, unpublished or deleted (its page tag) or
# any page moves (the tree tag), and SITE_MEMO_SECONDS at most.
kept_pages = ProcessCopies(
    "pages-by-path",
    max_bytes=_kept_pages_bytes,
    max_age=lambda: getattr(settings, "SITE_MEMO_SECONDS", 60),
    pickled=True,
)


def _load(row: tuple[int, int], url_path: str) -> Page | None:
    model = ContentType.objects.get_for_id(row[1]).model_class()
    if model is None:
        return None
    try:
        page = model._default_manager.get(pk=row[0])
    except model.DoesNotExist:
        return None
    if not page.live or page.url_path != url_path:
        return None
    return page


def serve(request, path):
    """Wagtail's page view, with the route found by ``find_route`` when it can be."""
    if not hasattr(request, "_wagtail_route_for_request"):
        route = find_route(request, path)
        if route is not None:
            request._wagtail_route_for_request = route
    if restrictions.restricted_paths():
        return wagtail_views.serve(request, path)
    return _serve_without_restrictions(request, path)


def _serve_without_restrictions(request, path):
    """``wagtail.views.serve`` when no page anywhere has a view restriction: the same hooks in
    the same order, less Wagtail's restriction check (two queries that would find nothing)."""
    route_result = Page.route_for_request(request, path)
    if route_result is None:
        raise Http404
    page, args, kwargs = route_result

    chain = wagtail_views.serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        if fn is not check_view_restrictions:
            chain = fn(chain)

    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result

    return chain(page, request, args, kwargs)
