"""The live News Feed and the view beacon in a real browser (Chromium via Playwright)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.news.models import NewsFeedItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tree_roots(transactional_db):
    """An earlier transactional test on the same worker empties every table, the root page
    and root collection that migrations made included: put them back."""
    from django.conf import settings
    from django.utils.translation import get_supported_language_variant
    from wagtail.models import Collection, Locale, Page

    locale, _ = Locale.objects.get_or_create(
        language_code=get_supported_language_variant(settings.LANGUAGE_CODE)
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


def post_item(headline, **kw):
    item = NewsFeedItem(
        headline=headline,
        summary="Posted while readers had the page open.",
        published_at=timezone.now() - timedelta(seconds=1),
        **kw,
    )
    item.tags.add("Kyiv")
    item.save()
    return item


def test_feed_items_posted_while_pages_are_open_appear_within_five_seconds(
    live_server,
    browser_page,  # noqa: F811
    tree_roots,
    make_article,
    settings,
):
    """One test, since a transactional test empties the page tree for the next one."""
    settings.ALLOWED_HOSTS = ["*"]
    post_item("Earlier item")
    errors = []
    browser_page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    browser_page.on("pageerror", lambda error: errors.append(str(error)))

    browser_page.goto(live_server.url + "/news-feed/")
    feed = browser_page.locator(".news-feed .feed-entry__headline")
    assert feed.all_inner_texts() == ["Earlier item"]

    item = post_item("Strike reported in Odesa port")
    new = browser_page.locator(f"#item-{item.pk} .feed-entry__headline")
    new.wait_for(state="visible", timeout=5000)
    assert feed.all_inner_texts() == ["Strike reported in Odesa port", "Earlier item"]
    assert (
        browser_page.locator(f"#item-{item.pk} .feed-entry__time")
        .inner_text()
        .endswith(("AM", "PM"))
    )

    # The front-page column too.
    browser_page.goto(live_server.url + "/")
    column = browser_page.locator(".news-feed-column .feed-entry__headline")
    assert column.first.inner_text() == "Strike reported in Odesa port"
    later = post_item("Power restored in Kharkiv")
    browser_page.locator(f".news-feed-column #item-{later.pk}").wait_for(timeout=5000)
    assert column.first.inner_text() == "Power restored in Kharkiv"

    # Reading an article sends one small view beacon: no cookie, just the id.
    article = make_article(title="Counted story", slug="counted")
    with browser_page.expect_request("**/popular/hit/") as request_info:
        browser_page.goto(live_server.url + article.url)
    request = request_info.value
    assert request.method == "POST"
    assert request.post_data == f"id={article.pk}"
    assert request.response().status == 204
    assert not errors, errors
