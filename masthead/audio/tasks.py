"""Background narration, on the "narration" queue so it never holds up other work."""

from __future__ import annotations

import logging

from django_tasks import task

from .backends import SpeechError

logger = logging.getLogger(__name__)


@task(queue_name="narration")
def narrate_article(
    page_id: int, wanted_hash: str, force: bool = False, backfill: bool = False
) -> str:
    """Narrate one article (see services.narration_generate); `backfill` narrations use at
    most AUDIO_BACKFILL_THREADS cores. A failure is recorded on the narration and retried
    later; it is never raised into the worker."""
    from .services import narration_generate, narration_record_failure

    try:
        narration = narration_generate(
            page_id=page_id, wanted_hash=wanted_hash, force=force, backfill=backfill
        )
    except SpeechError as error:
        reason = str(error)
    except Exception as error:
        logger.exception("Narration of page %s failed", page_id)
        reason = f"{type(error).__name__}: {error}"
    else:
        return narration.state if narration else "skipped"
    retried = narration_record_failure(
        page_id=page_id, wanted_hash=wanted_hash, reason=reason, force=force, backfill=backfill
    )
    return "retrying" if retried else "failed"
