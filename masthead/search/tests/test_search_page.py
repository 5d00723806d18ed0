"""The search page on the real search backend of the test database (SQLite FTS or
PostgreSQL full text, whichever DATABASE_URL names)."""

from datetime import timedelta
from functools import partial

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from masthead.news.tests.factories import make_section
from masthead.people.tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

SECRET = "Zebracorn"


def _paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def _soup(response):
    return BeautifulSoup(response.content, "html.parser")


def _headlines(response):
    return [
        " ".join(h.get_text().split()) for h in _soup(response).select(".search-result__headline")
    ]


@pytest.fixture
def archive(make_article, home, author):
    make_article = partial(make_article, image=False)
    other_section = make_section(home, title="Analysis", slug="analysis")
    other_author = AuthorFactory(name="Mark Ellison", slug="mark-ellison")
    now = timezone.now()
    make_article(
        title="Bridge reopens in Kyiv",
        slug="bridge-kyiv",
        published_at=now - timedelta(days=10),
    )
    make_article(
        title="Grid repairs continue",
        slug="grid-repairs",
        standfirst="Crews restored power to the bridge district overnight.",
        body=[_paragraph("The bridge district had power again by morning.")],
        published_at=now - timedelta(days=1),
    )
    make_article(
        title="What the bridge budget means",
        slug="bridge-budget",
        section=other_section,
        authors=[other_author],
        body=[_paragraph("An analysis of the bridge budget and its overruns.")],
        published_at=now - timedelta(days=40),
    )
    premium_body = [_paragraph(f"Public paragraph {n} about the harbour.") for n in range(3)]
    premium_body.append(_paragraph(f"The members-only finding: {SECRET} harbour data."))
    make_article(
        title="Harbour ledger investigation",
        slug="harbour-ledger",
        standfirst="What the port's books show.",
        body=premium_body,
        is_premium=True,
        published_at=now - timedelta(days=2),
    )
    return {"other_section": other_section, "other_author": other_author}


def test_search_finds_matching_articles_and_marks_the_words(client, archive):
    response = client.get("/search/", {"q": "bridge"})
    assert response.status_code == 200
    headlines = _headlines(response)
    assert set(headlines) == {
        "Bridge reopens in Kyiv",
        "Grid repairs continue",
        "What the bridge budget means",
    }
    marks = [m.get_text() for m in _soup(response).select(".search-result mark")]
    assert marks and all(m.lower() == "bridge" for m in marks)


def test_newest_first_orders_by_publication_date(client, archive):
    response = client.get("/search/", {"q": "bridge", "sort": "newest"})
    assert _headlines(response) == [
        "Grid repairs continue",
        "Bridge reopens in Kyiv",
        "What the bridge budget means",
    ]


def test_section_filter_narrows_results(client, archive):
    response = client.get("/search/", {"q": "bridge", "section": "analysis"})
    assert _headlines(response) == ["What the bridge budget means"]


def test_author_filter_narrows_results(client, archive):
    response = client.get("/search/", {"q": "bridge", "author": "mark-ellison"})
    assert _headlines(response) == ["What the bridge budget means"]


def test_date_range_filter_uses_whole_days(client, archive):
    today = timezone.localdate()
    response = client.get(
        "/search/",
        {
            "q": "bridge",
            "date_from": (today - timedelta(days=15)).isoformat(),
            "date_to": today.isoformat(),
            "sort": "newest",
        },
    )
    assert _headlines(response) == ["Grid repairs continue", "Bridge reopens in Kyiv"]


def test_snippet_of_premium_article_never_shows_withheld_text(client, archive):
    response = client.get("/search/", {"q": "harbour"})
    assert "Harbour ledger investigation" in _headlines(response)
    assert SECRET not in response.content.decode()
    # Even a query for the withheld word itself shows only public text.
    response = client.get("/search/", {"q": SECRET})
    results = " ".join(r.get_text() for r in _soup(response).select(".search-results"))
    assert SECRET not in results


