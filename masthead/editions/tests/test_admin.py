"""Editors edit each edition's navigation and promotions from the settings screen."""

import pytest
from django.urls import reverse
from wagtail.models import Site

from masthead.core.models import NavigationSettings
from masthead.news.models import HeaderPromotions

pytestmark = pytest.mark.django_db


def test_the_settings_screen_edits_the_chosen_editions_copy(client, editor, uk_home):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["news", "headerpromotions", site.pk])
    client.force_login(editor)
    english = client.get(url)
    assert english.status_code == 200
    assert "Editing the English edition" in english.content.decode()
    ukrainian = client.get(url + "?edition=uk")
    assert ukrainian.status_code == 200
    assert "Editing the Українська edition" in ukrainian.content.decode()
    # The save that follows (no ?edition= on the form's address) goes to the copy shown.
    saved = client.post(url, {"promos-count": "0"})
    assert saved.status_code in (200, 302)
    rows = HeaderPromotions.objects.filter(site=site)
    assert set(rows.values_list("locale__language_code", flat=True)) == {"en", "uk"}


def test_a_hostile_edition_choice_falls_back_to_the_default(client, admin_user, uk_home):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["core", "navigationsettings", site.pk])
    client.force_login(admin_user)
    for value in ("xx", "uk'><script>", "u" * 5000, ""):
        response = client.get(url, {"edition": value})
        assert response.status_code == 200
        assert "Editing the English edition" in response.content.decode()
    assert set(NavigationSettings.objects.values_list("locale__language_code", flat=True)) == {"en"}


def test_each_edition_reads_its_own_copy(home, uk_home):
    site = Site.objects.get(is_default_site=True)
    english = NavigationSettings.for_site(site, "en")
    ukrainian = NavigationSettings.for_site(site, "uk")
    assert english.pk != ukrainian.pk
    assert NavigationSettings.for_site(site).pk == english.pk  # outside a request: default
