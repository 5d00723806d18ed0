"""Two editions from one site: English at /, Ukrainian under /uk/, each with its own home,
lists and language switcher, chosen by the URL alone."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def switcher_links(response) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"]
        for link in soup_of(response).select(".site-header__tools .edition-switch a")
    }


def test_each_edition_has_its_own_front_page(client, make_article, uk_section, translate):
    english = make_article(title="Bridge reopens after repairs", slug="bridge")
    translate(english, title="Міст знову відкрили після ремонту")
    make_article(title="Ferry resumes", slug="ferry")
    from masthead.news.tests.factories import make_article as factory

    factory(section=uk_section, authors=[], title="Лише українською", slug="tilky")

    en = client.get("/")
    uk = client.get("/uk/")
    assert en.status_code == uk.status_code == 200
    assert soup_of(en).html["lang"] == "en"
    assert soup_of(uk).html["lang"] == "uk"
    assert b"Bridge reopens after repairs" in en.content and b"Ferry resumes" in en.content
    assert "Міст".encode() not in en.content and "Лише українською".encode() not in en.content
    assert "Міст знову відкрили".encode() in uk.content
    assert "Лише українською".encode() in uk.content
    assert b"Bridge reopens" not in uk.content and b"Ferry resumes" not in uk.content


def test_section_tag_and_author_pages_list_their_own_edition(
    client, make_article, author, uk_section, translate
):
    english = make_article(title="Bridge reopens after repairs", slug="bridge", tags=["Kyiv"])
    translate(english, title="Міст знову відкрили")
    for path in ("/war/", "/tags/kyiv/", f"/authors/{author.slug}/", "/news-feed/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Міст знову".encode() not in response.content, path
    for path in ("/uk/war/", "/uk/tags/kyiv/", f"/uk/authors/{author.slug}/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Міст знову відкрили".encode() in response.content, path
        assert b"Bridge reopens after repairs" not in response.content, path


def test_the_language_comes_from_the_url_only(client, uk_home):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="uk,en;q=0.1", HTTP_COOKIE="django_language=uk")
    assert response.status_code == 200  # no redirect to /uk/
    assert soup_of(response).html["lang"] == "en"
    assert "Accept-Language" not in response.get("Vary", "")
    client.cookies["django_language"] = "uk"
    assert soup_of(client.get("/news-feed/")).html["lang"] == "en"
    assert soup_of(client.get("/uk/news-feed/")).html["lang"] == "uk"


def test_a_reader_switches_to_the_translation_of_an_article(client, make_article, translate):
    english = make_article(title="Bridge reopens after repairs", slug="bridge")
    ukrainian = translate(english, title="Міст знову відкрили")
    response = client.get(english.url)
    target = switcher_links(response)["uk"]
    assert target == ukrainian.url == "/uk/war/bridge/"
    landed = client.get(target)
    assert landed.status_code == 200
    assert soup_of(landed).html["lang"] == "uk"
    assert "Міст знову відкрили".encode() in landed.content
    # And back.
    assert switcher_links(landed)["en"] == english.url


def test_an_untranslated_article_switches_to_the_other_editions_home(client, make_article, uk_home):
    english = make_article(title="Only in English", slug="only")
    assert switcher_links(client.get(english.url)) == {"uk": "/uk/"}


def test_a_translation_in_draft_is_not_offered(client, make_article, translate):
    english = make_article(title="Bridge reopens", slug="bridge")
    translate(english, title="Міст", publish=False)
    assert switcher_links(client.get(english.url)) == {"uk": "/uk/"}


def test_an_edition_without_a_home_is_not_offered_and_its_urls_are_not_found(client, home):
    response = client.get("/")
    assert switcher_links(response) == {}
    assert client.get("/uk/").status_code == 404


def test_staff_and_machine_routes_have_no_edition_prefix(client, uk_home):
    assert client.get("/healthz").status_code == 200
    assert client.get("/uk/healthz", follow=True).status_code == 404
    assert client.get("/uk/admin/").status_code == 404
    assert client.get("/robots.txt").status_code == 200


def test_hostile_language_prefixes_are_plain_not_found(client, uk_home):
    for path in ("/xx/", "/UK/", "/uk-ua/", "/en/", "/uk/%ff/", "/uk/" + "a" * 3000 + "/"):
        assert client.get(path).status_code == 404, path


def test_search_finds_the_stories_of_its_own_edition(client, make_article, translate):
    english = make_article(title="Bridge reopens after repairs", slug="bridge")
    translate(english, title="Міст знову відкрили після ремонту")
    make_article(title="Bridge tolls return", slug="tolls")

    def found(path):  # the words searched for are marked: compare the text
        return " ".join(soup_of(client.get(path)).select_one("main").get_text().split())

    english_results = found("/search/?q=bridge")
    assert "Bridge tolls return" in english_results
    assert "Міст" not in english_results
    assert "Міст знову відкрили" in found("/uk/search/?q=ремонту")
    assert "Bridge" not in found("/uk/search/?q=bridge")


def test_a_missing_page_offers_the_other_editions_home_and_no_alternates(client, uk_home):
    response = client.get("/uk/no-such-story/")
    assert response.status_code == 404
    assert switcher_links(response) == {"en": "/"}
    soup = soup_of(response)
    assert soup.html["lang"] == "uk"
    assert not soup.select("head link[hreflang]")
    assert soup.select_one("main a[href='/uk/']") is not None
