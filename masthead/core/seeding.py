"""Loading content in bulk (the demo seed): index once at the end instead of a task per save.

Every page, image and snippet save normally queues a search-index task and a reference-index
task. A first run saves hundreds of objects, so the
worker would start with a backlog of hundreds of such tasks, racing the web server for the
CPU while the first readers arrive. Inside
`bulk_load()` none of them is queued; on the way out the objects that were saved are indexed
in one pass, in this process, so search works as soon as the site answers.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterator

from asgiref.local import Local
from django.db.models.signals import post_save
from wagtail.models import ReferenceIndex
from wagtail.search import index
from wagtail.search.signal_handlers import post_save_signal_handler as search_on_save
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task

_state = Local()


def bulk_loading() -> bool:
    """True inside `bulk_load()`. Apps may treat work they queue meanwhile as set-up work
    (a lower priority, fewer cores)."""
    return getattr(_state, "depth", 0) > 0


@contextlib.contextmanager
def bulk_load() -> Iterator[None]:
    """Run the body without per-object index tasks, then index what it saved.

    Side effects: the search index and Wagtail's reference index are updated for every
    object saved in the body (objects deleted since are skipped)."""
    if bulk_loading():  # nested: the outermost one indexes everything at its end
        yield
        return
    saved: dict[type, set] = defaultdict(set)

    def remember(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[sender].add(instance.pk)

    indexed = [m for m in index.get_indexed_models() if post_save.disconnect(search_on_save, m)]
    post_save.connect(remember, weak=False, dispatch_uid="masthead.core.seeding.remember")
    _state.depth = getattr(_state, "depth", 0) + 1
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        _state.depth -= 1
        post_save.disconnect(dispatch_uid="masthead.core.seeding.remember")
        for model in indexed:
            post_save.connect(search_on_save, sender=model)
    _index(saved, indexed=set(indexed))


def _index(saved: dict[type, set], *, indexed: set[type]) -> None:
    for model, pks in saved.items():
        in_search = model in indexed
        in_references = model in ReferenceIndex.tracked_models
        if not (in_search or in_references):
            continue
        for instance in model._default_manager.filter(pk__in=pks).iterator():
            if in_search:
                index.insert_or_update_object(instance)
            if in_references:
                # Wagtail's own task, run here: it indexes a child object under its parent.
                update_reference_index_task.call(
                    model._meta.app_label, model._meta.model_name, str(instance.pk)
                )
