"""What a changed newsletter purges (masthead/caching): the sign-up forms on every page."""

from masthead.caching import registry
from masthead.caching import tags as cache_tags
from masthead.caching.purge import reverse_path

from .models import Newsletter


def front_and_newsletters_pages(newsletter) -> list[str]:
    """the front page and the newsletters page"""
    # Worked out inside the newsletter's edition (caching/signal_handlers.py): /uk/... paths.
    return [*registry.front_page(newsletter), reverse_path("newsletters:list")]


registry.on_change(
    Newsletter,
    events=["save", "delete"],
    tags=[cache_tags.SITE],
    edge=front_and_newsletters_pages,
    affects="every page (the sign-up forms in the footer), the newsletters page",
)