def test_results_are_paginated_with_the_query_kept(client, make_article, settings):
    from masthead.search import conf

    for n in range(conf.SEARCH_RESULTS_PER_PAGE + 3):
        make_article(title=f"Ferry timetable {n}", slug=f"ferry-{n}", image=False)
    response = client.get("/search/", {"q": "ferry"})
    assert len(_headlines(response)) == conf.SEARCH_RESULTS_PER_PAGE
    next_link = _soup(response).select_one("a[rel=next]")["href"]
    assert "q=ferry" in next_link and "page=2" in next_link
    response = client.get("/search/" + next_link)
    assert len(_headlines(response)) == 3
    # A malformed or out-of-range page number falls back instead of failing.
    assert client.get("/search/", {"q": "ferry", "page": "x"}).status_code == 200
    assert len(_headlines(client.get("/search/", {"q": "ferry", "page": "999"}))) == 3


def test_empty_query_shows_help_and_sections(client, archive):
    response = client.get("/search/")
    assert response.status_code == 200
    text = _soup(response).select_one(".search-empty").get_text()
    assert "Type a few words" in text and "Analysis" in text
    assert client.get("/search/", {"q": "   "}).status_code == 200


def test_no_match_explains_what_to_try(client, archive):
    response = client.get("/search/", {"q": "xylophone", "section": "analysis"})
    assert response.status_code == 200
    empty = _soup(response).select_one(".search-empty")
    assert "No stories match" in empty.get_text()
    assert empty.select_one("a")["href"] == "/search/?q=xylophone"


HOSTILE_QUERIES = [
    '"bridge',
    'bridge" OR "1"="1',
    "bridge AND NOT OR NEAR(",
    "bridge*",
    "-bridge +kyiv",
    "'; DROP TABLE wagtailcore_page; --",
    "bridge:title ^2 ~ {} [] () \\",
    "мост Київ міст",
    "جسر كييف",
    "גשר",
    "🌉 bridge 🇺🇦",
    "bridge\x00kyiv",
    "<script>alert(1)</script>",
    "x" * 5000,
    "bridge " * 400,
    "%",
    "*",
    "&&||!",
]


def test_any_query_text_is_answered_safely(client, archive):
    for query in HOSTILE_QUERIES:
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200, query
        assert "<script>alert(1)</script>" not in response.content.decode()
    # Operators are plain words: a quoted or starred query still finds the bridge stories.
    assert len(_headlines(client.get("/search/", {"q": '"bridge'}))) == 3
    # "OR" is a word too, not an operator: every word must match.
    assert _headlines(client.get("/search/", {"q": "bridge OR qwertyuiop"})) == []


def test_query_text_is_escaped_in_the_page(client, archive):
    response = client.get("/search/", {"q": 'bridge <img src=x onerror="alert(1)">'})
    assert response.status_code == 200
    assert "<img src=x" not in response.content.decode()
    assert "&lt;img src=x" in response.content.decode()


def test_long_query_is_truncated_but_still_searches(client, archive):
    response = client.get("/search/", {"q": "bridge " + "z" * 2000})
    assert response.status_code == 200
    value = _soup(response).select_one("#id_q")["value"]
    assert len(value) <= 200


def test_cyrillic_articles_are_found(client, make_article):
    make_article(title="Міст у Києві знову відкрито", slug="mist", image=False)
    response = client.get("/search/", {"q": "Києві"})
    assert _headlines(response) == ["Міст у Києві знову відкрито"]


MALFORMED_FILTERS = [
    {"q": "bridge", "sort": "loudest"},
    {"q": "bridge", "section": "no-such-section"},
    {"q": "bridge", "section": "../../etc"},
    {"q": "bridge", "author": "nobody-here"},
    {"q": "bridge", "date_from": "yesterday"},
    {"q": "bridge", "date_from": "9999-12-31"},
    {"q": "bridge", "date_to": "0001-01-01"},
    {"q": "bridge", "date_from": "2025-05-01", "date_to": "2025-04-01"},
]


