"""Starting an edition: a Locale per language in the settings, the home page by command."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Locale

from masthead.editions.languages import ensure_locales, language_from_path

pytestmark = pytest.mark.django_db


def test_a_language_added_to_the_settings_gets_its_locale(settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("pl", "Polski")]
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES
    ensure_locales()
    assert {"en", "uk", "pl"} <= set(Locale.objects.values_list("language_code", flat=True))


def test_an_old_en_us_locale_becomes_en_and_keeps_its_rows():
    Locale.objects.filter(language_code="en").update(language_code="en-us")
    before = Locale.objects.get(language_code="en-us").pk
    ensure_locales()
    assert Locale.objects.get(language_code="en").pk == before
    assert not Locale.objects.filter(language_code="en-us").exists()


def test_start_edition_makes_the_translated_home_once(home, capsys):
    call_command("start_edition", "uk", "--title", "Мастхед")
    call_command("start_edition", "uk")
    homes = type(home).objects.filter(translation_key=home.translation_key)
    assert homes.count() == 2
    uk = homes.get(locale__language_code="uk")
    assert uk.live and uk.title == "Мастхед" and uk.url == "/uk/"


@pytest.mark.parametrize("language", ["xx", "en-us", "", "uk/../en", "u" * 300])
def test_start_edition_refuses_what_is_not_an_edition(home, language):
    with pytest.raises(CommandError):
        call_command("start_edition", language)


@pytest.mark.parametrize(
    ("path", "language"),
    [
        ("/", "en"),
        ("/uk/", "uk"),
        ("/uk", "uk"),
        ("/uk/war/story/", "uk"),
        ("/UK/", "uk"),  # a 404 either way: no route is spelled /UK/
        ("/en/", "en"),
        ("/ukraine/", "en"),
        ("/xx/", "en"),
        ("//uk/", "en"),
        ("/admin/", "en"),
    ],
)
def test_the_language_of_a_path(path, language):
    assert language_from_path(path) == language


def test_the_demo_seed_starts_every_edition_once(client, home):
    import io

    from masthead.editions.seeds import seed

    seed(stdout=io.StringIO())
    seed(stdout=io.StringIO())  # idempotent
    assert type(home).objects.filter(translation_key=home.translation_key).count() == 2
    assert client.get("/uk/").status_code == 200
