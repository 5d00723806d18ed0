"""What a narration's change purges (masthead/caching): its article's player, the podcasts."""

from masthead.caching import registry
from masthead.caching.purge import page_path, reverse_path

from .models import Narration

# Shown by the podcast feeds (feeds.py declares it).
NARRATIONS = "narrations"


def article_and_podcast(narration) -> list[str]:
    """the article and the podcast feed"""
    from masthead.news.models import ArticlePage

    # Read afresh: a narration is also deleted with its article, whose row may be gone.
    page = ArticlePage.objects.live().filter(pk=narration.page_id).first()
    return [page_path(page) if page else None, reverse_path("podcast")]


def narrated_article(narration) -> list[int]:
    """the narrated article"""
    return [narration.page_id]


registry.on_change(
    Narration,
    events=["save", "delete"],
    tags=[NARRATIONS],
    pages=narrated_article,
    edge=article_and_podcast,
    affects="the article's player, the podcast feeds",
)
