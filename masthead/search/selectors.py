"""Reads for the search page."""

import functools
import re
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from masthead.caching.restrictions import restricted_paths
from masthead.news.models import ArticleAuthor, ArticlePage
from masthead.people.models import Author

from . import conf
from .stemming import prefix_terms

_WORD = re.compile(r"\w+", re.UNICODE)
# Letters and digits, without the underscore \w also takes (a tsquery would split there).
_LETTERS = re.compile(r"[^\W_]+", re.UNICODE)
MAX_TERMS = 32


def backend_query(query: str) -> str:
    """Only the words of a query, lower-cased: the full-text engines never see quotes,
    brackets, stars or upper-case AND/OR/NOT/NEAR, which SQLite FTS5 would parse as syntax."""
    return " ".join(word.lower() for word in _WORD.findall(query or "")[:MAX_TERMS])


@dataclass(frozen=True)
class _Filters:
    """The reader's filters, which every way of searching applies. `language`: the edition
    searched (default: the URL's)."""

    section: Page | None = None
    author: Author | None = None
    since: datetime | None = None
    until: datetime | None = None
    language: str | None = None


def _filtered(filters: _Filters):
    from masthead.editions.languages import locale_id

    # The edition being searched (the URL's language unless given): /uk/search/ finds
    # Ukrainian stories.
    articles = ArticlePage.objects.live().public().filter(locale=locale_id(filters.language))
    if filters.section is not None:
        articles = articles.descendant_of(filters.section)
    if filters.author is not None:
        page_ids = ArticleAuthor.objects.filter(author=filters.author).values_list(
            "page_id", flat=True
        )
        articles = articles.filter(id__in=list(page_ids))
    if filters.since is not None:
        articles = articles.filter(first_published_at__gte=filters.since)
    if filters.until is not None:
        articles = articles.filter(first_published_at__lt=filters.until)
    return articles


def _backend_module() -> str:
    return type(get_search_backend()).__module__


def _uses_sqlite_fts() -> bool:
    return connection.vendor == "sqlite" and _backend_module().startswith(
        ("wagtail.search.backends.database.sqlite", "modelsearch.backends.database.sqlite")
    )


def _uses_postgres_fts() -> bool:
    return connection.vendor == "postgresql" and _backend_module().startswith(
        ("wagtail.search.backends.database.postgres", "modelsearch.backends.database.postgres")
    )


def _page_filters(filters: _Filters) -> tuple[list[str], list]:
    """SQL conditions on the page (alias p) for the reader's filters. Pages under a view
    restriction are left out here, not only when the results are loaded: their number must
    not show in the count either."""
    from masthead.editions.languages import locale_id

    sql, params = ["p.live", "p.locale_id = %s"], [locale_id(filters.language)]
    for path in restricted_paths():
        sql.append("p.path NOT LIKE %s")
        params.append(path + "%")
    if filters.section is not None:
        sql.append("p.path LIKE %s AND p.depth > %s")
        params += [filters.section.path + "%", filters.section.depth]
    if filters.author is not None:
        sql.append(
            "EXISTS (SELECT 1 FROM news_articleauthor a WHERE a.page_id = p.id "
            "AND a.author_id = %s)"
        )
        params.append(filters.author.pk)
    if filters.since is not None:
        sql.append("p.first_published_at >= %s")
        params.append(filters.since)
    if filters.until is not None:
        sql.append("p.first_published_at < %s")
        params.append(filters.until)
    return sql, params


@functools.cache
def _sqlite_fts_weights(fts: str) -> str:
    """BM25 column weights for the FTS5 table in its column order: title and body 1,
    autocomplete (a copy of the title) 0. Read once per process."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pragma_table_info(%s) ORDER BY cid", [fts])
        columns = [row[0] for row in cursor.fetchall()]
    return ", ".join("0.0" if column == "autocomplete" else "1.0" for column in columns)


def _sqlite_ranked_ids(
    words: str, filters: _Filters, *, newest_first: bool, cap: int, candidates: int
) -> list[int]:
    """The first `cap` matches by BM25 (or date), filters applied inside the FTS5 query.

    Wagtail's SQLite backend scores each match with a correlated subquery that runs the FTS
    MATCH again per row, which grows with the square of the matches (44 s for a common word
    in 6,000 articles). Here FTS5 ranks in one pass. It also reads at most `candidates`
    matches, the most recently indexed first (FTS5 walks its index in rowid order and stops),
    then orders those: a word found in most of a large archive costs the same as in a small
    one. Below that many matches the order is exact."""
    from wagtail.search.models import IndexEntry, SQLiteFTSIndexEntry

    fts = SQLiteFTSIndexEntry._meta.db_table
    # No column filter ("{title body} :"): FTS5 would read every match's positions to check
    # their columns, also when BM25 counts the documents holding each word, which doubled the
    # cost of a common word. The autocomplete column repeats the title, so the matches are
    # the same; weighting it 0 keeps the same scores.
    # A Ukrainian word is searched by its stem as a prefix ("війн"*: stemming.py).
    match = " AND ".join(
        f'"{term}"' + ("*" if prefix else "")
        for term, prefix in prefix_terms(words.split(), filters.language or "")
    )
    content_type = ContentType.objects.get_for_model(ArticlePage)
    conditions, filter_params = _page_filters(filters)
    # BM25 costs a pass over each word's whole posting list: only relevance order pays it.
    score = "0" if newest_first else f"bm25({fts}, {_sqlite_fts_weights(fts)})"
    inner = (
        f"SELECT p.id AS id, p.first_published_at AS published, {score} AS score "  # noqa: S608
        f"FROM {fts} JOIN {IndexEntry._meta.db_table} e ON {fts}.rowid = e.id "
        "JOIN wagtailcore_page p ON p.id = CAST(e.object_id AS INTEGER) "
        f"WHERE {fts} MATCH %s AND e.content_type_id = %s AND "
        + " AND ".join(conditions)
        + f" ORDER BY {fts}.rowid DESC LIMIT %s"
    )
    order = "published DESC, id DESC" if newest_first else "score, id DESC"
    sql = f"SELECT id FROM ({inner}) ORDER BY {order} LIMIT %s"  # noqa: S608
    params = [match, content_type.pk, *filter_params, candidates, cap]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


@functools.cache
def _default_text_search_config() -> str:
    """The server's text search configuration, which Wagtail's index uses when its backend
    names none (asked once per process)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW default_text_search_config")
        return cursor.fetchone()[0]


