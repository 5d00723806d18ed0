"""Narration per language: the engine and voice come from AUDIO_VOICES by the article's
locale; articles in the default language are narrated exactly as before."""

import pytest

from masthead.audio import conf
from masthead.audio.backends import get_backend
from masthead.audio.models import Narration
from masthead.audio.text import article_speech_text

from .editions import make_uk_section

UK_VOICES = {"uk": {"backend": "espeak", "voice": "uk"}}


def test_a_language_with_its_own_engine_does_not_inherit_the_other_engines_options(settings):
    settings.AUDIO_BACKEND = "piper"
    settings.AUDIO_BACKEND_OPTIONS = {"threads": 2, "speed": 1.1}
    settings.AUDIO_VOICES = UK_VOICES
    path, options = conf.engine_for("uk")
    assert path == "masthead.audio.backends.espeak.EspeakBackend"
    assert dict(options) == {"voice": "uk"}
    # By its first part too; English is left to AUDIO_BACKEND and its options.
    assert conf.engine_for("uk-UA") == (path, options)
    assert conf.engine_for("en-us") == (
        "masthead.audio.backends.piper.PiperBackend",
        (("speed", 1.1), ("threads", 2)),
    )


def test_an_entry_for_the_same_engine_adds_to_its_options(settings):
    settings.AUDIO_BACKEND = "piper"
    settings.AUDIO_BACKEND_OPTIONS = {"threads": 2, "voices": {"de": "/v/de.onnx"}}
    settings.AUDIO_VOICES = {"uk": {"voice": "/srv/voices/uk.onnx"}}
    path, options = conf.engine_for("uk")
    assert path == "masthead.audio.backends.piper.PiperBackend"
    assert dict(options) == {
        "threads": 2,
        "voices": (("de", "/v/de.onnx"),),
        "voice": "/srv/voices/uk.onnx",
    }


def test_without_audio_voices_the_old_settings_choose_the_engine(settings):
    del settings.AUDIO_VOICES
    settings.AUDIO_BACKEND = "espeak"
    settings.AUDIO_BACKEND_OPTIONS = {"voices": {"uk": "uk"}}
    backend = get_backend("uk")
    assert backend.name == "espeak-ng"
    assert backend.voice_for("uk") == "uk"
    assert get_backend() is get_backend("en-us")


@pytest.mark.django_db
def test_an_article_is_narrated_in_its_editions_language(make_article, author, section):
    uk_page = make_article(
        section=make_uk_section(),
        authors=[author],
        slug="mist",
        title="Міст відкрили 5 грудня",
        standfirst="Ремонт коштував 40 млн грн.",
        body=[],
        image=False,
    )
    en_page = make_article(section=section, slug="bridge", body=[], image=False)
    assert conf.page_language(uk_page) == "uk"
    assert conf.page_language(en_page) == conf.language()
    assert article_speech_text(uk_page) == (
        "Міст відкрили п'ятого грудня.\nРемонт коштував сорок мільйонів гривень."
    )
    assert article_speech_text(en_page).startswith("Bridge reopens after repairs.")


@pytest.mark.tts
@pytest.mark.django_db
def test_publishing_a_ukrainian_article_narrates_it_with_the_ukrainian_voice(
    make_article, author, section, settings, django_capture_on_commit_callbacks
):
    settings.AUDIO_VOICES = UK_VOICES  # English stays on the test settings' silent engine
    with django_capture_on_commit_callbacks(execute=True):
        uk_page = make_article(
            section=make_uk_section(),
            authors=[author],
            slug="porom",
            title="Пором повертається",
            standfirst="Він курсує двічі на день, квиток коштує 22 грн.",
            body=[],
            image=False,
        )
        en_page = make_article(section=section, slug="ferry", body=[], image=False)
    uk = Narration.objects.get(page=uk_page)
    assert uk.state == Narration.State.READY, uk.failure_reason
    assert uk.voice == "espeak-ng: uk"
    # A real voice: seconds of speech for a dozen words (the silent engine stops at 2 s).
    assert 2.0 < uk.duration < 15.0
    assert uk.byte_size > 3000 * uk.duration
    en = Narration.objects.get(page=en_page)
    assert en.state == Narration.State.READY
    assert en.voice.startswith("silence")


@pytest.mark.django_db
def test_a_missing_ukrainian_voice_fails_with_a_clear_reason(
    make_article, author, settings, django_capture_on_commit_callbacks
):
    settings.AUDIO_VOICES = {"uk": {"backend": "espeak", "voice": "no-such-voice"}}
    with django_capture_on_commit_callbacks(execute=True):
        page = make_article(
            section=make_uk_section(), authors=[author], slug="x", title="Новина", body=[]
        )
    narration = Narration.objects.get(page=page)
    assert "no-such-voice" in narration.failure_reason


@pytest.mark.django_db
def test_the_player_hands_its_translatable_words_to_the_script(client, narrated_article, settings):
    html = client.get(narrated_article.url).content.decode()
    assert 'data-label-play="Play"' in html
    assert 'data-label-pause="Pause"' in html
    assert 'data-label-of="of"' in html
    script = (settings.BASE_DIR / "masthead/static/js/audio-player.js").read_text()
    # It reads the word from the page's attribute, with English only as a fallback.
    assert "data-label-pause" in script and '"Pause"' in script
