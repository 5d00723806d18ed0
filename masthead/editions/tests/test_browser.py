"""A reader on a phone, once in each edition (Chromium, driven by Playwright): the front page
in its language, a translated story, the language switcher to its translation, and a search
from the search form that finds a story of that edition with the words marked."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
OTHER = {"en": "uk", "uk": "en"}
# What the reader sees in each language: the header's search link, the search box's label.
INTERFACE = {
    "en": {"search": "Search", "label": "Search the archive", "menu": "Menu"},
    "uk": {"search": "Пошук", "label": "Пошук в архіві", "menu": "Меню"},
}
HEADLINES = {
    "en": "Repairs of three bridges over the Dnipro are finished",
    "uk": "Ремонт трьох мостів через Дніпро завершено",
}
# A query and the word of the headline it must find and mark. In Ukrainian the query is
# another form of the word (the edition's search cuts "мости" to its stem, search/stemming.py).
SEARCHES = {"en": ("bridges", "bridges"), "uk": ("мости", "мостів")}


@pytest.fixture(scope="module", autouse=True)
def _restore_migration_data(django_db_blocker):
    """A transactional test empties every table when it ends, including the rows Wagtail's
    migrations made (root page, root collection). Put them back, from the copy that
    serialized_rollback took, for the tests that run after this one on the same worker."""
    yield
    from django.db import connection
    from wagtail.models import Page

    with django_db_blocker.unblock():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents and not Page.objects.exists():
            connection.creation.deserialize_db_from_string(contents)


@pytest.fixture
def stories(settings, make_article, uk_home, translate):
    """One story in both editions, and one in each edition only (so a search must choose)."""
    settings.ALLOWED_HOSTS = ["*"]
    english = make_article(title=HEADLINES["en"], slug="bridges", image=False)
    ukrainian = translate(english, title=HEADLINES["uk"])
    # Nothing about bridges in it: PostgreSQL's English stemming would match "bridge".
    make_article(
        title="Ferry timetable changes for the winter",
        slug="ferry",
        image=False,
        standfirst="Boats leave the pier at new times.",
        body=[{"type": "paragraph", "value": "<p>Fewer crossings run on Sundays.</p>"}],
    )
    return {"en": english, "uk": ukrainian}


def _html_lang(page):
    return page.locator("html").get_attribute("lang")


@pytest.mark.parametrize("language", ["en", "uk"])
def test_a_reader_reads_switches_language_and_searches_in_each_edition(
    language, live_server, browser_context, stories
):
    strings = INTERFACE[language]
    page = browser_context.new_page()
    page.set_viewport_size(PHONE)
    errors = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))

    # The edition's front page, in its language.
    front = "/" if language == "en" else "/uk/"
    page.goto(live_server.url + front)
    assert _html_lang(page) == language
    tools = page.locator(".site-header__tools")
    search_link = tools.get_by_role("link", name=strings["search"], exact=True)
    assert search_link.is_visible()
    assert page.locator(".site-menu__toggle").inner_text().strip() == strings["menu"]
    other_headline = HEADLINES[OTHER[language]]
    assert page.get_by_text(other_headline).count() == 0  # the other edition's story is not here

    # The story, opened from the front page.
    page.get_by_role("link", name=HEADLINES[language]).first.click()
    page.wait_for_url(live_server.url + stories[language].url)
    assert _html_lang(page) == language
    assert page.locator(".article__headline").inner_text().strip() == HEADLINES[language]

    # The switcher, visible on the phone, leads to the translation, not to the other home.
    switch = tools.locator(f".edition-switch a[hreflang='{OTHER[language]}']")
    assert switch.is_visible()
    switch.click()
    page.wait_for_url(live_server.url + stories[OTHER[language]].url)
    assert _html_lang(page) == OTHER[language]
    assert page.locator(".article__headline").inner_text().strip() == other_headline

    # Back in the reader's edition, a search from the form finds its story, word marked.
    page.goto(live_server.url + stories[language].url)
    search_link.click()
    page.wait_for_url(f"**{'/uk' if language == 'uk' else ''}/search/")
    assert _html_lang(page) == language
    query, marked = SEARCHES[language]
    page.get_by_label(strings["label"]).fill(query)
    page.locator(".search-form button[type=submit]").click()
    page.wait_for_selector(".search-result")
    results = page.locator(".search-result__headline")
    assert [" ".join(text.split()) for text in results.all_inner_texts()] == [HEADLINES[language]]
    marks = page.locator(".search-result mark").all_inner_texts()
    assert marked in marks or marked.capitalize() in marks, marks
    assert _html_lang(page) == language
    assert not errors, errors
