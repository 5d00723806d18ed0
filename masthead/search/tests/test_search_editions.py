"""Search per edition: the Ukrainian edition finds only Ukrainian articles, across word forms
(stems searched as prefixes), with the original words marked; the English edition finds only
English ones. Runs on the test database's engine (SQLite FTS5 or PostgreSQL)."""

from functools import partial

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from masthead.audio.tests.editions import make_uk_section
from masthead.caching.pages import clear
from masthead.search.highlight import query_terms, snippet
from masthead.search.selectors import article_search
from masthead.search.stemming import prefix_terms, stem_uk

pytestmark = pytest.mark.django_db

LANGUAGES = [("en", "English"), ("uk", "Українська")]


def _paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


@pytest.fixture
def editions(settings, make_article, author):
    settings.LANGUAGES = LANGUAGES
    settings.WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
    settings.WAGTAIL_I18N_ENABLED = True
    make_article = partial(make_article, image=False)
    uk_section = make_uk_section()
    uk = partial(make_article, section=uk_section, authors=[author])
    return {
        "war": uk(
            title="Рік після війни",
            slug="rik-pislia-viiny",
            standfirst="Як живуть люди, яких торкнулася війна.",
            body=[_paragraph("Місцеві жителі кажуть, що з війною прийшла бідність.")],
        ),
        "city": uk(
            title="Відбудова міста триває",
            slug="vidbudova-mista",
            standfirst="Мер обіцяє нові школи.",
            body=[_paragraph("У місті відкрили дві школи. Bridge repairs continue too.")],
        ),
        "other": uk(
            title="Погода на вихідні",
            slug="pohoda",
            standfirst="Синоптики обіцяють сонце.",
            body=[_paragraph("Дощів не буде.")],
        ),
        "english": make_article(
            title="Bridge reopens in the city",
            slug="bridge-city",
            standfirst="The war damaged it in 2022; місто святкує.",
            body=[_paragraph("Traffic returns to the bridge.")],
        ),
    }


def _search(client, language, query):
    clear()
    # The edition is the URL's: /uk/search/ searches the Ukrainian one.
    with translation.override(language):
        response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    headlines = [" ".join(h.get_text().split()) for h in soup.select(".search-result__headline")]
    marks = [m.get_text() for m in soup.select(".search-result mark")]
    return headlines, marks


def test_a_ukrainian_word_finds_its_other_forms_and_marks_the_words_as_written(client, editions):
    headlines, marks = _search(client, "uk", "війна")
    assert headlines == ["Рік після війни"]
    assert set(marks) >= {"війни", "війна"}
    assert all(m.lower().startswith("війн") for m in marks)

    headlines, marks = _search(client, "uk", "місто")
    assert headlines == ["Відбудова міста триває"]
    assert "міста" in marks

    # Capitals fold too; the mark keeps the word as written.
    headlines, marks = _search(client, "uk", "ВІЙНОЮ")
    assert headlines == ["Рік після війни"]
    assert "війною" in marks


def test_each_edition_finds_only_its_own_articles(client, editions):
    # "bridge" and "місто" appear in articles of both editions.
    assert _search(client, "uk", "bridge")[0] == ["Відбудова міста триває"]
    assert _search(client, "en", "bridge")[0] == ["Bridge reopens in the city"]
    assert _search(client, "en", "місто")[0] == ["Bridge reopens in the city"]
    assert _search(client, "uk", "місто")[0] == ["Відбудова міста триває"]


def test_the_section_list_is_the_editions_own(client, editions, section):
    clear()
    with translation.override("uk"):
        html = client.get(reverse("search")).content.decode()
    assert "Війна" in html and 'value="war"' not in html
    with translation.override("uk"):
        response = client.get(reverse("search"), {"q": "війна", "section": "viina"})
    assert response.status_code == 200


def test_the_selector_searches_one_locale_with_stems(editions):
    hits = article_search(query="містом школами", language="uk")
    assert [page.slug for page in hits[:10]] == ["vidbudova-mista"]
    assert len(article_search(query="школами", language="en")) == 0


@pytest.mark.parametrize(
    "query",
    [
        "війна'",
        "'війн':* | місто",
        'війна" OR "NEAR(a b)',
        "війна & !місто",
        "в" * 300,
        "війна_місто",
        "ʼ’",
        "\x00війна",
    ],
)
def test_hostile_ukrainian_queries_are_answered_safely(client, editions, query):
    clear()
    with translation.override("uk"):
        response = client.get("/search/", {"q": query})
    assert response.status_code in (200, 400)


@pytest.mark.parametrize(
    ("forms", "stem"),
    [
        (["війна", "війни", "війні", "війну", "війною"], "війн"),
        (["місто", "міста", "місті", "містом", "містах"], "міст"),
        (["українська", "українського", "українських", "українською"], "українськ"),
        (["люди", "людей", "людьми"], "люд"),
        (["обстріли", "обстрілів", "обстрілом"], "обстріл"),
    ],
)
def test_the_ukrainian_stemmer_joins_the_forms_of_a_word(forms, stem):
    assert {stem_uk(form) for form in forms} == {stem}


def test_short_latin_and_number_words_are_searched_as_they_are():
    assert prefix_terms(["ЄС", "NATO", "2022", "війна"], "uk") == [
        ("єс", False),
        ("nato", False),
        ("2022", False),
        ("війн", True),
    ]
    assert prefix_terms(["війна"], "en") == [("війна", False)]


def test_english_highlighting_is_unchanged(editions):
    terms = query_terms("Bridge")
    assert str(snippet(editions["english"], terms)).count("<mark>bridge</mark>") == 1
    assert query_terms("війна", "uk") == ["війн"]
