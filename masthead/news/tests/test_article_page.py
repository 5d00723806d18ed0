import json
from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from wagtail.models import Site

from masthead.core.models import NavigationSettings, SiteSettings
from masthead.news.tests.factories import make_article

pytestmark = pytest.mark.django_db

PUBLISHED = datetime(2025, 1, 10, 0, 39, tzinfo=UTC)  # 2:39 AM in Kyiv


def parse(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def json_ld(soup):
    blocks = [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]
    return next(block for block in blocks if block.get("@type") == "NewsArticle")


@pytest.fixture
def related(section, author):
    return make_article(
        section=section,
        authors=[author],
        title="Grain corridor ships resume",
        slug="grain",
        standfirst="Twelve vessels left port on Tuesday.",
    )


@pytest.fixture
def story(make_article, related):
    body = [
        {"type": "paragraph", "value": "<p>First paragraph with 1,500 troops.</p>"},
        {"type": "related_article", "value": {"article": related.pk}},
        {"type": "subheading", "value": "Reaction"},
        {"type": "quote", "value": {"quote": "It is a hard winter.", "attribution": "A governor"}},
        {
            "type": "pull_quote",
            "value": {"text": "Nine of ten homes have power.", "attribution": ""},
        },
        {"type": "paragraph", "value": "<p>" + "word " * 430 + "</p>"},
    ]
    return make_article(
        title="Power returns to Kharkiv",
        slug="power",
        body=body,
        published_at=PUBLISHED,
        notes=[("correction", "An earlier version misstated the number of substations.")],
        tags=("Energy", "Kharkiv"),
    )


@pytest.fixture
def navigation(home, section):
    site = Site.objects.get(is_default_site=True)
    nav = NavigationSettings.for_site(site)
    nav.sections = [("link", {"page": section, "url": "", "label": ""})]
    nav.more_menu = [("link", {"page": None, "url": "https://jobs.example.org/", "label": "Jobs"})]
    nav.save()
    return nav


def test_article_page_shows_headline_standfirst_and_byline(client, story, author):
    soup = parse(client.get(story.url))
    assert soup.h1.get_text(strip=True) == "Power returns to Kharkiv"
    assert "Twelve" not in soup.select_one(".article__standfirst").text
    byline = soup.select_one(".byline")
    link = byline.find("a", rel="author")
    assert link.text == author.name
    assert link["href"] == f"/authors/{author.slug}/"
    time = byline.find("time")
    assert time["datetime"] == "2025-01-10T00:39:00Z"  # UTC, whole seconds (valid HTML)
    assert time.text == "January 10, 2025 2:39 AM"  # newsroom time, Europe/Kyiv


def test_reading_time_follows_word_count(client, story):
    soup = parse(client.get(story.url))
    # ~450 words at 220 a minute
    assert soup.select_one(".byline__reading").text == "3 min read"


def test_time_zone_is_a_site_setting(client, story):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.time_zone = "America/New_York"
    site_settings.save()
    soup = parse(client.get(story.url))
    assert soup.select_one(".byline time").text == "January 9, 2025 7:39 PM"


def test_lead_image_is_a_figure_with_caption_and_credit(client, story):
    soup = parse(client.get(story.url))
    figure = soup.select_one("figure.article__lead")
    sources = figure.find_all("source")
    assert any(source.get("type") == "image/webp" for source in sources)
    img = figure.find("img")
    assert img["srcset"].count("w,") >= 2 and img["sizes"]
    caption = figure.figcaption.get_text(" ", strip=True)
    assert caption == "Workers on the new span. (Olena Test/Masthead)"


def test_body_blocks_render(client, story):
    soup = parse(client.get(story.url))
    body = soup.select_one(".article__body")
    assert body.find("h2", class_="body-subheading").text == "Reaction"
    assert body.select_one(".body-quote blockquote").get_text(strip=True) == "It is a hard winter."
    assert body.select_one(".body-quote figcaption").text == "A governor"
    assert "Nine of ten homes" in body.select_one(".pull-quote").text


def test_related_card_shows_the_linked_articles_current_headline(client, story, related, author):
    related.title = "Grain corridor: 14 ships now sailing"
    related.save_revision().publish()
    soup = parse(client.get(story.url))
    card = soup.select_one(".related-card")
    assert card.select_one(".related-card__headline").get_text(strip=True) == related.title
    assert card.select_one(".related-card__summary").text == related.standfirst
    assert "War" in card.select_one(".related-card__kicker").text
    assert author.name in card.select_one(".related-card__byline").text


def test_related_card_to_unpublished_article_is_left_out(client, story, related):
    related.unpublish()
    soup = parse(client.get(story.url))
    assert soup.select_one(".related-card") is None


def test_tags_section_notes_and_author_box(client, story, author):
    soup = parse(client.get(story.url))
    tags = [a.text for a in soup.select(".tag-row a")]
    assert tags == ["War", "Energy", "Kharkiv"]
    assert soup.select_one(".tag-row a[href='/tags/energy/']")
    note = soup.select_one(".note--correction")
    assert "misstated" in note.text and note.find("time")
    box = soup.select_one(".author-box")
    assert (
        box.select_one(".author-box__label").get_text(" ", strip=True) == f"Author: {author.name}"
    )


def test_header_navigation_and_footer_come_from_settings(client, story, navigation):
    soup = parse(client.get(story.url))
    assert soup.select_one("a.skip-link")["href"] == "#main"
    assert soup.find("main", id="main")
    nav_links = [a.text for a in soup.select(".site-nav__list > li > a")]
    assert nav_links == ["War"]
    assert [a.text for a in soup.select(".site-nav__more a")] == ["Jobs"]
    assert soup.select(".site-footer a")


def test_header_links_to_search_membership_and_sign_in_the_same_for_everyone(
    client, story, django_user_model
):
    def tools(response):
        return [(a.text, a["href"]) for a in parse(response).select(".site-header__tools a")]

    anonymous = tools(client.get(story.url))
    assert anonymous == [
        ("Search", "/search/"),
        ("Support us", "/membership/"),
        ("Sign in", "/account/"),
    ]
    client.force_login(django_user_model.objects.create_user("oksana", "oksana@example.org"))
    assert tools(client.get(story.url)) == anonymous  # nothing personal: the page stays cacheable


def test_json_ld_describes_the_news_article(client, story, author):
    soup = parse(client.get(story.url))
    data = json_ld(soup)
    assert data["headline"] == "Power returns to Kharkiv"
    assert data["author"][0]["name"] == author.name
    assert data["author"][0]["url"].endswith(f"/authors/{author.slug}/")
    assert data["datePublished"] == "2025-01-10T00:39:00Z"
    assert data["dateModified"]
    assert data["image"][0].startswith("http://") and data["image"][0].endswith(".jpg")
    assert data["publisher"]["@type"] == "NewsMediaOrganization"
    assert data["isAccessibleForFree"] is True


def test_json_ld_cannot_be_broken_out_of(client, make_article):
    page = make_article(title="Headline with </script><script>alert(1)</script>", slug="xss")
    soup = parse(client.get(page.url))
    assert json_ld(soup)["headline"].startswith("Headline with </script>")
    assert b"<script>alert(1)" not in client.get(page.url).content


def test_social_and_canonical_tags(client, story):
    soup = parse(client.get(story.url))
    assert soup.find("link", rel="canonical")["href"] == settings.SITE_URL + story.url
    assert soup.find("meta", property="og:title")["content"] == story.title
    assert soup.find("meta", property="og:type")["content"] == "article"
    assert soup.find("meta", property="og:image")["content"].startswith("http")
    assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    assert soup.find("meta", attrs={"name": "description"})["content"] == story.standfirst


def test_page_carries_no_inline_script(client, story):
    soup = parse(client.get(story.url))
    for script in soup.find_all("script"):
        assert script.get("src") or script.get("type") == "application/ld+json"
    assert not [tag for tag in soup.find_all(True) if any(a.startswith("on") for a in tag.attrs)]


def test_article_page_runs_a_bounded_number_of_queries(
    client, story, django_assert_max_num_queries
):
    client.get(story.url)  # warm the site-root cache, as a running server would be
    # 18 for the article itself, plus the rail beside it (More news, Editors' Picks, header
    # promotions) and the audio player's narration look-up; test_query_budgets.py shows the
    # total does not grow with the archive.
    with django_assert_max_num_queries(31):
        client.get(story.url)
