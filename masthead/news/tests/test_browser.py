"""A reader in a real browser: Debian's Chromium driven by Playwright."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_reader_goes_from_front_page_to_an_article(
    live_server, browser_page, make_article, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    make_article(title="Ferry service returns to the lower Dnipro", slug="ferry")
    errors = []
    browser_page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))

    browser_page.goto(live_server.url + "/")
    browser_page.get_by_role("link", name="Ferry service returns to the lower Dnipro").first.click()

    browser_page.wait_for_url("**/war/ferry/")
    headline = browser_page.get_by_role("heading", level=1)
    assert headline.inner_text() == "Ferry service returns to the lower Dnipro"
    assert headline.is_visible()
    lead = browser_page.locator("figure.article__lead img")
    lead.wait_for(state="visible")
    # The picture really loaded: the browser decoded it to a non-zero size.
    assert lead.evaluate("img => img.complete && img.naturalWidth > 0")
    assert not errors, errors


def test_editor_changes_a_headline_and_publishes_it_in_the_admin(
    live_server, browser_page, make_article, editor, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    page = make_article(title="Night trains resume to Lviv", slug="trains")
    problems = []
    browser_page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))

    browser_page.goto(live_server.url + "/admin/login/")
    browser_page.fill("#id_username", "editor")
    browser_page.fill("#id_password", "correct horse battery staple")
    browser_page.click("button[type=submit]")
    browser_page.wait_for_url("**/admin/")

    browser_page.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
    browser_page.fill("#id_title", "Night trains resume to Lviv and Uzhhorod")
    browser_page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    browser_page.click("button[name='action-publish']")
    browser_page.wait_for_url(f"**/admin/pages/{page.section.pk}/")

    browser_page.goto(live_server.url + "/war/trains/")
    headline = browser_page.get_by_role("heading", level=1).inner_text()
    assert headline == "Night trains resume to Lviv and Uzhhorod"
    assert not problems, problems
