"""Bulk imports, quietly: the documented way to write thousands of stories at once.

``quiet_import()`` wraps an import so that it does not set off, per story, what a publish
in the editor sets off:

- cache purges: every purge a change asks for is held and sent once at the end, together
  with what the writer adds to the batch (masthead/caching/signal_handlers.py purges_held);
- search indexing: no task per saved object; the pages, authors and pictures the import
  wrote are indexed in large batches at the end, in this process, so search finds them as
  soon as the command returns;
- Wagtail's reference index (which page uses which picture): not updated per save; the
  pages are handed to the worker in batches of REFERENCE_BATCH (tasks.index_references);
- narration (masthead/audio) and anything else listening to Wagtail's ``page_published``:
  the writer never sends it, it writes live pages directly. Imported stories are narrated
  on request (``manage.py narrate --enqueue``), not all at once;
- picture renditions: pictures are inserted without save(), so no rendition task is queued;
  Wagtail makes each rendition the first time a page asks for it.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterator

from django.db.models.signals import post_save

SEARCH_BATCH = 2000  # large: the SQLite backend recomputes title norms once per batch
REFERENCE_BATCH = 500
# Queued behind what readers and editors wait for (as narration backfills are).
REFERENCE_PRIORITY = -10


@contextlib.contextmanager
def quiet_import(*, enabled: bool = True) -> Iterator[dict]:
    """Yields the held purge batch (``{"tags": set, "paths": set}``) to add to; the writer
    adds the ids of the pictures it inserted to ``batch["images"]``."""
    if not enabled:
        yield {"tags": set(), "paths": set(), "images": []}
        return
    from wagtail.search.signal_handlers import post_save_signal_handler as search_on_save
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from masthead.caching.signal_handlers import purges_held

    saved: dict[type, set] = defaultdict(set)

    def remember(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[sender].add(instance.pk)

    from wagtail.search import index

    muted = [m for m in index.get_indexed_models() if post_save.disconnect(search_on_save, m)]
    post_save.connect(remember, weak=False, dispatch_uid="masthead.importers.quiet")
    with purges_held() as batch:
        batch["images"] = []
        try:
            with disable_reference_index_auto_update():
                yield batch
        finally:
            post_save.disconnect(dispatch_uid="masthead.importers.quiet")
            for model in muted:
                post_save.connect(search_on_save, sender=model)
            from masthead.images.models import CustomImage

            saved[CustomImage].update(batch.pop("images"))
            _index(saved, searchable=set(muted) | {CustomImage})


def _index(saved: dict[type, set], *, searchable: set[type]) -> None:
    """Search: each model's saved objects in large batches, their related fields fetched
    with them. References: the pages, to the worker."""
    from django_tasks import task_backends
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from .tasks import index_references

    backend = get_search_backend()
    page_ids: list[int] = []
    for model, pks in saved.items():
        if issubclass(model, Page):
            page_ids += pks
        if model not in searchable or not pks:
            continue
        related = [
            field.field_name
            for field in model.get_search_fields()
            if type(field).__name__ == "RelatedFields"
        ]
        pks = sorted(pks)
        for start in range(0, len(pks), SEARCH_BATCH):
            objs = model._default_manager.filter(pk__in=pks[start : start + SEARCH_BATCH])
            backend.add_bulk(model, list(objs.prefetch_related(*related)))
    page_ids = sorted(set(page_ids))
    task = index_references
    if task_backends[task.backend].supports_priority:
        task = task.using(priority=REFERENCE_PRIORITY)
    for start in range(0, len(page_ids), REFERENCE_BATCH):
        chunk = page_ids[start : start + REFERENCE_BATCH]
        try:
            task.enqueue(chunk)
        except Exception:  # noqa: BLE001 - the import is done; say so, do not undo it
            import logging

            logging.getLogger(__name__).exception("Could not queue reference indexing")
