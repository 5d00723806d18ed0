"""What an edited author purges (masthead/caching): bylines, author boxes, the author's page."""

from masthead.caching import registry
from masthead.caching import tags as cache_tags
from masthead.caching.purge import reverse_path

from .models import Author


def author_page(author) -> list[str]:
    """the author's page"""
    return [reverse_path("author", slug=author.slug)]


registry.on_change(
    Author,
    events=["save", "delete"],
    tags=[cache_tags.PEOPLE],
    edge=author_page,
    affects="every byline and author box, the author's page, the team page",
)
