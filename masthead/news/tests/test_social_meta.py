"""Open Graph and Twitter cards on the front page and section pages, as articles have them."""

import pytest
from bs4 import BeautifulSoup

from masthead.core.models import SiteSettings

pytestmark = pytest.mark.django_db

SITE = "https://news.example.org"


@pytest.fixture(autouse=True)
def _site_url_and_caches_on(settings):
    settings.SITE_URL = SITE
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_ENABLED = True


def _meta(soup, name):
    tag = soup.find("meta", property=name) or soup.find("meta", attrs={"name": name})
    return tag["content"] if tag else None


def _head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_front_page_has_social_cards(client, home, article):
    home.seo_title = "Independent news from Kyiv"
    home.search_description = "What happened today."
    home.save_revision().publish()
    SiteSettings.objects.update_or_create(site=home.get_site(), defaults={"x_handle": "@desk"})
    soup = _head(client, "/")
    assert _meta(soup, "og:type") == "website"
    assert _meta(soup, "og:title") == "Independent news from Kyiv"
    assert _meta(soup, "og:description") == "What happened today."
    assert _meta(soup, "og:url") == soup.find("link", rel="canonical")["href"] == SITE + "/"
    assert _meta(soup, "twitter:card") == "summary"
    assert _meta(soup, "twitter:title") == "Independent news from Kyiv"
    assert _meta(soup, "twitter:description") == "What happened today."
    assert _meta(soup, "twitter:site") == "@desk"


def test_a_section_page_has_social_cards_for_each_listing_page(client, section, make_article):
    for n in range(21):
        make_article(title=f"Story {n}", slug=f"story-{n}", image=False, tags=())
    soup = _head(client, section.url)
    assert _meta(soup, "og:type") == "website"
    assert _meta(soup, "og:title") == "War"
    assert _meta(soup, "og:description") == "Stories from War."
    assert _meta(soup, "og:url") == SITE + section.url
    assert _meta(soup, "twitter:card") == "summary"
    assert _meta(soup, "twitter:description") == "Stories from War."

    second = _head(client, section.url + "?page=2")
    assert _meta(second, "og:url") == SITE + section.url + "?page=2"
    assert second.find("link", rel="canonical")["href"] == SITE + section.url + "?page=2"


def test_an_article_card_without_an_image_is_the_same_kind_as_the_front_pages(client, make_article):
    page = make_article(image=False)
    soup = _head(client, page.url)
    assert _meta(soup, "twitter:card") == "summary"
    assert _meta(soup, "og:url") == SITE + page.url
