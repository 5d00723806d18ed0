"""Translations follow their sources: a copy starts one, a new publish of the source makes
it out of date."""

from wagtail.signals import copy_for_translation_done, page_published


def translation_copied(sender, source_obj, target_obj, **kwargs):
    from wagtail.models import Page

    from .services import translation_started

    # Parents copied along as aliases are not translations anyone edits.
    if isinstance(target_obj, Page) and not target_obj.alias_of_id:
        translation_started(source=source_obj, translation=target_obj)


def source_published(sender, instance, revision=None, **kwargs):
    from .services import source_published as mark

    mark(source_id=instance.pk, revision_id=getattr(revision, "pk", None))


def connect():
    copy_for_translation_done.connect(translation_copied, dispatch_uid="translations_copied")
    page_published.connect(source_published, dispatch_uid="translations_source_published")
