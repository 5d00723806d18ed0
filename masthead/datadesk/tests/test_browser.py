"""An editor adds tomorrow's figures from the tracker's edit form in Debian's Chromium, and
the stored tracker page shows them."""

import pytest
from django.conf import settings as django_settings
from django.test import Client

from masthead.datadesk.models import TrackerPage

from .factories import make_dataset

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_editor_adds_tomorrows_figures_and_the_tracker_shows_them(
    live_server, browser_context, editor, home, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    dataset = make_dataset(days=5)
    tracker = TrackerPage(title="Alerts tracker", slug="alerts-tracker", dataset=dataset)
    home.add_child(instance=tracker)
    tracker.save_revision().publish()

    page = browser_context.new_page()
    page.goto(live_server.url + tracker.url)
    assert page.locator(".figures-box__value").first.inner_text() == "14"
    page.goto(live_server.url + tracker.url)  # now a stored page

    client = Client()
    client.force_login(editor)
    browser_context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.goto(f"{live_server.url}/admin/pages/{tracker.pk}/edit/")
    page.get_by_role("link", name="Add a day's figures").click()
    # The date is filled in with the next day; the editor types two figures and saves.
    assert page.get_by_label("Date").input_value() == "2026-01-06"
    page.get_by_label("Alerts (events)").fill("27")
    page.get_by_label("Strikes (events)").fill("3")
    with page.expect_navigation():
        page.get_by_role("button", name="Save figures").click()
    assert "Figures for 2026-01-06 saved (2 changed)" in page.locator("main").inner_text()

    reader = browser_context.browser.new_context()
    view = reader.new_page()
    view.goto(live_server.url + tracker.url)
    values = view.locator(".tracker__latest .figures-box__value").all_inner_texts()
    assert values == ["27", "3"]
    assert "+13 since 5 January" in view.locator(".tracker__latest").inner_text()
    assert "−21 since 5 January" in view.locator(".tracker__latest").inner_text()
    reader.close()
