"""Bulk imports, quietly: the documented way to write thousands of stories at once.

``quiet_import()`` wraps an import so that it does not set off, per story, what a publish
in the editor sets off:

- cache purges: every purge a change asks for is held and sent once at the end, together
  with what the writer adds to the batch (masthead/caching/signal_handlers.py purges_held);
- search and reference indexing: no task per saved object; what was saved is indexed in one
  pass at the end (masthead/core/seeding.py bulk_load), and the pictures, which the writer
  inserts without save(), are added to the search index in batches;
- narration (masthead/audio) and anything else listening to Wagtail's ``page_published``:
  the writer never sends it, it writes live pages with their revision directly. Imported
  stories are narrated on request (``manage.py narrate --enqueue``), not all at once;
- picture renditions: pictures are inserted without save(), so no rendition task is queued;
  Wagtail makes each rendition the first time a page asks for it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

SEARCH_BATCH = 500


@contextlib.contextmanager
def quiet_import(*, enabled: bool = True) -> Iterator[dict]:
    """Yields the held purge batch (``{"tags": set, "paths": set}``) to add to."""
    if not enabled:
        yield {"tags": set(), "paths": set()}
        return
    from masthead.caching.signal_handlers import purges_held
    from masthead.core.seeding import bulk_load

    from .models import ImportedObject

    started = ImportedObject.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with purges_held() as batch:
        with bulk_load():
            yield batch
        _index_new_pictures(after=started)


def _index_new_pictures(*, after: int) -> None:
    """Add the pictures this import inserted to the search index, in batches."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.backends import get_search_backend

    from masthead.images.models import CustomImage

    from .models import ImportedObject

    ids = list(
        ImportedObject.objects.filter(
            pk__gt=after, content_type=ContentType.objects.get_for_model(CustomImage)
        ).values_list("object_id", flat=True)
    )
    backend = get_search_backend()
    for start in range(0, len(ids), SEARCH_BATCH):
        chunk = CustomImage.objects.filter(pk__in=ids[start : start + SEARCH_BATCH])
        backend.add_bulk(CustomImage, list(chunk))
