"""Writes of the translation status: a translation starts, its source changes, a translator
marks it up to date (audited)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Revision

from masthead.audit.log import record

from .models import TranslationSync


def source_revision_of(source: Page) -> Revision | None:
    """The revision readers see (the live one), or the latest draft of a page never published:
    copy_for_translation copies exactly that."""
    if source.live and source.live_revision_id:
        return source.live_revision
    return source.latest_revision


def translation_started(*, source: Page, translation: Page, user=None) -> TranslationSync:
    """Note that `translation` was just copied from `source`: up to date with its current
    revision. Aliases are not translations (Wagtail keeps them in sync itself)."""
    sync, _ = TranslationSync.objects.update_or_create(
        translation_id=translation.pk,
        defaults={
            "source_id": source.pk,
            "translation_key": source.translation_key,
            "source_revision": source_revision_of(source),
            "out_of_date_since": None,
            "synced_at": timezone.now(),
            "synced_by": user if user is not None and user.is_authenticated else None,
        },
    )
    return sync


def source_published(*, source_id: int, revision_id: int | None) -> int:
    """Mark out of date every translation of `source_id` made from another revision than the
    one just published. Returns how many changed state."""
    return (
        TranslationSync.objects.filter(source_id=source_id, out_of_date_since__isnull=True)
        .exclude(source_revision_id=revision_id)
        .update(out_of_date_since=timezone.now())
    )


def mark_up_to_date(*, sync: TranslationSync, user, request=None) -> TranslationSync:
    """The translator has brought the translation in line with its source's current revision:
    clear the out-of-date mark and write the audit entry."""
    with transaction.atomic():
        sync = TranslationSync.objects.select_for_update().get(pk=sync.pk)
        source = Page.objects.get(pk=sync.source_id)
        previous = sync.source_revision_id
        sync.source_revision = source_revision_of(source)
        sync.out_of_date_since = None
        sync.synced_at = timezone.now()
        sync.synced_by = user
        sync.save()
        record(
            "translations.mark_up_to_date",
            request=request,
            actor=user,
            target=Page.objects.get(pk=sync.translation_id),
            source_page=sync.source_id,
            from_revision=previous,
            to_revision=sync.source_revision_id,
        )
    return sync
