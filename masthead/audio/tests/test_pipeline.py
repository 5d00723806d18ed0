"""Publish → narration task → stored MP3, with the silent test engine (real engines are
tested in test_engines.py)."""

import pytest
from django.core.files.storage import default_storage

from masthead.audio.models import Narration
from masthead.audio.services import MAX_ATTEMPTS, narration_request
from masthead.audio.templatetags.audio_tags import article_narration
from masthead.audio.text import article_speech_text, text_hash

from .helpers import publish_with

pytestmark = pytest.mark.django_db


def test_publishing_an_article_stores_a_ready_mp3_of_its_text(narrated_article):
    narration = narrated_article.narration
    assert narration.state == Narration.State.READY
    assert narration.audio_hash == text_hash(article_speech_text(narrated_article))
    data = default_storage.open(narration.audio.name).read()
    assert data[:3] == b"ID3" or (data[0] == 0xFF and data[1] & 0xE0 == 0xE0)
    assert narration.byte_size == len(data)
    assert narration.duration > 0
    assert narration.voice.startswith("silence")
    assert article_narration(narrated_article) == narration


def test_publishing_without_a_text_change_narrates_nothing(
    narrated_article, django_capture_on_commit_callbacks
):
    before = Narration.objects.get(page=narrated_article)
    callbacks = publish_with(
        narrated_article, django_capture_on_commit_callbacks, comments_open=False
    )
    after = Narration.objects.get(page=narrated_article)
    # Other apps may react to a publish (the cache purge does); narration must not.
    assert [c for c in callbacks if "audio" in c.__module__] == []
    assert (after.audio.name, after.narrated_at) == (before.audio.name, before.narrated_at)


def test_a_text_change_replaces_the_audio_and_deletes_the_old_file(
    narrated_article, django_capture_on_commit_callbacks
):
    old = Narration.objects.get(page=narrated_article)
    publish_with(
        narrated_article, django_capture_on_commit_callbacks, title="Bridge reopens at last"
    )
    new = Narration.objects.get(page=narrated_article)
    assert new.state == Narration.State.READY
    assert new.audio.name != old.audio.name
    assert new.audio_hash == text_hash(article_speech_text(narrated_article))
    assert not default_storage.exists(old.audio.name)


def test_an_outdated_narration_is_never_shown_as_current(
    narrated_article, django_capture_on_commit_callbacks
):
    # The publish commits; the narration task has not run yet (callbacks not executed).
    with django_capture_on_commit_callbacks(execute=False):
        narrated_article.standfirst = "A new standfirst changes what is spoken."
        narrated_article.save_revision().publish()
    narration = Narration.objects.get(page=narrated_article)
    assert narration.state == Narration.State.OUTDATED
    assert not narration.is_current
    assert article_narration(narrated_article) is None
    assert not Narration.objects.for_feed().exists()


def test_a_failing_engine_is_retried_then_marked_failed_without_blocking_publish(
    make_article, django_capture_on_commit_callbacks, settings
):
    settings.AUDIO_BACKEND = "masthead.audio.tests.helpers.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        page = make_article(slug="broken")
    page.refresh_from_db()
    assert page.live
    narration = Narration.objects.get(page=page)
    assert narration.state == Narration.State.FAILED
    assert narration.attempts == MAX_ATTEMPTS
    assert "voice.onnx not found" in narration.failure_reason
    assert article_narration(page) is None


def test_republishing_after_a_failure_tries_again(
    make_article, django_capture_on_commit_callbacks, settings
):
    settings.AUDIO_BACKEND = "masthead.audio.tests.helpers.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        page = make_article(slug="broken-then-fixed")
    settings.AUDIO_BACKEND = "silence"
    publish_with(page, django_capture_on_commit_callbacks)
    assert Narration.objects.get(page=page).state == Narration.State.READY


def test_a_narration_requested_for_an_unpublished_article_is_skipped(
    article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        narration_request(page=article)
    article.unpublish()
    from masthead.audio.tasks import narrate_article

    narrate_article.call(article.pk, narration_request(page=article, enqueue=False).text_hash)
    narration = Narration.objects.get(page=article)
    assert narration.state != Narration.State.READY


def test_narration_on_publish_can_be_switched_off(
    make_article, django_capture_on_commit_callbacks, settings
):
    settings.AUDIO_NARRATE_ON_PUBLISH = False
    with django_capture_on_commit_callbacks(execute=True):
        page = make_article(slug="quiet")
    assert not Narration.objects.filter(page=page).exists()