def _postgres_ranked_ids(
    words: str, filters: _Filters, *, newest_first: bool, cap: int, candidates: int
) -> list[int]:
    """The PostgreSQL twin of _sqlite_ranked_ids: at most `candidates` matches, the most
    recently indexed first, ranked as Wagtail ranks them (title rank times the title norm,
    plus body rank). The match runs on title || body, the expression that migration
    search.0002 indexes with GIN, so a rare word is found through the index and a common
    one by walking the newest entries until enough match."""
    from wagtail.search.models import IndexEntry

    # The configuration is always named: plainto_tsquery(regconfig, text) is immutable, so
    # the planner sees the query itself and estimates from the index's statistics whether a
    # word is rare (read the GIN index) or common (walk the newest entries).
    config = get_search_backend().config or _default_text_search_config()
    content_type = ContentType.objects.get_for_model(ArticlePage)
    conditions, filter_params = _page_filters(filters)
    terms = prefix_terms(_LETTERS.findall(words), filters.language or "")
    to_query = "plainto_tsquery"
    if any(prefix for _, prefix in terms):
        # Stems as prefixes ('війн':*). The terms are letters and digits only, quoted, so
        # to_tsquery sees no operators from the reader.
        to_query = "to_tsquery"
        words = " & ".join(f"'{term}'" + (":*" if prefix else "") for term, prefix in terms)
    inner = (
        "SELECT p.id AS id, p.first_published_at AS published, "  # noqa: S608
        f"ts_rank(e.title, {to_query}(%s::regconfig, %s)) * e.title_norm "
        f"+ ts_rank(e.body, {to_query}(%s::regconfig, %s)) AS score "
        f"FROM {IndexEntry._meta.db_table} e "
        "JOIN wagtailcore_page p ON p.id = CAST(e.object_id AS INTEGER) "
        f"WHERE (e.title || e.body) @@ {to_query}(%s::regconfig, %s) "
        "AND e.content_type_id = %s AND "
        + " AND ".join(conditions)
        + " ORDER BY e.id DESC LIMIT %s"
    )
    order = "published DESC, id DESC" if newest_first else "score DESC, id DESC"
    sql = f"SELECT id FROM ({inner}) AS candidates ORDER BY {order} LIMIT %s"  # noqa: S608
    tsquery = [config, words]
    params = [*tsquery * 3, content_type.pk, *filter_params, candidates, cap]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


class RankedResults:
    """A ranked list of page ids that a Paginator can slice; pages are fetched per slice."""

    def __init__(self, ids: list[int]):
        self.ids = ids

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, key):
        ids = self.ids[key]
        pages = ArticlePage.objects.live().public().in_bulk(ids)
        return [pages[pk] for pk in ids if pk in pages]


def article_search(
    *,
    query: str,
    newest_first: bool = False,
    section=None,
    author=None,
    since: datetime | None = None,
    until: datetime | None = None,
    language: str | None = None,
):
    """Live, public articles matching `query` (Wagtail search), filtered and sorted.
    `language`: a content language code ("uk"); only that edition's articles are searched,
    and its words matched across their forms where the engine allows (stemming.py).

    Filters use only fields the search index can filter on (path, id, first_published_at),
    so the same code runs on the SQLite, PostgreSQL and OpenSearch backends. On Wagtail's
    SQLite and PostgreSQL database backends a faster path reads at most
    SEARCH_MAX_CANDIDATES matches and returns at most SEARCH_MAX_RESULTS (see
    _sqlite_ranked_ids and _postgres_ranked_ids)."""
    words = backend_query(query)
    filters = _Filters(section=section, author=author, since=since, until=until, language=language)
    ranked = None
    if words and _uses_sqlite_fts():
        ranked = _sqlite_ranked_ids
    elif words and _uses_postgres_fts():
        ranked = _postgres_ranked_ids
    if ranked is not None:
        ids = ranked(
            words,
            filters,
            newest_first=newest_first,
            cap=conf.SEARCH_MAX_RESULTS,
            candidates=conf.SEARCH_MAX_CANDIDATES,
        )
        return RankedResults(ids)
    articles = _filtered(filters)
    if newest_first:
        articles = articles.order_by("-first_published_at")
    results = articles.search(words, order_by_relevance=not newest_first, operator="and")
    return results[: conf.SEARCH_MAX_RESULTS]
