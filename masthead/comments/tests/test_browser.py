"""A signed-in reader comments on an article page in a real browser (Chromium)."""

import pytest
from django.conf import settings as django_settings
from django.test import Client

from masthead.comments.models import Comment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


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


def test_a_signed_in_reader_posts_a_comment_and_sees_it_appear(
    live_server, browser_context, make_article, reader, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    article = make_article(image=False, title="Ferry timetable changes", slug="ferry-times")
    django_client = Client()
    django_client.force_login(reader)
    browser_context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": django_client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = browser_context.new_page()
    errors = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))

    page.goto(live_server.url + article.url)
    box = page.get_by_label("Comment as")
    box.wait_for(state="visible")  # the block was fetched and shown by comments.js
    box.fill("The early boat suits the market traders. See https://example.org/times")
    page.get_by_role("button", name="Post comment").click()

    posted = page.locator(".comment__body", has_text="suits the market traders")
    posted.wait_for(state="visible")
    assert page.url.endswith(article.url)  # still on the article: no page load
    assert posted.locator("a").get_attribute("href") == "https://example.org/times"
    assert page.locator(".comments__count").inner_text() == "1 comment"
    assert Comment.objects.get().author == reader
    assert not errors, errors
