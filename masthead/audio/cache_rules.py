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


_UNKNOWN = object()


def readers_see_it(narration, kwargs) -> bool:
    """if the player changes: audio offered, replaced or taken away (not while it is made)"""
    # Unknown (a row read without those columns): purge, to be safe.
    before = None if kwargs.get("created") else getattr(narration, "_shown_when_loaded", _UNKNOWN)
    now = narration._shown() if "created" in kwargs else None  # post_delete sends no "created"
    return before is _UNKNOWN or before != now


registry.on_change(
    Narration,
    events=["save", "delete"],
    when=readers_see_it,
    tags=[NARRATIONS],
    pages=narrated_article,
    edge=article_and_podcast,
    affects="the article's player, the podcast feeds",
)
