"""The interface every narration engine implements: text in, mono 16-bit PCM out."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


class SpeechError(Exception):
    """The engine could not speak the text (missing voice, broken library). The message is
    shown to editors as the narration's failure reason."""


@dataclass(frozen=True)
class Speech:
    """Raw audio: mono signed 16-bit little-endian samples."""

    sample_rate: int
    chunks: Iterator[bytes]


class NarrationBackend:
    """Base class of the engines. Subclasses set `name` and implement `speak`.

    `speed` is a multiplier: 1.0 is the voice's natural pace, 1.2 is 20% faster.
    `voices` maps a language code ("en", "uk") to the engine's voice for it; `voice` is the
    voice used for any language not in the map."""

    name = "base"

    def __init__(self, *, speed: float = 1.0, voice: str = "", voices: dict | None = None):
        if not 0.5 <= float(speed) <= 2.0:
            raise SpeechError(f"Narration speed must be between 0.5 and 2.0, not {speed}.")
        self.speed = float(speed)
        self.voice = voice
        self.voices = dict(voices or {})

    def voice_for(self, language: str) -> str:
        language = (language or "").lower()
        return self.voices.get(language) or self.voices.get(language.split("-")[0]) or self.voice

    def speak(self, text: str, *, language: str = "en", threads: int | None = None) -> Speech:
        """Turn prepared text into audio. Pure computation: no files, no database.
        `threads` caps the cores this one call may use (None: the engine's own setting);
        engines that use one core anyway ignore it."""
        raise NotImplementedError

    def describe(self, language: str = "en") -> str:
        """What made the audio, for the feed and the admin ("piper: en_US-joe-medium")."""
        return f"{self.name}: {self.voice_for(language) or 'default voice'}"
