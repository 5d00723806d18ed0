from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from masthead.news.models import EditorsPick, FrontPageStory, HeaderPromotions

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def stories(make_article):
    """Six stories, 'Story 0' the newest."""
    now = timezone.now()
    return [
        make_article(title=f"Story {n}", slug=f"story-{n}", published_at=now - timedelta(hours=n))
        for n in range(6)
    ]


def publish_curation(home, *, lead=None, secondary=(), picks=()):
    home.lead_story = lead
    home.secondary_stories = [
        FrontPageStory(article=a, sort_order=i) for i, a in enumerate(secondary)
    ]
    home.editors_picks = [EditorsPick(article=a, sort_order=i) for i, a in enumerate(picks)]
    home.save_revision().publish()


def lead_and_secondary(client):
    soup = soup_of(client.get("/"))
    lead = soup.select_one(".front-lead__main .teaser__headline a").text
    secondary = [a.text for a in soup.select(".front-lead__secondary .teaser__headline a")]
    return lead, secondary


def test_empty_slots_are_filled_with_the_latest_stories(client, home, stories):
    assert lead_and_secondary(client) == ("Story 0", ["Story 1", "Story 2", "Story 3", "Story 4"])


def test_editors_choose_the_lead_and_secondary_stories(client, home, stories):
    publish_curation(home, lead=stories[5], secondary=[stories[3], stories[4]])
    # The two empty secondary slots take the latest stories not already on show.
    assert lead_and_secondary(client) == ("Story 5", ["Story 3", "Story 4", "Story 0", "Story 1"])


def test_an_unpublished_chosen_story_gives_its_slot_back(client, home, stories):
    publish_curation(home, lead=stories[5], secondary=[stories[4]])
    stories[5].unpublish()
    lead, secondary = lead_and_secondary(client)
    assert lead == "Story 0"
    assert "Story 5" not in secondary
    assert secondary[0] == "Story 4"


def test_draft_curation_does_not_reach_readers_until_published(client, home, stories):
    home.lead_story = stories[5]
    home.save_revision()  # saved, not published
    assert lead_and_secondary(client)[0] == "Story 0"


def test_editors_picks_show_on_the_front_page_and_beside_articles(client, home, stories):
    publish_curation(home, picks=[stories[5], stories[4]])
    front = soup_of(client.get("/"))
    # Story 4 is already among the top stories (the latest fill them), so it is not repeated.
    assert [a.text for a in front.select(".editors-picks .teaser__headline a")] == ["Story 5"]
    rail = soup_of(client.get(stories[5].url)).select_one(".article-rail")
    # Beside a pick, the other picks; never the article itself.
    assert [a.text for a in rail.select(".editors-picks .teaser__headline a")] == ["Story 4"]


def test_front_page_has_a_block_per_section(client, home, make_article, stories):
    from masthead.news.tests.factories import make_section

    analysis = make_section(home, title="Analysis", slug="analysis")
    make_article(
        title="Analysis story",
        slug="an-1",
        section=analysis,
        published_at=timezone.now() - timedelta(hours=10),
    )
    soup = soup_of(client.get("/"))
    titles = [a.text for a in soup.select(".section-block__title a")]
    assert titles == ["War", "Analysis"]


def test_article_rail_has_every_component(client, home, stories):
    from masthead.news.models import PageViewBucket
    from masthead.news.popular import hour_of

    PageViewBucket.objects.create(page=stories[2], hour=hour_of(timezone.now()), views=5)
    publish_curation(home, picks=[stories[3]])
    rail = soup_of(client.get(stories[0].url)).select_one(".article-rail")
    assert rail.select_one(".most-popular") is not None
    assert rail.select_one(".news-feed-column") is not None
    assert rail.select_one(".editors-picks") is not None
    more = [a.text for a in rail.select(".more-news li a")]
    assert "Story 0" not in more and "Story 1" in more
    assert rail.select_one(".more-news .rail-box__more a")["href"] == "/news-feed/"


def test_header_promotions_come_from_the_site_setting(client, home):
    from wagtail.models import Site

    from masthead.images.tests.factories import make_image

    promotions = HeaderPromotions.for_site(Site.objects.get(is_default_site=True))
    promotions.promos = [
        (
            "promo",
            {
                "title": "Newsletters",
                "call_to_action": "Sign up",
                "url": "/newsletters/",
                "image": make_image(),
                "page": None,
            },
        ),
        (
            "promo",
            {
                "title": "Store",
                "call_to_action": "Shop Now",
                "url": "https://shop.example/",
                "image": None,
                "page": home,
            },
        ),
    ]
    promotions.save()
    soup = soup_of(client.get("/"))
    promos = soup.select(".site-header .header-promo a")
    assert [p.select_one(".header-promo__title").text for p in promos] == ["Newsletters", "Store"]
    assert promos[0]["href"] == "/newsletters/"
    assert promos[0].img is not None
    assert promos[1]["href"] == "/"  # the page wins over the link
    assert promos[1].select_one(".header-promo__cta").text == "Shop Now"


def test_a_promotion_needs_a_page_or_a_link():
    from wagtail.blocks import StructBlockValidationError

    from masthead.news.blocks import HeaderPromoBlock

    block = HeaderPromoBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"title": "Store", "call_to_action": "", "url": ""}))


def test_no_promotions_render_nothing(client, home):
    assert soup_of(client.get("/")).select_one(".header-promos") is None


def test_editors_open_the_curation_and_promotion_screens(client, editor, home, stories):
    from django.urls import reverse
    from wagtail.models import Site

    publish_curation(home, lead=stories[1], secondary=[stories[2]], picks=[stories[3]])
    client.force_login(editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[home.pk]))
    assert edit.status_code == 200
    assert b"Editors&#x27; Picks" in edit.content or b"Editors' Picks" in edit.content
    site = Site.objects.get(is_default_site=True)
    promos = client.get(reverse("wagtailsettings:edit", args=["news", "headerpromotions", site.pk]))
    assert promos.status_code == 200
