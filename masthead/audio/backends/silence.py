"""A silent engine for tests of everything around speech (pipeline, player, feeds) that must
not wait for a voice. It writes 40 ms of silence per word, at most two seconds. Never the
default; the real engines are tested on their own."""

from __future__ import annotations

from .base import NarrationBackend, Speech

SAMPLE_RATE = 16000


class SilenceBackend(NarrationBackend):
    name = "silence"

    def speak(self, text: str, *, language: str = "en", threads: int | None = None) -> Speech:
        seconds = min(2.0, 0.04 * len(text.split())) / self.speed
        samples = max(1, int(seconds * SAMPLE_RATE))
        return Speech(sample_rate=SAMPLE_RATE, chunks=iter([b"\0\0" * samples]))
