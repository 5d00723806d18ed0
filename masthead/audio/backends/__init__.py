"""Text-to-speech engines behind one small interface, chosen by the AUDIO_BACKEND setting."""

from __future__ import annotations

import functools

from django.utils.module_loading import import_string

from .. import conf
from .base import NarrationBackend, Speech, SpeechError

__all__ = ["NarrationBackend", "Speech", "SpeechError", "get_backend"]


@functools.cache
def _load(path: str, options: tuple) -> NarrationBackend:
    return import_string(path)(**dict(options))


def get_backend(language: str | None = None) -> NarrationBackend:
    """The engine configured for `language` (AUDIO_VOICES, else AUDIO_BACKEND), built once
    per process and settings (a neural voice takes seconds to load)."""
    if language is None:
        return _load(conf.backend_path(), tuple(sorted(conf.backend_options().items())))
    return _load(*conf.engine_for(language))
