"""Shared helpers for the audio tests."""

from masthead.audio.backends import SpeechError
from masthead.audio.backends.base import NarrationBackend


class BrokenBackend(NarrationBackend):
    """An engine whose voice file is missing: every attempt fails the same way."""

    name = "broken"

    def speak(self, text, *, language="en", threads=None):
        raise SpeechError("Piper voice /nowhere/voice.onnx not found.")


def publish_with(page, django_capture_on_commit_callbacks, **changes):
    """Publish a new revision with `changes`, running the on-commit work (the narration task,
    on the immediate backend) as a real commit would. Returns the callbacks run."""
    for field, value in changes.items():
        setattr(page, field, value)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page.save_revision().publish()
    page.refresh_from_db()
    return callbacks
