"""Audio settings, read from Django settings with defaults (see docs/subsystems/audio.md)."""

from __future__ import annotations

from django.conf import settings

BACKENDS = {
    "piper": "masthead.audio.backends.piper.PiperBackend",
    "espeak": "masthead.audio.backends.espeak.EspeakBackend",
    "silence": "masthead.audio.backends.silence.SilenceBackend",
}


def backend_path() -> str:
    """AUDIO_BACKEND: a dotted class path, or one of the short names above."""
    name = getattr(settings, "AUDIO_BACKEND", "piper") or "piper"
    return BACKENDS.get(name, name)


def _language_entry(language: str) -> dict | None:
    """AUDIO_VOICES' entry for a language, by its full code ("uk-ua") then its first part."""
    voices = getattr(settings, "AUDIO_VOICES", {}) or {}
    language = (language or "").lower()
    entry = voices.get(language) or voices.get(language.split("-")[0])
    return dict(entry) if entry else None


def engine_for(language: str) -> tuple[str, tuple]:
    """The engine class path and its options (a hashable tuple) for narrating `language`.

    AUDIO_VOICES maps a language to {"backend": ..., "voice": ..., other options}. An entry
    with the same backend as AUDIO_BACKEND (or none) adds to AUDIO_BACKEND_OPTIONS; an entry
    with another backend uses its own options only (Piper's `threads` mean nothing to
    espeak-ng). A language without an entry is narrated as before: AUDIO_BACKEND with
    AUDIO_BACKEND_OPTIONS (whose `voices` still pick a voice per language)."""
    entry = _language_entry(language)
    path, options = backend_path(), backend_options()
    if entry is not None:
        name = entry.pop("backend", "") or ""
        entry_path = BACKENDS.get(name, name) if name else path
        if entry_path != path:
            options = {}
        options.update(entry)
        path = entry_path
        if "voices" in options:
            options["voices"] = tuple(sorted(dict(options["voices"]).items()))
    return path, tuple(sorted(options.items()))


def backend_options() -> dict:
    """AUDIO_BACKEND_OPTIONS: keyword arguments for the engine (speed, voice, voices, ...)."""
    options = dict(getattr(settings, "AUDIO_BACKEND_OPTIONS", {}) or {})
    if "voices" in options:
        options["voices"] = tuple(sorted(dict(options["voices"]).items()))
    return options


def mp3_bitrate() -> int:
    """AUDIO_MP3_BITRATE in kbit/s: 48 is clear for a single voice at about 360 KB a minute."""
    return int(getattr(settings, "AUDIO_MP3_BITRATE", 48))


def backfill_threads() -> int:
    """AUDIO_BACKFILL_THREADS: the most cores one narration queued in bulk may use (the demo
    seed's, `narrate --enqueue`'s), so that a backlog of them leaves the other cores to the
    web server and the rest of the set-up work. 0: the engine's own setting (`threads`)."""
    return max(0, int(getattr(settings, "AUDIO_BACKFILL_THREADS", 1)))


def narrate_on_publish() -> bool:
    return bool(getattr(settings, "AUDIO_NARRATE_ON_PUBLISH", True))


def language() -> str:
    return getattr(settings, "AUDIO_LANGUAGE", "") or settings.LANGUAGE_CODE


def page_language(page) -> str:
    """The language an article is narrated in: its locale's ("uk" for the Ukrainian
    edition); an article in the default language keeps AUDIO_LANGUAGE, so the English
    edition's settings and voices stay as they were."""
    default = language()
    locale = getattr(page, "locale", None)
    code = (getattr(locale, "language_code", "") or "").lower()
    if not code or code.split("-")[0] == default.lower().split("-")[0]:
        return default
    return code


def numbers_with_and() -> bool:
    """AUDIO_NUMBERS_WITH_AND: read numbers the British way, "one hundred and eighty".
    Off by default: American newsroom style says "one hundred eighty", and the "and" made
    listeners hear one amount as two ("five thousand one hundred and forty dollars")."""
    return bool(getattr(settings, "AUDIO_NUMBERS_WITH_AND", False))
