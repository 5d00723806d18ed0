"""The prepared text as the engines' own text reader sees it. Both engines read through
espeak-ng: Piper phonemizes with the copy bundled in piper-tts and makes one sentence of
audio per sentence espeak-ng finds; the espeak engine speaks with the copy in
espeakng-loader. These tests ask both copies (phonemes only, no audio, milliseconds)."""

import ctypes
import re

import pytest

from masthead.audio import text
from masthead.audio.text import normalize, speech_parts

_PHONEME_IPA = 0x02


@pytest.fixture(scope="module")
def piper_clauses():
    bridge = pytest.importorskip("piper.espeakbridge")
    from piper.phonemize_espeak import ESPEAK_DATA_DIR

    bridge.initialize(str(ESPEAK_DATA_DIR))
    bridge.set_voice("en-us")
    return bridge.get_phonemes


@pytest.fixture(scope="module")
def espeak_phonemes():
    from masthead.audio.backends import espeak

    library = espeak._init()
    library.espeak_TextToPhonemes.restype = ctypes.c_char_p
    library.espeak_TextToPhonemes.argtypes = [
        ctypes.POINTER(ctypes.c_void_p),
        ctypes.c_int,
        ctypes.c_int,
    ]

    def clauses(spoken: str) -> list[str]:
        with espeak._lock:
            assert library.espeak_SetVoiceByName(b"en-us") == 0
            data = ctypes.create_string_buffer(spoken.encode() + b"\0")
            position = ctypes.c_void_p(ctypes.addressof(data))
            found = []
            while position.value:
                found.append(
                    library.espeak_TextToPhonemes(ctypes.byref(position), 1, _PHONEME_IPA).decode()
                )
        return found

    return clauses


SPOKEN = [spoken for _, _, spoken in text.STYLE_EXAMPLES]


@pytest.mark.parametrize("spoken", SPOKEN)
def test_piper_makes_one_sentence_of_audio_for_each_sentence_of_the_text(spoken, piper_clauses):
    sentences = sum(1 for _, _, end in piper_clauses(spoken) if end)
    assert sentences == len(re.findall(r"[.!?](?:\s|$)", spoken))


def test_an_abbreviation_left_in_the_text_would_have_split_the_sentence(piper_clauses):
    # Why no abbreviation's dot may reach the engine.
    written = "Shells hit 200 N. Spring St. Residents fled."
    assert sum(1 for _, _, end in piper_clauses(written) if end) == 3
    assert sum(1 for _, _, end in piper_clauses(normalize(written)) if end) == 2


@pytest.mark.parametrize("spoken", SPOKEN)
def test_both_engines_read_the_prepared_text_alike(spoken, piper_clauses, espeak_phonemes):
    def words(phonemes: str) -> list[str]:
        # The two espeak-ng copies differ in small vowel details ("iːʲ"): compare the
        # words' consonant skeletons and the clause breaks.
        return [re.sub(r"[^bdfhjklmnprstvwzðŋɡɹʃʒθ]", "", w) for w in phonemes.split()]

    piper = [words(phonemes) for phonemes, _, _ in piper_clauses(spoken)]
    espeak = [words(phonemes) for phonemes in espeak_phonemes(spoken)]
    assert [w for clause in espeak for w in clause] == [w for clause in piper for w in clause]


@pytest.mark.parametrize(
    ("spoken", "sounds"),
    [
        (text.spell("AM"), "eɪ ɛm"),
        (text.spell("IAEA"), "aɪ eɪ iː eɪ"),
        (text.spell("WHO") + " warns", "dʌbəljuː eɪtʃ oʊ wɔːɹnz"),
        (text.spell("ZSU"), "ziː ɛs juː"),
        (text.WORD_ACRONYMS["NATO"], "neɪɾoʊ"),
        (text.PRONUNCIATIONS["hryvnias"], "hɹɪvniəz"),
    ],
)
def test_spelt_letters_and_respelt_words_sound_as_meant_in_both_engines(
    spoken, sounds, piper_clauses, espeak_phonemes
):
    def plain(phonemes: str) -> str:
        return re.sub(r"[ˈˌʲ]", "", phonemes)

    assert plain(" ".join(p for p, _, _ in piper_clauses(spoken))) == sounds
    assert plain(" ".join(espeak_phonemes(spoken))) == sounds


def test_each_paragraph_of_an_article_is_at_least_one_whole_sentence(piper_clauses):
    parts = speech_parts(
        headline="WHO warns of cholera in Kherson",
        standfirst="A $1.2 billion plan",
        blocks=[],
    )
    for part in parts:
        clauses = piper_clauses(part)
        assert clauses[-1][2], part


@pytest.mark.tts
def test_the_piper_voice_speaks_an_address_with_abbreviations_as_two_sentences():
    from masthead.audio.backends.piper import PiperBackend

    spoken = normalize("Shells hit 200 N. Spring St. Residents fled.")
    chunks = list(PiperBackend(threads=1).speak(spoken).chunks)
    assert len(chunks) == 2
