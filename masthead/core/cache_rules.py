"""What changes to pages in general, sites and site-wide settings purge (masthead/caching)."""

from wagtail.models import Page, PageViewRestriction, Site

from masthead.caching import registry
from masthead.caching import tags as cache_tags

from .models import NavigationSettings, SiteSettings


def in_navigation(page, kwargs) -> bool:
    """if its type can be in the navigation: any page but a story"""
    return registry.is_in_navigation(page)


def edited(setting, kwargs) -> bool:
    """unless just created with its defaults

    Wagtail creates a settings row on its first read; readers saw those defaults already."""
    return not kwargs.get("created")


def itself(page) -> list[int]:
    """the page"""
    return [page.pk]


registry.on_change(
    Page,
    events=["publish", "unpublish", "delete", "move"],
    pages=itself,
    edge=registry.paths_showing,
    affects="the page, and the pages its type says show it",
)


def translations(page) -> list[int]:
    """the page's translations (their language switcher and hreflang links point to it)"""
    if not getattr(page, "translation_key", None):
        return []
    return list(
        Page.objects.filter(translation_key=page.translation_key)
        .exclude(pk=page.pk)
        .values_list("pk", flat=True)
    )


def translation_paths(page) -> list[str]:
    """the page's translations"""
    from masthead.caching.purge import page_path

    return [page_path(other) for other in Page.objects.filter(pk__in=translations(page))]


registry.on_change(
    Page,
    events=["publish", "unpublish", "delete", "move"],
    pages=translations,
    edge=translation_paths,
    affects="the page's translations in the other editions (their switcher and hreflang)",
)
registry.on_change(
    Page,
    events=["unpublish", "delete", "move"],
    tags=[cache_tags.TREE],
    affects="which page answers each path",
)
registry.on_change(
    Page,
    events=["publish", "unpublish", "delete", "move"],
    when=in_navigation,
    tags=[cache_tags.SITE],
    affects="every page (its title may be in the navigation)",
)
registry.on_change(
    Site,
    events=["save", "delete"],
    tags=[cache_tags.SITE, cache_tags.TREE],
    affects="every page (host names, the root page)",
)
registry.on_change(
    PageViewRestriction,
    events=["save", "delete"],
    tags=[cache_tags.SITE],
    affects="every page and list (a page made private leaves them all at once)",
)
for model in (SiteSettings, NavigationSettings):
    registry.on_change(
        model,
        events=["save", "delete"],
        when=edited,
        tags=[cache_tags.SITE],
        edge=registry.front_page,
        affects="every page (header, footer, time zone, social links)",
    )
