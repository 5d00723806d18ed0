import logging

from django.db import transaction
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def index_references(page_ids: list[int]) -> int:
    """Wagtail's reference index (which pages use which picture, author, page) for pages an
    import wrote: done by the worker after the import, a few hundred pages per task, instead
    of in the import itself (about 20 ms a page) or as one task per page. Returns how many
    pages were indexed."""
    from wagtail.models import Page, ReferenceIndex

    done = 0
    for page in Page.objects.filter(pk__in=page_ids).specific().iterator(chunk_size=100):
        with transaction.atomic():
            ReferenceIndex.create_or_update_for_object(page)
        done += 1
    return done