def test_malformed_filters_get_a_message_and_400(client, archive):
    for params in MALFORMED_FILTERS:
        response = client.get("/search/", params)
        assert response.status_code == 400, params
        assert _soup(response).select("[role=alert]"), params


def test_search_refuses_post(client, archive):
    assert client.post("/search/", {"q": "bridge"}).status_code == 405


def test_drafts_and_private_pages_are_not_found(client, make_article):
    make_article(title="Unpublished bridge draft", slug="draft", publish=False, image=False)
    response = client.get("/search/", {"q": "unpublished"})
    assert _headlines(response) == []


def test_search_runs_a_bounded_number_of_queries(
    client, make_article, django_assert_max_num_queries
):
    for n in range(12):
        make_article(title=f"Tram line {n}", slug=f"tram-{n}", image=False)
    client.get("/search/", {"q": "tram"})  # warm site settings
    with django_assert_max_num_queries(16):
        response = client.get("/search/", {"q": "tram", "section": "war", "author": "iryna-demo"})
    assert len(_headlines(response)) == 10


def test_a_very_common_word_is_ranked_among_its_newest_matches(client, make_article, monkeypatch):
    """Past SEARCH_MAX_CANDIDATES matches only the most recently indexed ones are ranked, so
    a word in most of a huge archive costs what it costs in a small one; a rarer query is
    still found in the oldest story."""
    from masthead.search import conf

    monkeypatch.setattr(conf, "SEARCH_MAX_CANDIDATES", 3)
    now = timezone.now()
    for n in range(6):
        make_article(
            title=f"Ferry timetable {n}" + (" harbourmaster" if n == 0 else ""),
            slug=f"ferry-{n}",
            image=False,
            published_at=now - timedelta(hours=6 - n),
        )
    assert sorted(_headlines(client.get("/search/", {"q": "ferry"}))) == [
        "Ferry timetable 3",
        "Ferry timetable 4",
        "Ferry timetable 5",
    ]
    newest = _headlines(client.get("/search/", {"q": "ferry", "sort": "newest"}))
    assert newest == ["Ferry timetable 5", "Ferry timetable 4", "Ferry timetable 3"]
    found = _headlines(client.get("/search/", {"q": "ferry harbourmaster"}))
    assert [" ".join(h.split()[:3]) for h in found] == ["Ferry timetable 0"]


def test_sqlite_ranking_weighs_title_and_body_only(archive):
    """SQLite matches without a column filter (cheaper) and weighs the autocomplete column 0:
    the same matches and BM25 scores as matching in title and body alone."""
    from django.db import connection

    from masthead.search.selectors import _sqlite_fts_weights

    if connection.vendor != "sqlite":
        pytest.skip("SQLite FTS5 ranking")
    fts = "wagtailsearch_indexentry_fts"

    def scored(match, score):
        with connection.cursor() as cursor:
            sql = f"SELECT rowid, {score} FROM {fts} WHERE {fts} MATCH %s ORDER BY rowid"  # noqa: S608
            cursor.execute(sql, [match])
            return cursor.fetchall()

    for word in ("bridge", "harbour", "kyiv", "reopens"):
        filtered = scored(f'{{title body}} : ("{word}")', f"bm25({fts})")
        weighted = scored(f'"{word}"', f"bm25({fts}, {_sqlite_fts_weights(fts)})")
        assert filtered, word
        assert [row[0] for row in weighted] == [row[0] for row in filtered]
        assert [row[1] for row in weighted] == pytest.approx([row[1] for row in filtered])


def test_private_articles_are_left_out_of_results_and_their_count(client, make_article, section):
    from wagtail.models import PageViewRestriction

    make_article(title="Ferry strike begins", slug="ferry-public", image=False)
    private = make_article(title="Ferry contract leaked", slug="ferry-private", image=False)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/search/", {"q": "ferry"})
    assert _headlines(response) == ["Ferry strike begins"]
    count = " ".join(_soup(response).select_one(".search-count").get_text().split())
    assert count.startswith("1 result ")
    assert b"Ferry contract leaked" not in response.content
