"""Narration writes: ask for a narration, make its audio, record failures."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django_tasks import task_backends

from masthead.core.seeding import bulk_loading

from . import conf
from .backends import SpeechError, get_backend
from .backends.base import Speech
from .models import Narration
from .text import article_speech_text, text_hash

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
RETRY_DELAYS = (timedelta(seconds=30), timedelta(minutes=5))
# Narrations queued in bulk wait behind every other task (image renditions, email, a
# publish's own narration), which are short and which readers and editors are waiting for.
BACKFILL_PRIORITY = -10


def mp3_encode(*, speech: Speech, bitrate: int | None = None) -> tuple[bytes, float]:
    """Encode mono 16-bit PCM to MP3 in-process with LAME. Returns (mp3 bytes, seconds).
    No side effects."""
    import lameenc  # only the narration worker encodes: not loaded by every web process

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(bitrate or conf.mp3_bitrate())
    encoder.set_in_sample_rate(speech.sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(5)
    out, samples = bytearray(), 0
    for chunk in speech.chunks:
        samples += len(chunk) // 2
        out += encoder.encode(chunk)
    out += encoder.flush()
    return bytes(out), samples / speech.sample_rate


def _enqueue(
    *, page_id: int, wanted_hash: str, force: bool = False, backfill: bool = False, delay=None
) -> None:
    from .tasks import narrate_article

    task = narrate_article
    if backfill and task_backends[task.backend].supports_priority:
        task = task.using(priority=BACKFILL_PRIORITY)
    if delay is not None and task_backends[task.backend].supports_defer:
        task = task.using(run_after=timezone.now() + delay)

    def send():
        # Publishing must never fail because the queue is unavailable. The narration must not
        # stay pending for a task that does not exist either: it is marked failed with the
        # reason, and the editor can regenerate it from the admin.
        try:
            task.enqueue(page_id, wanted_hash, force, backfill)
        except Exception as error:
            logger.exception("Could not enqueue the narration of page %s", page_id)
            Narration.objects.filter(page_id=page_id, text_hash=wanted_hash).exclude(
                state=Narration.State.READY
            ).update(
                state=Narration.State.FAILED,
                failure_reason=f"Could not queue the narration: {error}"[:2000],
            )

    transaction.on_commit(send)


def narration_request(
    *, page, force: bool = False, enqueue: bool = True, backfill: bool | None = None
) -> Narration | None:
    """Make sure the article's narration speaks its current text. Writes the Narration row
    (pending, or outdated when older audio exists) and, after commit, enqueues a task on the
    "narration" queue. Nothing is queued when the audio of the current text is ready, unless
    `force`. A narration in any other state with the same text (pending, outdated, waiting,
    failed) is asked for again: its earlier task may have found the article not yet live or
    never run, and each publish is the moment to make sure it does.

    Does nothing for an article that is not live (a revision scheduled for later is
    "published" by Wagtail before it goes live): Wagtail sends `page_published` again at the
    go-live, and that request is the one that narrates. Returns the narration, if any.
    A `backfill` narration (default: while content is loaded in bulk, as by the demo seed)
    waits behind other tasks and uses at most AUDIO_BACKFILL_THREADS cores."""
    if not page.live:
        return Narration.objects.filter(page_id=page.pk).first()
    if backfill is None:
        backfill = bulk_loading()
    wanted = text_hash(article_speech_text(page))
    with transaction.atomic():
        narration, created = Narration.objects.select_for_update().get_or_create(
            page_id=page.pk, defaults={"text_hash": wanted}
        )
        unchanged = narration.text_hash == wanted and not created
        if unchanged and not force and narration.is_current:
            return narration
        narration.text_hash = wanted
        narration.attempts = 0
        narration.failure_reason = ""
        if narration.audio and narration.audio_hash == wanted:
            narration.state = Narration.State.READY if not force else narration.state
        elif narration.audio:
            narration.state = Narration.State.OUTDATED
        else:
            narration.state = Narration.State.PENDING
        narration.save()
    if enqueue:
        _enqueue(page_id=page.pk, wanted_hash=wanted, force=force, backfill=backfill)
    return narration


def narration_hold(*, page_id: int) -> Narration | None:
    """The article is not live (unpublished, or not yet live): a narration still waiting for
    its audio turns WAITING, a definite state that no task is working on and the backlog does
    not count. The next publish asks for it again (narration_request). Audio that is already
    current is kept as it is, for a later re-publish of the same text."""
    with transaction.atomic():
        narration = Narration.objects.select_for_update().filter(page_id=page_id).first()
        if narration is None or narration.is_current:
            return narration
        narration.state = Narration.State.WAITING
        narration.save(update_fields=["state"])
    return narration


def narration_generate(
    *, page_id: int, wanted_hash: str, force: bool = False, backfill: bool = False
) -> Narration | None:
    """Speak the article's current text with the configured engine, encode it to MP3, store
    it in the default storage and mark the narration ready (deleting the file it replaces;
    saving the narration purges the article, audio/cache_rules.py, so the player appears).
    Does nothing when the text changed since the request (a newer task is queued) or when the
    audio is already current (unless `force`); an article no longer live puts the narration on
    hold (narration_hold). Safe to run twice: the ops reaper re-queues the task of a worker
    killed mid-narration, and the re-run narrates from the start.
    Raises SpeechError (or anything else) on failure; the caller records it."""
    from masthead.news.models import ArticlePage

    page = ArticlePage.objects.live().filter(pk=page_id).first()
    narration = Narration.objects.filter(page_id=page_id).first()
    if narration is None or narration.text_hash != wanted_hash:
        return None
    if page is None:
        # Unpublished since the request: wait, in a definite state, for the next publish.
        return narration_hold(page_id=page_id)
    if narration.is_current and not force:
        return narration
    text = article_speech_text(page)
    spoken_hash = text_hash(text)
    if spoken_hash != wanted_hash:
        return None  # edited again since: the newer publish queued its own task

    language = conf.page_language(page)
    backend = get_backend(language)
    threads = (conf.backfill_threads() or None) if backfill else None
    data, seconds = mp3_encode(speech=backend.speak(text, language=language, threads=threads))
    if not data:
        raise SpeechError("The engine produced no audio.")
    name = default_storage.save(f"narrations/{page_id}-{spoken_hash[:16]}.mp3", ContentFile(data))
    with transaction.atomic():
        narration = Narration.objects.select_for_update().get(pk=narration.pk)
        if narration.text_hash != spoken_hash:
            default_storage.delete(name)
            return None
        old = narration.audio.name if narration.audio else ""
        narration.audio.name = name
        narration.audio_hash = spoken_hash
        narration.duration = round(seconds, 2)
        narration.byte_size = len(data)
        narration.voice = backend.describe(language)[:120]
        narration.state = Narration.State.READY
        narration.failure_reason = ""
        narration.narrated_at = timezone.now()
        narration.save()
    if old and old != name:
        transaction.on_commit(lambda: default_storage.delete(old))
    return narration


def narration_record_failure(
    *, page_id: int, wanted_hash: str, reason: str, force: bool = False, backfill: bool = False
) -> bool:
    """Count a failed attempt. Retries later (with a growing delay) until MAX_ATTEMPTS, then
    marks the narration failed with the reason shown to editors. Returns True if retried."""
    with transaction.atomic():
        narration = Narration.objects.select_for_update().filter(page_id=page_id).first()
        if narration is None or narration.text_hash != wanted_hash:
            return False
        narration.attempts += 1
        narration.failure_reason = reason[:2000]
        retry = narration.attempts < MAX_ATTEMPTS
        if not retry:
            narration.state = Narration.State.FAILED
        narration.save(update_fields=["attempts", "failure_reason", "state"])
    if retry:
        delay = RETRY_DELAYS[min(narration.attempts, len(RETRY_DELAYS)) - 1]
        _enqueue(
            page_id=page_id, wanted_hash=wanted_hash, force=force, backfill=backfill, delay=delay
        )
    return retry
