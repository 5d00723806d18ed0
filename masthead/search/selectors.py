"""Reads for the search page."""

import re
from datetime import datetime

from masthead.news.models import ArticleAuthor, ArticlePage

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 32


def backend_query(query: str) -> str:
    """Only the words of a query, lower-cased: the full-text engines never see quotes,
    brackets, stars or upper-case AND/OR/NOT/NEAR, which SQLite FTS5 would parse as syntax."""
    return " ".join(word.lower() for word in _WORD.findall(query or "")[:MAX_TERMS])


def article_search(
    *,
    query: str,
    newest_first: bool = False,
    section=None,
    author=None,
    since: datetime | None = None,
    until: datetime | None = None,
):
    """Live, public articles matching `query` (Wagtail search), filtered and sorted.

    Filters use only fields the search index can filter on (path, id, first_published_at),
    so the same code runs on the SQLite, PostgreSQL and OpenSearch backends."""
    articles = ArticlePage.objects.live().public()
    if section is not None:
        articles = articles.descendant_of(section)
    if author is not None:
        page_ids = ArticleAuthor.objects.filter(author=author).values_list("page_id", flat=True)
        articles = articles.filter(id__in=list(page_ids))
    if since is not None:
        articles = articles.filter(first_published_at__gte=since)
    if until is not None:
        articles = articles.filter(first_published_at__lt=until)
    if newest_first:
        articles = articles.order_by("-first_published_at")
    return articles.search(
        backend_query(query), order_by_relevance=not newest_first, operator="and"
    )
