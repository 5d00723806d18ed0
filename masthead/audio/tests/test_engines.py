"""The real engines on short texts (a few seconds in all), and the pipeline end to end with
the default neural voice."""

import array

import pytest

from masthead.audio.backends import SpeechError
from masthead.audio.backends.espeak import EspeakBackend
from masthead.audio.backends.piper import PiperBackend, _synthesis_order, usable_cores
from masthead.audio.models import Narration

pytestmark = pytest.mark.tts

SHORT = "The bridge reopened on January ninth."


def _samples(speech):
    data = b"".join(speech.chunks)
    return array.array("h", data)


def _seconds(speech_samples, rate):
    return len(speech_samples) / rate


def test_espeak_speaks_audible_speech_of_a_plausible_length():
    speech = EspeakBackend().speak(SHORT)
    samples = _samples(speech)
    assert speech.sample_rate == 22050
    assert 1.0 < _seconds(samples, speech.sample_rate) < 6.0
    assert max(abs(s) for s in samples) > 3000  # not silence


def test_espeak_speaks_faster_at_a_higher_speed():
    normal = _samples(EspeakBackend(speed=1.0).speak(SHORT))
    fast = _samples(EspeakBackend(speed=1.6).speak(SHORT))
    assert len(fast) < len(normal) * 0.8


def test_espeak_reports_an_unknown_voice_clearly():
    with pytest.raises(SpeechError, match="no voice called"):
        EspeakBackend(voice="xx-nowhere").speak(SHORT)


def test_piper_speaks_with_the_bundled_voice():
    backend = PiperBackend()
    speech = backend.speak("The bridge reopened.")
    samples = _samples(speech)
    assert speech.sample_rate == 22050
    assert 0.5 < _seconds(samples, speech.sample_rate) < 5.0
    assert max(abs(s) for s in samples) > 3000
    assert backend.describe() == "piper: en_US-joe-medium"


def test_piper_on_several_threads_keeps_the_sentences_in_order():
    backend = PiperBackend(threads=2)
    chunks = list(
        backend.speak(
            "Yes. This second sentence is very much longer than the first one and the last one. No."
        ).chunks
    )
    assert len(chunks) == 3
    assert len(chunks[1]) > 3 * max(len(chunks[0]), len(chunks[2]))


def test_piper_synthesises_in_reading_order_but_the_last_sentences_longest_first():
    sentences = [[0] * length for length in (5, 1, 2, 9, 3, 1, 4, 8, 2, 6, 7)]
    order = _synthesis_order(sentences, threads=2)
    assert sorted(order) == list(range(len(sentences)))
    assert order[:3] == [0, 1, 2]
    assert [len(sentences[index]) for index in order[3:]] == [9, 8, 7, 6, 4, 3, 2, 1]


def test_piper_uses_every_core_unless_told_otherwise():
    assert PiperBackend().threads == usable_cores()
    assert PiperBackend(threads=1).threads == 1
    with pytest.raises(SpeechError):
        PiperBackend(threads=-1)


def test_piper_reports_a_missing_voice_file_clearly(tmp_path):
    backend = PiperBackend(voices={"uk": str(tmp_path / "uk.onnx")})
    with pytest.raises(SpeechError, match="not found"):
        backend.speak("Добрий день.", language="uk")


def test_a_speed_outside_the_sensible_range_is_refused():
    with pytest.raises(SpeechError):
        PiperBackend(speed=5)


@pytest.mark.django_db
def test_publishing_a_short_article_narrates_it_with_the_default_neural_voice(
    make_article, django_capture_on_commit_callbacks, settings, client
):
    settings.AUDIO_BACKEND = "piper"
    with django_capture_on_commit_callbacks(execute=True):
        page = make_article(
            slug="short",
            title="Ferry returns",
            standfirst="It runs twice a day.",
            body=[{"type": "paragraph", "value": "<p>Tickets cost $2.</p>"}],
        )
    narration = Narration.objects.get(page=page)
    assert narration.state == Narration.State.READY, narration.failure_reason
    assert narration.voice == "piper: en_US-joe-medium"
    assert 2.0 < narration.duration < 12.0
    response = client.get(narration.get_absolute_url(), headers={"range": "bytes=0-1"})
    assert response.status_code == 206
    # 48 kbit/s MP3: about 6 KB a second of speech.
    assert 3000 * narration.duration < narration.byte_size < 9000 * narration.duration
