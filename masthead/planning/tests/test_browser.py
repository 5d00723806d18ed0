"""An editor moves a card on the board in a real browser (Chromium), with no script of ours."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone

from masthead.accounts.timezones import newsroom_zone_name
from masthead.planning.models import Assignment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="module", autouse=True)
def _restore_migration_data(django_db_blocker):
    """Put back the rows Wagtail's migrations made, which a transactional test empties, for
    the tests that run after this one on the same worker."""
    yield
    from django.db import connection
    from wagtail.models import Page

    with django_db_blocker.unblock():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents and not Page.objects.exists():
            connection.creation.deserialize_db_from_string(contents)


def test_an_editor_moves_a_card_and_reads_the_calendar(
    live_server, browser_context, editor, reporter, make_assignment, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    # Due at noon today in the newsroom's zone, so always in the calendar's current week (due
    # "a day from now" fell in the next week on Sundays, Kyiv time, and the test failed then).
    zone = ZoneInfo(newsroom_zone_name())
    noon = datetime.combine(timezone.now().astimezone(zone).date(), time(12), tzinfo=zone)
    assignment = make_assignment(
        assignees=[reporter], headline="Rail bridge inspection", due_at=noon
    )
    django_client = Client()
    django_client.force_login(editor)
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

    page.goto(live_server.url + "/admin/planning/")
    card = page.locator(f"#assignment-{assignment.pk}")
    card.get_by_label("Move “Rail bridge inspection” to").select_option("drafting")
    card.get_by_role("button", name="Move").click()
    drafting = page.locator('[data-status="drafting"]')
    drafting.get_by_role("link", name="Rail bridge inspection").wait_for()
    assert "moved to Drafting" in page.content()
    assert Assignment.objects.get().status == Assignment.Status.DRAFTING

    page.goto(live_server.url + "/admin/planning/calendar/")
    page.get_by_role("link", name="Rail bridge inspection").wait_for()
    assert errors == []
