"""What a reader sees on the first screen, measured in Chromium (Playwright): the phone
header and its menu, and the front page when the lead story has no picture."""

from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SECTIONS = ["War", "Analysis", "Russia's War", "National", "Human Story", "Field Report"]


@pytest.fixture
def newsroom(home, section, settings):
    """A header as full as the demo's: eight sections, a More menu, three promotions with
    pictures, and a tagline."""
    from wagtail.models import Site

    from masthead.core.models import NavigationSettings, SiteSettings
    from masthead.images.tests.factories import make_image
    from masthead.news.models import HeaderPromotions
    from masthead.news.tests.factories import make_section

    settings.ALLOWED_HOSTS = ["*"]
    site = Site.objects.get(is_default_site=True)
    sections = [section] + [
        make_section(home, title=title, slug=f"s-{number}")
        for number, title in enumerate(SECTIONS[1:] + ["Featured", "Company News"])
    ]
    nav = NavigationSettings.for_site(site)
    nav.sections = [("link", {"page": page, "url": "", "label": ""}) for page in sections]
    nav.more_menu = [("link", {"page": None, "url": "/team/", "label": "Team"})]
    nav.save()
    site_settings = SiteSettings.for_site(site)
    site_settings.tagline = "Independent journalism, funded by readers"
    site_settings.save()
    promotions = HeaderPromotions.for_site(site)
    promotions.promos = [
        ("promo", {"title": title, "call_to_action": cta, "url": url, "image": make_image()})
        for title, cta, url in [
            ("Newsletters", "Sign up", "/newsletters/"),
            ("Store", "Shop Now", "/store/"),
            ("Insights", "Learn more", "/membership/"),
        ]
    ]
    promotions.save()
    return sections


def _box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_on_a_phone_the_header_is_short_and_its_menu_opens_with_the_keyboard(
    live_server, browser_context, newsroom, make_article
):
    article = make_article(
        title="Prisoner exchange brings 190 Ukrainians home after months of talks",
        standfirst="The group included 176 service members and 14 civilians, most of whom had "
        "been held in Russia for more than two years.",
        tags=("Prisoners of war", "Ukraine", "Russia", "Diplomacy"),
    )
    page = browser_context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + article.url)

    header = _box(page, ".site-header")
    assert header["height"] < 120, header
    assert page.locator(".site-nav").is_hidden()  # the sections wait in the menu
    assert page.locator(".site-header .header-promos").is_hidden()
    headline = _box(page, ".article__headline")
    assert headline["y"] + headline["height"] <= PHONE["height"]
    lead = _box(page, ".article__lead img")
    assert lead["y"] + 40 <= PHONE["height"], lead  # the top of the picture shows

    # Keyboard only: Tab to the menu's toggle, open it with Enter, see every section.
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('site-menu__toggle')"):
            break
    else:
        pytest.fail("Tab never reached the Menu toggle")
    menu = page.locator(".site-menu__panel")
    assert menu.is_hidden()
    page.keyboard.press("Enter")
    menu.wait_for(state="visible")
    links = page.locator(".site-menu__list a")
    assert [text.strip() for text in links.all_inner_texts()] == [s.title for s in newsroom] + [
        "Team"
    ]
    assert all(links.nth(i).is_visible() for i in range(links.count()))
    assert page.locator(".site-menu__promos a").count() == 3
    # The next Tab goes into the open menu, to its first section.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == newsroom[0].title
    # Escape closes it and gives the focus back to the toggle.
    page.keyboard.press("Escape")
    menu.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.classList.contains('site-menu__toggle')")

    # Wide screens keep the header as it was: sections and promotions in view, no Menu.
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.locator(".site-menu").is_hidden()
    assert page.locator(".site-nav__list").is_visible()
    assert page.locator(".site-header .header-promos").is_visible()


def test_a_front_page_lead_without_a_picture_takes_the_full_width(
    live_server, browser_context, newsroom, make_article
):
    now = timezone.now()
    for hours in range(1, 5):
        make_article(
            title=f"Secondary story {hours}",
            slug=f"secondary-{hours}",
            published_at=now - timedelta(hours=hours),
        )
    make_article(
        title="Russia launches 412 drones and 27 missiles in overnight attack",
        slug="lead",
        image=False,
        published_at=now - timedelta(minutes=5),
    )
    page = browser_context.new_page()
    page.goto(live_server.url + "/")

    lead_block = _box(page, ".front-lead")
    lead = _box(page, ".front-lead__main")
    assert page.locator(".front-lead__main .teaser__headline").inner_text().startswith("Russia")
    # No empty column beside it: the lead spans the block, the other stories sit below it.
    assert lead["width"] >= lead_block["width"] - 2, (lead, lead_block)
    secondary = _box(page, ".front-lead__secondary")
    assert secondary["y"] >= lead["y"] + lead["height"]
    teasers = page.locator(".front-lead__secondary .teaser")
    assert teasers.count() == 4
    assert len({round(teasers.nth(i).bounding_box()["y"]) for i in range(4)}) == 1  # one row
