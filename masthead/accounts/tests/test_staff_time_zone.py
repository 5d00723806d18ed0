"""Staff type and read times in the newsroom's zone (Kyiv), or in the zone they chose in their
Wagtail profile; stored times stay UTC."""

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset
from wagtail.users.models import UserProfile

from masthead.news.models import ArticlePage
from masthead.news.tests.test_editorial import add_url, article_form

pytestmark = pytest.mark.django_db


def next_january_15() -> int:
    """A winter date always in the future: Kyiv is UTC+2 then (no summer time)."""
    return timezone.now().year + 1


def schedule_through_the_admin(client, section, author, *, at: str, note_at: str = ""):
    notes = [{"kind": "correction", "text": "The vote was 31 to 4.", "published_at": note_at}]
    form = article_form(
        author,
        go_live_at=at,
        notes=inline_formset(notes if note_at else []),
        **{"action-publish": "publish"},
    )
    response = client.post(add_url(section), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ArticlePage.objects.get(slug="trams-run-again")


def test_an_editor_without_a_profile_zone_schedules_in_kyiv_time(client, section, author, editor):
    year = next_january_15()
    client.force_login(editor)
    page = schedule_through_the_admin(
        client, section, author, at=f"{year}-01-15 09:00", note_at=f"{year}-01-14 23:30"
    )
    assert not page.live
    assert page.go_live_at == datetime(year, 1, 15, 7, 0, tzinfo=UTC)
    assert page.revisions.get().approved_go_live_at == datetime(year, 1, 15, 7, 0, tzinfo=UTC)
    # A correction typed as 23:30 is 23:30 in Kyiv: 21:30 UTC, shown on the site as 11:30 PM.
    revision_page = page.revisions.get().as_object()
    assert revision_page.notes.get().published_at == datetime(year, 1, 14, 21, 30, tzinfo=UTC)


def test_a_staff_member_who_chose_another_zone_schedules_in_that_zone(
    client, section, author, editor
):
    UserProfile.objects.create(user=editor, current_time_zone="America/New_York")
    year = next_january_15()
    client.force_login(editor)
    page = schedule_through_the_admin(client, section, author, at=f"{year}-01-15 09:00")
    assert page.go_live_at == datetime(year, 1, 15, 14, 0, tzinfo=UTC)


def zone_notes(client, section) -> list[str]:
    """The zone notes under the article form's time fields."""
    return re.findall(r"data-time-zone>([^<]*)<", client.get(add_url(section)).content.decode())


def test_every_time_field_of_the_article_form_says_which_zone_it_reads(client, section, editor):
    client.force_login(editor)
    notes = zone_notes(client, section)
    # go-live, expiry, and the correction/update time of the empty note form.
    assert len(notes) >= 3
    assert set(notes) == {"Kyiv time (Europe/Kyiv)"}


def test_the_zone_note_names_the_zone_the_staff_member_chose(client, section, editor):
    UserProfile.objects.create(user=editor, current_time_zone="America/New_York")
    client.force_login(editor)
    assert set(zone_notes(client, section)) == {"New York time (America/New_York)"}


def test_the_newsroom_zone_comes_from_the_site_settings(client, section, editor, home):
    from wagtail.models import Site

    from masthead.core.models import SiteSettings

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.time_zone = "Europe/Warsaw"
    site_settings.save()
    client.force_login(editor)
    assert set(zone_notes(client, section)) == {"Warsaw time (Europe/Warsaw)"}


def test_the_public_site_and_stored_times_keep_their_zones(client, article, settings):
    assert settings.TIME_ZONE == "UTC"
    response = client.get(article.url)
    assert response.status_code == 200
    assert timezone.get_current_timezone_name() == "UTC"  # nothing leaks out of a request


def test_the_profile_form_says_that_no_choice_means_the_newsroom_zone(client, editor, home):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_account")).content.decode()
    assert "Use the newsroom&#x27;s time zone" in html
    assert 'data-w-locale-server-time-zone-param="Europe/Kyiv"' in html
    assert "Use server time zone" not in html
