"""A narration purges its article only when the player readers see changes."""

import pytest

from masthead.audio.models import Narration
from masthead.caching import tags as cache_tags

pytestmark = pytest.mark.django_db


@pytest.fixture
def bumped(monkeypatch):
    seen: list[set[str]] = []
    monkeypatch.setattr(
        "masthead.caching.signal_handlers.bump", lambda tags: seen.append(set(tags))
    )
    return seen


def _purged(bumped, article) -> bool:
    return any(cache_tags.page(article.pk) in tags for tags in bumped)


def test_a_narration_being_made_purges_nothing(article, bumped):
    Narration.objects.filter(page=article).delete()
    bumped.clear()
    narration = Narration.objects.create(page=article, text_hash="a" * 64)
    narration.attempts = 1
    narration.save()
    loaded = Narration.objects.get(pk=narration.pk)
    loaded.failure_reason = "engine busy"
    loaded.save()
    assert not _purged(bumped, article)


def test_audio_offered_replaced_or_withdrawn_purges_the_article(article, bumped):
    Narration.objects.filter(page=article).delete()
    narration = Narration.objects.create(page=article, text_hash="a" * 64)
    bumped.clear()
    narration.state, narration.audio, narration.audio_hash = "ready", "narrations/a.mp3", "a" * 64
    narration.save()
    assert _purged(bumped, article)  # the player appears

    bumped.clear()
    loaded = Narration.objects.get(pk=narration.pk)
    loaded.text_hash = "b" * 64  # the text changed: the old audio is no longer offered
    loaded.state = "outdated"
    loaded.save()
    assert _purged(bumped, article)

    bumped.clear()
    loaded.state, loaded.audio, loaded.audio_hash = "ready", "narrations/b.mp3", "b" * 64
    loaded.save()
    assert _purged(bumped, article)

    bumped.clear()
    Narration.objects.get(pk=narration.pk).delete()
    assert _purged(bumped, article)  # the player goes with it
