"""What changed in a translation's source since the revision the translation follows: field
by field (headline, standfirst, ...), then the body block by block, each as a word diff."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from django.db import models
from django.utils.html import strip_tags
from wagtail.fields import StreamField
from wagtail.models import Page

from .models import TranslationSync
from .services import source_revision_of

# Page's own fields a translator cares about; a subclass's own editable fields are added.
PAGE_FIELDS = ["title", "seo_title", "search_description"]


@dataclass
class Words:
    """A word diff: (kind, text) pieces, kind being "same", "removed" or "added"."""

    pieces: list[tuple[str, str]]


@dataclass
class Change:
    label: str
    kind: str  # "changed", "added", "removed"
    diff: Words | None = None


@dataclass
class SourceChanges:
    available: bool
    reason: str = ""
    changes: list[Change] = field(default_factory=list)


def word_diff(old: str, new: str) -> Words:
    a, b = old.split(), new.split()
    pieces: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("same", " ".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(("removed", " ".join(a[i1:i2])))
        if op in ("insert", "replace"):
            pieces.append(("added", " ".join(b[j1:j2])))
    return Words(pieces)


def _text(value) -> str:
    return " ".join(strip_tags(str(value or "")).split())


def _block_text(child) -> str:
    try:
        parts = child.block.get_searchable_content(child.value)
    except Exception:  # noqa: BLE001 - a block without text support still shows as changed
        parts = [str(child.value)]
    return _text(" ".join(str(p) for p in parts))


def _block_label(child, position: int) -> str:
    name = child.block.label or child.block_type.replace("_", " ").capitalize()
    return f"Body block {position}: {name}"


def _compared_fields(model) -> list[models.Field]:
    own = [
        f
        for f in model._meta.concrete_fields
        if f.model is model and f.editable and not f.primary_key and not f.is_relation
    ]
    return [model._meta.get_field(name) for name in PAGE_FIELDS] + own


def _stream_changes(name: str, old, new) -> list[Change]:
    old_blocks = {child.id: child for child in old}
    new_ids = set()
    changes = []
    for position, child in enumerate(new, start=1):
        new_ids.add(child.id)
        before = old_blocks.get(child.id)
        label = _block_label(child, position)
        if before is None:
            changes.append(Change(label, "added", word_diff("", _block_text(child))))
        elif before.block_type != child.block_type or _block_text(before) != _block_text(child):
            changes.append(
                Change(label, "changed", word_diff(_block_text(before), _block_text(child)))
            )
    for position, child in enumerate(old, start=1):
        if child.id not in new_ids:
            label = _block_label(child, position) + " (old position)"
            changes.append(Change(label, "removed", word_diff(_block_text(child), "")))
    return changes


def compare(old: Page, new: Page) -> list[Change]:
    """Changes from `old` to `new`, two versions of the same specific page."""
    changes = []
    for model_field in _compared_fields(type(new)):
        before = getattr(old, model_field.attname)
        after = getattr(new, model_field.attname)
        label = str(model_field.verbose_name).capitalize()
        if isinstance(model_field, StreamField):
            changes.extend(_stream_changes(label, before, after))
        elif _text(before) != _text(after):
            changes.append(Change(label, "changed", word_diff(_text(before), _text(after))))
    for relation in ("lead_image_id", "social_image_id"):
        if hasattr(new, relation) and getattr(old, relation) != getattr(new, relation):
            changes.append(
                Change(relation.removesuffix("_id").replace("_", " ").capitalize(), "changed")
            )
    if hasattr(new, "tags"):
        before = sorted(tag.name for tag in old.tags.all())
        after = sorted(tag.name for tag in new.tags.all())
        if before != after:
            changes.append(
                Change("Tags", "changed", word_diff(", ".join(before), ", ".join(after)))
            )
    return changes


def source_changes(sync: TranslationSync) -> SourceChanges:
    """The source's changes since the revision `sync` follows, for the translator."""
    if sync.source_revision_id is None:
        return SourceChanges(False, "The revision this translation was based on no longer exists.")
    source = Page.objects.get(pk=sync.source_id).specific
    current = source_revision_of(source)
    if current is None or current.pk == sync.source_revision_id:
        return SourceChanges(True)
    old = sync.source_revision.as_object()
    new = current.as_object()
    return SourceChanges(True, changes=compare(old, new))
