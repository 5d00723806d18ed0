"""The one place imports write: records from items.py become Masthead's pages, pictures,
bylines, tags, comments, subscribers and redirects.

Each item is written in its own transaction: an item that fails leaves nothing behind (its
files are removed too) and is reported by name; the others go on. What each item made is
remembered in ImportedObject with a checksum of the item as exported, so a second run skips
what is unchanged, updates what changed and adds only what is new.

Fast on purpose (bench/importers.py: 10,000 posts with 3 pictures each): the records of a
source are read once, tree positions are counted here instead of asked of the database per
page, pictures are inserted in one statement per post (their files are only copied: no
rendition is made, Wagtail makes them on first view), and nothing is published through
Wagtail's signal: stories are written live with their revision, so an import neither
narrates 10,000 stories nor purges the caches 10,000 times (quiet.py; one purge at the end).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import mimetypes
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from html import unescape
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from . import html_blocks, items
from .models import ImportedObject
from .report import Report

logger = logging.getLogger(__name__)

# Largest picture file read from an export: a bigger one is refused, not loaded in memory.
MAX_LOCAL_IMAGE_BYTES = 50 * 1024 * 1024
IMAGE_FORMATS = {"JPEG", "PNG", "GIF", "WEBP", "AVIF", "MPO"}


_NOTED = ("notes", "remote_not_fetched", "skipped")


class ItemError(Exception):
    """This item cannot be written; the message says why (the report names the item)."""


def checksum(record) -> str:
    """Of a record as exported, including the size and time of its local files: a changed
    picture file counts as a change."""

    def default(value):
        if isinstance(value, Path):
            try:
                stat = value.stat()
            except OSError:
                return f"{value}:missing"
            return f"{value}:{stat.st_size}:{stat.st_mtime_ns}"
        if isinstance(value, datetime):
            return value.isoformat()
        return str(value)

    data = json.dumps(asdict(record), default=default, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


@dataclass
class _Staged:
    """What one item added, applied to the writer's memory only once its transaction
    committed (and removed from storage if it did not)."""

    records: list[ImportedObject] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    cache: list[tuple[dict, object, object]] = field(default_factory=list)
    slugs: list[tuple[int, str]] = field(default_factory=list)
    steps: dict[int, int] = field(default_factory=dict)
    images: dict[str, object] = field(default_factory=dict)  # key → unsaved CustomImage


class Writer:
    """Writes one source's records. ``source`` names the site imported from (records of two
    different WordPress sites never meet); ``locate_image(src)`` turns an address used in a
    body into a picture record (a file of the export when there is one)."""

    def __init__(
        self,
        *,
        source: str,
        dry_run: bool = False,
        fetch_remote: bool = False,
        section: str = "news",
        locate_image: Callable[[str], items.Image | None] | None = None,
        progress: bool = True,
    ):
        from wagtail.models import Site

        self.source = source[:40]
        self.dry_run = dry_run
        self.fetch_remote = fetch_remote
        self.default_section = section or "news"
        self.locate_image = locate_image or (lambda src: None)
        self.progress = progress
        self.report = Report(dry_run=dry_run)
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise ItemError("This Masthead has no default site: create the site first.")
        self.site = site
        self.home = site.root_page
        # What exists already, read once: records of this source, tags, tree positions.
        self.records: dict[str, tuple[int, int, str]] = {
            key: (ct, pk, sums)
            for key, ct, pk, sums in ImportedObject.objects.filter(source=self.source).values_list(
                "key", "content_type_id", "object_id", "checksum"
            )
        }
        self.tags: dict[str, int] = {}
        self.sections: dict[str, object] = {}
        self.authors: dict[str, int] = {}
        self.commenters: dict[str, int] = {}
        self.newsletters: dict[str, object] = {}
        self._children: dict[int, dict] = {}
        self._types: dict[type, int] = {}
        self.touched_pages: list[int] = []
        self.batch: dict = {"images": []}
        self._redirects: set[str] | None = None
        self.static_changed = False
        from wagtail.models import Collection

        self.collection_id = Collection.get_first_root_node().pk

    # --- running ---------------------------------------------------------------------

    def run(self, posts: Iterable, subscribers: Iterable = (), *, total: int | None = None):
        """Write every record; returns the report. Quiet (quiet.py) unless a dry run."""
        from tqdm import tqdm

        from .quiet import quiet_import

        with quiet_import(enabled=not self.dry_run) as batch:
            self.batch = batch
            bar = tqdm(total=total, unit="item", disable=not self.progress or None)
            for record in posts:
                self._one(record, self._write_post)
                bar.update(1)
            for record in subscribers:
                self._one(record, self._write_subscriber)
                bar.update(1)
            bar.close()
            if not self.dry_run:
                self._purge_once(batch)
        return self.report

    def _one(self, record, write) -> None:
        if isinstance(record, items.Problem):
            self.report.failed.append((record.label, record.reason))
            return
        if isinstance(record, items.Skipped):
            self.report.skipped.append((record.label, record.reason))
            return
        staged = _Staged()
        # What the item noted on its way (a picture not fetched, a note) goes if it fails:
        # the report then names only the failure.
        marks = {name: len(getattr(self.report, name)) for name in _NOTED}
        try:
            with transaction.atomic():
                outcome = write(record, staged)
                if self.dry_run:
                    transaction.set_rollback(True)
        except Exception as error:  # noqa: BLE001 - one bad item must not stop the import
            for name in staged.files:
                default_storage.delete(name)
            for name, length in marks.items():
                del getattr(self.report, name)[length:]
            reason = str(error) if isinstance(error, ItemError) else _describe(error)
            if not isinstance(error, ItemError):
                logger.warning("Import of %s failed", record.label, exc_info=True)
            self.report.failed.append((record.label, reason))
            return
        if not self.dry_run:
            self._apply(staged)
        if outcome:
            outcome()

    def _apply(self, staged: _Staged) -> None:
        for mapping, key, value in staged.cache:
            mapping[key] = value
        for record in staged.records:
            self.records[record.key] = (record.content_type_id, record.object_id, record.checksum)
        for parent_id, slug in staged.slugs:
            self._children[parent_id]["slugs"].add(slug)
        for parent_id, step in staged.steps.items():
            self._children[parent_id]["step"] = step

    def _remember(self, staged, key, obj, sums="") -> None:
        """Record (after the item's other writes) that ``key`` of this source made ``obj``."""
        staged.records.append(
            ImportedObject(
                source=self.source,
                key=key[:255],
                content_type_id=self._type_id(type(obj)),
                object_id=obj.pk,
                checksum=sums,
            )
        )

    def _type_id(self, model) -> int:
        if model not in self._types:
            self._types[model] = ContentType.objects.get_for_model(model).pk
        return self._types[model]

    def _save_records(self, staged, updated: dict[str, str]) -> None:
        new = [r for r in staged.records if r.key not in self.records]
        ImportedObject.objects.bulk_create(new)
        for key, sums in updated.items():
            ImportedObject.objects.filter(source=self.source, key=key).update(
                checksum=sums, updated_at=timezone.now()
            )
            ct, pk, _ = self.records[key]
            staged.records.append(
                ImportedObject(
                    source=self.source, key=key, content_type_id=ct, object_id=pk, checksum=sums
                )
            )

    # --- posts -----------------------------------------------------------------------

    def _write_post(self, post: items.Post, staged: _Staged):
        from masthead.news.models import ArticlePage, StaticPage

        key = f"post:{post.key}"
        sums = checksum(post)
        known = self.records.get(key)
        if known and known[2] == sums:
            self.report.unchanged += 1
            return None
        model = ArticlePage if post.kind == items.ARTICLE else StaticPage
        page = None
        if known:
            page = model.objects.filter(pk=known[1]).first()
            if page is None:
                # Deleted in Masthead since the last run: an editor's choice, kept.
                self.report.skipped.append((post.label, "deleted in Masthead since imported"))
                return None
            if self._edited_here(page, key):
                self.report.skipped.append(
                    (post.label, "edited in Masthead since imported: not overwritten")
                )
                return None
        conversion = html_blocks.convert(post.body_html, pull_quotes=model is ArticlePage)
        if post.body_note:
            self.report.notes.append((post.label, post.body_note))
        body = self._resolve_images(post, conversion.blocks, staged)
        lead = self._image(post.featured_image, post, staged) if post.featured_image else None
        self._insert_images(staged)
        body = [_with_image_id(block) for block in body]
        lead = getattr(lead, "pk", lead)
        if page is None:
            page = self._create_page(model, post, body, lead, staged)
        else:
            self._update_page(page, post, body, lead, staged)
        if model is ArticlePage:
            self._comments(page, post, staged)
        self._redirect(page, post)
        if page is not None and known is None:
            self._remember(staged, key, page, sums)
        self._save_records(staged, {key: sums} if known else {})
        self.touched_pages.append(page.pk)
        self.static_changed |= model is StaticPage

        def outcome():
            (self.report.updated if known else self.report.imported).append(post.label)
            self.report.raw_kept += [(post.label, what) for what in conversion.raw_kept]
            self.report.removed += [(post.label, what) for what in conversion.removed]
            self.report.notes += [(post.label, what) for what in conversion.notes]

        return outcome

    def _page_fields(self, page, post: items.Post, body, lead) -> None:
        from masthead.news.models import ArticlePage

        live = post.status == items.PUBLISHED
        page.title = page.draft_title = post.title[:255] or "(untitled)"
        page.seo_title = ""
        page.search_description = post.excerpt[:1000] if post.excerpt else ""
        page.live = live
        page.has_unpublished_changes = not live
        published = post.published_at or post.updated_at
        page.first_published_at = published if live else None
        page.last_published_at = (post.updated_at or published) if live else None
        page.latest_revision_created_at = post.updated_at or published or timezone.now()
        page.body = body
        page.standfirst = _standfirst(post, body)
        if isinstance(page, ArticlePage):
            page.is_premium = post.premium
            page.lead_image_id = lead
            page.lead_image_caption = ""

    def _create_page(self, model, post: items.Post, body, lead, staged):
        from wagtail.models import Page

        parent = self._section(post.section) if post.kind == items.ARTICLE else self.home
        children = self._children_of(parent)
        slug = self._free_slug(parent, post.slug or post.title, staged)
        step = staged.steps.get(parent.pk, children["step"]) + 1
        staged.steps[parent.pk] = step
        page = model(slug=slug, locale_id=parent.locale_id)
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, step)
        page.numchild = 0
        page._cached_parent_obj = parent  # Page.save reads the parent for url_path
        page._is_site_root = False  # a new story is no site's root: spares Page.save a query
        self._page_fields(page, post, body, lead)
        # No "created" log entry per page (a third of Page.save's time): the import is
        # recorded once in the audit log instead (command.py).
        page.save(clean=False, log_action=None)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
        self._children_rows(page, post, staged, new=True)
        # No revision: like pages loaded in bulk, an imported page is its own first version
        # (the editor opens it as it is; the first save there makes the first revision).
        # Serialising a revision per page would cost a third of the import.
        return page

    def _update_page(self, page, post: items.Post, body, lead, staged) -> None:
        was_live = page.live
        self._page_fields(page, post, body, lead)
        if page.live and was_live and page.first_published_at is None:
            page.first_published_at = timezone.now()
        page.save(clean=False)
        self._children_rows(page, post, staged, new=False)
        if page.latest_revision_id:
            # The editor opens the latest revision: it must hold the update.
            self._revision(page)

    def _edited_here(self, page, key: str) -> bool:
        """Whether someone saved the page in Masthead after the import last wrote it."""
        from wagtail.models import Revision

        written = (
            ImportedObject.objects.filter(source=self.source, key=key)
            .values_list("updated_at", flat=True)
            .first()
        )
        revisions = Revision.objects.filter(
            base_content_type_id=self._type_id(_page_model()),
            object_id=str(page.pk),
            user__isnull=False,
        )
        return bool(written and revisions.filter(created_at__gt=written).exists())

    def _revision(self, page) -> None:
        """The page's revision, as Wagtail's editor would have saved it: the history shows
        the imported version, and editing starts from it. Live pages are published by
        setting their fields (no page_published signal: see the module's docstring)."""
        from wagtail.models import Page, Revision

        revision = Revision.objects.create(
            content_object=page,
            base_content_type_id=self._type_id(Page),
            object_str=str(page)[:255],
            content=page.serializable_data(),
            created_at=timezone.now(),
        )
        Page.objects.filter(pk=page.pk).update(
            latest_revision=revision, live_revision=revision if page.live else None
        )

    def _children_rows(self, page, post: items.Post, staged, *, new: bool) -> None:
        """Bylines and tags, written in one statement each."""
        from masthead.news.models import ArticleAuthor, ArticlePage, ArticleTag

        if not isinstance(page, ArticlePage):
            return
        author_ids = list(dict.fromkeys(self._author(a, staged) for a in post.authors))
        tag_ids = list(dict.fromkeys(self._tag(name, staged) for name in post.tags if name))
        if not new:
            ArticleAuthor.objects.filter(page=page).delete()
            ArticleTag.objects.filter(content_object=page).delete()
        ArticleAuthor.objects.bulk_create(
            [ArticleAuthor(page=page, author_id=a, sort_order=i) for i, a in enumerate(author_ids)]
        )
        ArticleTag.objects.bulk_create(
            [
                ArticleTag(content_object=page, tag_id=t, published_at=page.first_published_at)
                for t in tag_ids
            ]
        )

    def _children_of(self, parent) -> dict:
        from wagtail.models import Page

        if parent.pk not in self._children:
            rows = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            last = rows.order_by("-path").values_list("path", flat=True).first()
            self._children[parent.pk] = {
                "step": Page._str2int(last[-Page.steplen :]) if last else 0,
                "slugs": set(rows.values_list("slug", flat=True)),
            }
        return self._children[parent.pk]

    def _free_slug(self, parent, wanted: str, staged) -> str:
        taken = self._children_of(parent)["slugs"] | {s for p, s in staged.slugs if p == parent.pk}
        base = (slugify(wanted, allow_unicode=True) or "post")[:240]
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        staged.slugs.append((parent.pk, slug))
        return slug

    def _section(self, name: str):
        from masthead.news.models import SectionPage

        name = (name or self.default_section).strip()
        slug = slugify(name, allow_unicode=True)[:240] or "news"
        if slug in self.sections:
            return self.sections[slug]
        found = SectionPage.objects.child_of(self.home).filter(slug=slug).first()
        if found is None:
            title = name if name != slug else name.replace("-", " ").title()
            found = SectionPage(title=title[:255], slug=slug)
            self.home.add_child(instance=found)
            found.save_revision().publish()
            self.report.notes.append((f"section {slug}", "created"))
            self.home.refresh_from_db(fields=["numchild"])
            # add_child took the next position under the home page: pages counted there
            # must be counted again.
            self._children.pop(self.home.pk, None)
        # Remembered at once: a section made for an item that then fails is rolled back,
        # and the next item that names it finds it missing again (so it is never stale).
        if not self.dry_run:
            transaction.on_commit(lambda: self.sections.__setitem__(slug, found))
        return found

    def _tag(self, name: str, staged) -> int:
        from taggit.models import Tag

        name = " ".join(name.split())[:100]
        folded = name.lower()
        if folded in self.tags:
            return self.tags[folded]
        tag = Tag.objects.filter(name__iexact=name).first()
        if tag is None:
            base = slugify(name, allow_unicode=True)[:90] or "tag"
            slug, n = base, 1
            while Tag.objects.filter(slug=slug).exists():
                n += 1
                slug = f"{base}-{n}"
            tag = Tag.objects.create(name=name, slug=slug)
        staged.cache.append((self.tags, folded, tag.pk))
        return tag.pk

    def _author(self, author: items.Author, staged) -> int:
        from masthead.people.models import Author

        key = f"author:{author.key}"
        if key in self.authors:
            return self.authors[key]
        known = self.records.get(key)
        found = Author.objects.filter(pk=known[1]).first() if known else None
        slug = slugify(author.slug or author.name)[:140] or "author"
        if found is None:
            found = Author.objects.filter(slug=slug).first()
        if found is None:
            found = Author(
                name=author.name[:120] or slug,
                slug=slug,
                bio=html_blocks.rich_text(author.bio) if author.bio else "",
                website=author.website[:200] if author.website.startswith("http") else "",
            )
            found.save()
        if not known:
            self._remember(staged, key, found)
        staged.cache.append((self.authors, key, found.pk))
        return found.pk

    # --- pictures --------------------------------------------------------------------

    def _resolve_images(self, post: items.Post, blocks: list[dict], staged) -> list[dict]:
        """Body blocks with each picture placeholder imported, or, for a picture that cannot
        be (remote without --fetch-remote), a link to it in its place, reported."""
        out = []
        for block in blocks:
            if block["type"] != "image":
                out.append(block)
                continue
            ref = block["value"]["image"]
            record = self.locate_image(ref.src) or items.Image(key=ref.src, url=ref.src)
            if not record.alt:
                record.alt = ref.alt
            image_id = self._image(record, post, staged)
            if image_id is None:
                label = html_blocks.escape(ref.alt or block["value"]["caption"] or "Picture")
                link = f'<p><a href="{html_blocks.escape(ref.src)}">{label}</a></p>'
                out.append({**block, "type": "paragraph", "value": html_blocks.rich_text(link)})
                continue
            out.append({**block, "value": {**block["value"], "image": image_id}})
        return out

    def _image(self, record: items.Image, post: items.Post, staged) -> int | None:
        from masthead.images.models import CustomImage

        key = f"image:{record.key}"
        known = self.records.get(key)
        if known:
            return known[1]
        if key in staged.images:
            return staged.images[key]
        if record.path is not None:
            data = _read_local(record.path)
            name = record.path.name
        elif not record.url:
            return None
        elif not self.fetch_remote:
            self.report.remote_not_fetched.append((post.label, record.url[:300]))
            return None
        else:
            from .remote import FetchError, fetch_image

            try:
                data, content_type = fetch_image(record.url)
            except FetchError as error:
                self.report.remote_not_fetched.append((post.label, str(error)))
                return None
            name = PurePosixPath(unquote(urlsplit(record.url).path)).name or "picture"
            if "." not in name:
                name += mimetypes.guess_extension(content_type) or ".jpg"
        width, height = _picture_size(data, record)
        image = CustomImage(
            title=(record.title or Path(name).stem)[:255],
            width=width,
            height=height,
            file_size=len(data),
            file_hash=hashlib.sha1(data, usedforsecurity=False).hexdigest(),
            caption=record.caption,
            credit=record.credit[:255],
            description=record.alt[:255],
            collection_id=self.collection_id,
            created_at=timezone.now(),
        )
        stored = image.get_upload_to(name)
        if not self.dry_run:
            stored = default_storage.save(stored, ContentFile(data))
            staged.files.append(stored)
        image.file.name = stored
        image._import_checksum = checksum(record)
        staged.images[key] = image
        return image

    def _insert_images(self, staged) -> None:
        """The post's new pictures in one INSERT, without save(): no rendition task and no
        per-picture purge (quiet.py indexes them for search at the end)."""
        from masthead.images.models import CustomImage

        new = [image for image in staged.images.values() if image.pk is None]
        if not new:
            return
        CustomImage.objects.bulk_create(new)
        for key, image in staged.images.items():
            if image in new:
                self._remember(staged, key, image, image._import_checksum)
        self.batch["images"].extend(image.pk for image in new)

    # --- comments, redirects -----------------------------------------------------------

    def _comments(self, page, post: items.Post, staged) -> None:
        """Approved comments (the parser drops the others), each once: a second run adds
        only comments new in the export; ones moderated here since are left alone."""
        from masthead.comments.models import Comment

        made: dict[str, Comment] = {}
        for comment in sorted(post.comments, key=lambda c: c.created_at):
            key = f"comment:{post.key}:{comment.key}"
            if key in self.records:
                continue
            parent = made.get(comment.parent_key)
            parent_id = None
            if parent is not None:
                parent_id = parent.parent_id or parent.pk
            elif comment.parent_key and f"comment:{post.key}:{comment.parent_key}" in self.records:
                parent_id = self.records[f"comment:{post.key}:{comment.parent_key}"][1]
            row = Comment.objects.create(
                article=page,
                parent_id=parent_id,
                author_id=self._commenter(comment, staged),
                body=html_blocks.nh3.clean(comment.body, tags=set()).strip()[:10000],
                status=Comment.PUBLISHED,
                created_at=comment.created_at,
            )
            made[comment.key] = row
            self._remember(staged, key, row)

    def _commenter(self, comment: items.Comment, staged) -> int:
        """An inactive account per commenter (comments belong to accounts): it shows their
        name, cannot sign in, and can be claimed or erased like any reader's."""
        from django.contrib.auth import get_user_model

        who = (comment.author_name or "Reader").strip()[:80]
        key = f"commenter:{who.lower()}"
        if key in self.commenters:
            return self.commenters[key]
        known = self.records.get(key)
        if known:
            return known[1]
        digest = hashlib.sha1(f"{self.source}:{key}".encode(), usedforsecurity=False)
        user = get_user_model()(
            username=f"imported-{digest.hexdigest()[:16]}", display_name=who, is_active=False
        )
        user.set_unusable_password()
        user.save()
        self._remember(staged, key, user)
        staged.cache.append((self.commenters, key, user.pk))
        return user.pk

    def _redirect(self, page, post: items.Post) -> None:
        from wagtail.contrib.redirects.models import Redirect

        if not post.old_path:
            return
        old = Redirect.normalise_path(post.old_path)
        new = Redirect.normalise_path(page.url_path[len(self.home.url_path) - 1 :])
        if not old or old in {"/", new}:
            return
        if self._redirects is None:
            self._redirects = set(
                Redirect.objects.filter(site=self.site).values_list("old_path", flat=True)
            )
        if old not in self._redirects:
            Redirect.objects.create(
                site=self.site, old_path=old, redirect_page=page, is_permanent=True
            )
            transaction.on_commit(lambda: self._redirects.add(old))
            return
        Redirect.objects.update_or_create(
            site=self.site,
            old_path=old,
            defaults={"redirect_page": page, "redirect_link": "", "is_permanent": True},
        )

    # --- subscribers -------------------------------------------------------------------

    def _write_subscriber(self, record: items.Subscriber, staged):
        from masthead.newsletters.models import Subscriber, Subscription

        email = record.email.strip()
        try:
            validate_email(email)
        except ValidationError as error:
            raise ItemError(f"not an email address: {email[:100]!r}") from error
        key = f"subscription:{record.key}"
        sums = checksum(record)
        known = self.records.get(key)
        if known and known[2] == sums:
            self.report.unchanged += 1
            return None
        newsletter = self._newsletter(record.newsletter)
        subscriber = Subscriber.objects.filter(email__iexact=email).first()
        if subscriber is None:
            subscriber = Subscriber.objects.create(email=email)
        subscription = Subscription.objects.filter(
            subscriber=subscriber, newsletter=newsletter
        ).first()
        new = subscription is None
        if subscription is not None and subscription.status == Subscription.UNSUBSCRIBED:
            self.report.skipped.append(
                (record.label, "unsubscribed in Masthead: not subscribed again")
            )
            return None
        if subscription is None:
            subscription = Subscription(subscriber=subscriber, newsletter=newsletter)
        if subscription.status != Subscription.ACTIVE or subscription.confirmed_at is None:
            subscription.status = Subscription.ACTIVE
            subscription.confirmed_at = record.consent_at
            subscription.consent_source = Subscription.IMPORTED
            subscription.save()
        if not record.consent_at:
            self.report.notes.append((record.label, "no consent time in the export"))
        if known:
            self._save_records(staged, {key: sums})
        else:
            self._remember(staged, key, subscription, sums)
            self._save_records(staged, {})

        def outcome():
            if new:
                self.report.subscribers_imported += 1
            else:
                self.report.subscribers_updated += 1

        return outcome

    def _newsletter(self, name: str):
        from masthead.newsletters.models import Newsletter

        wanted = (name or "newsletter").strip()
        if wanted.lower() in self.newsletters:
            return self.newsletters[wanted.lower()]
        slug = slugify(wanted)[:120] or "newsletter"
        found = (
            Newsletter.objects.filter(slug=slug).first()
            or Newsletter.objects.filter(name__iexact=wanted).first()
        )
        if found is None:
            found = Newsletter.objects.create(name=wanted[:120], slug=slug, is_active=False)
            self.report.notes.append(
                (f"newsletter {wanted}", "created, not offered in sign-up forms until activated")
            )
        if not self.dry_run:
            transaction.on_commit(lambda: self.newsletters.__setitem__(wanted.lower(), found))
        return found

    # --- the end -----------------------------------------------------------------------

    def _purge_once(self, batch) -> None:
        """One purge for the whole import: lists of stories, bylines, the URL tree (new
        pages and redirects answer paths that may have been stored as not found), and the
        pages that were updated, with the front page and the sections at the edge."""
        from masthead.caching import tags as cache_tags
        from masthead.caching.purge import page_path

        if not self.touched_pages:
            return
        batch["tags"].update(
            [cache_tags.LISTING, cache_tags.FEED, cache_tags.PEOPLE, cache_tags.TREE]
        )
        if self.static_changed:
            batch["tags"].add(cache_tags.SITE)
        batch["tags"].update(cache_tags.page(pk) for pk in self.touched_pages)
        batch["paths"].add("/")
        for section in self.sections.values():
            path = page_path(section)
            if path:
                batch["paths"].add(path)


