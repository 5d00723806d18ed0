"""What the content API's answers show, for the edge (masthead/caching): the app's own page
cache purges them by tag like pages; these rules purge their paths at the edge, where a PURGE
of a path takes every query string with it (filters, cursors, fields)."""

from masthead.caching import registry
from masthead.caching import tags as cache_tags
from masthead.news.cache_rules import readers_see_it
from masthead.news.models import ArticlePage, NewsFeedItem, SectionPage
from masthead.newsletters.models import Newsletter
from masthead.people.models import Author

API = "/api/v1"


def article_paths(article) -> list[str]:
    """the API's article list and the article"""
    return [f"{API}/articles/", f"{API}/articles/{article.pk}/"]


def the_article(article) -> list[int]:
    """the article"""
    return [article.pk]


def feed_paths(item) -> list[str]:
    """the API's news-feed items"""
    return [f"{API}/feed-items/"]


def author_paths(author) -> list[str]:
    """the API's authors and articles (bylines)"""
    return [f"{API}/authors/", f"{API}/articles/"]


def section_paths(section) -> list[str]:
    """the API's sections and articles"""
    return [f"{API}/sections/", f"{API}/articles/"]


def newsletter_paths(newsletter) -> list[str]:
    """the API's newsletters"""
    return [f"{API}/newsletters/"]


registry.on_change(
    ArticlePage,
    events=["publish", "unpublish", "delete", "move"],
    pages=the_article,
    edge=article_paths,
    affects="the content API's article list and the article",
)
registry.on_change(
    NewsFeedItem,
    events=["save", "delete"],
    when=readers_see_it,  # not a draft: readers see only live items
    tags=[cache_tags.FEED],
    edge=feed_paths,
    affects="the API's feed items",
)
registry.on_change(
    Author,
    events=["save", "delete"],
    tags=[cache_tags.PEOPLE],
    edge=author_paths,
    affects="the API's authors, bylines",
)
registry.on_change(
    SectionPage,
    events=["publish", "unpublish", "delete", "move"],
    tags=[cache_tags.SITE],
    edge=section_paths,
    affects="the API's sections",
)
registry.on_change(
    Newsletter,
    events=["save", "delete"],
    tags=[cache_tags.SITE],
    edge=newsletter_paths,
    affects="the API's newsletters",
)
