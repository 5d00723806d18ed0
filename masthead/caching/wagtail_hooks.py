from wagtail import hooks

from . import registry
from . import tags as cache_tags


@hooks.register("before_serve_page")
def declare_what_the_page_shows(page, request, serve_args, serve_kwargs):
    """A stored page depends on its own content and on what its type shows (registry)."""
    cache_tags.depends_on(cache_tags.page(page.pk), *registry.tags_shown_by(page))
    if getattr(request, "is_preview", False):
        request.page_cache_skip = True