def _with_image_id(block: dict) -> dict:
    if block["type"] == "image" and hasattr(block["value"]["image"], "pk"):
        return {**block, "value": {**block["value"], "image": block["value"]["image"].pk}}
    return block


def _page_model():
    from wagtail.models import Page

    return Page


def _read_local(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ItemError(f"missing file {path}") from error
    if size > MAX_LOCAL_IMAGE_BYTES:
        raise ItemError(f"picture {path.name} is larger than {MAX_LOCAL_IMAGE_BYTES} bytes")
    with open(path, "rb") as handle:
        return handle.read()


def _picture_size(data: bytes, record: items.Image) -> tuple[int, int]:
    """(width, height) of a picture file; ItemError if it is not one of the formats the
    site serves."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as picture:
            if picture.format not in IMAGE_FORMATS:
                raise ItemError(f"picture {record.key} is a {picture.format}, not a photo format")
            return picture.size
    except (UnidentifiedImageError, OSError) as error:
        raise ItemError(f"picture {record.key} is not a readable image") from error


def _standfirst(post: items.Post, body) -> str:
    text = html_blocks.nh3.clean(post.excerpt or "", tags=set())
    if not text.strip():
        for block in body:
            if block["type"] == "paragraph":
                text = html_blocks.nh3.clean(block["value"], tags=set())
                if text.strip():
                    break
    text = " ".join(unescape(text).split())
    return text if len(text) <= 500 else text[:499].rsplit(" ", 1)[0] + "…"


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:500]
