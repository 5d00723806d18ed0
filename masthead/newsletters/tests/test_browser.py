"""A reader signs up from the end of an article in a real browser (Chromium via Playwright):
inline validation and submission by the static script, under the site's CSP."""

import pytest

from masthead.newsletters.models import Subscription

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_reader_signs_up_inline_from_an_article(
    live_server,
    browser_page,  # noqa: F811
    make_article,
    newsletter,
    settings,
):
    settings.ALLOWED_HOSTS = ["*"]
    article = make_article(title="Ferry service returns", slug="ferry")
    errors = []
    browser_page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    browser_page.goto(live_server.url + article.url)

    form = browser_page.locator(".nl-article-signup form")
    field = form.get_by_label("Email Address")
    field.fill("reader@")
    form.get_by_role("button", name="Subscribe").click()
    error = form.locator("[data-error]")
    error.wait_for(state="visible")
    assert error.inner_text() == "Please, enter correct email address"
    assert field.get_attribute("aria-invalid") == "true"
    assert browser_page.url.endswith(article.url)  # inline: no page load

    field.fill("reader@example.com")
    form.get_by_role("button", name="Subscribe").click()
    success = form.locator("[data-success]")
    success.wait_for(state="visible")
    assert success.inner_text() == (
        "Thank you for signing up for this newsletter. We've sent you a confirmation email."
    )
    assert error.is_hidden()
    assert Subscription.objects.get().status == Subscription.PENDING
    assert errors == []  # no CSP violation, no script error
