"""WordPress eXtended RSS (WXR, versions 1.0 to 1.2: Tools → Export) read into items.py.

Posts become articles and pages pages; authors, categories (sections or tags), tags, dates,
statuses, excerpts, featured images (``_thumbnail_id`` → the attachment), attachments and
approved comments come along; each post's ``<link>`` is its old URL. Parsed with defusedxml:
an export with a DTD or entities (a "billion laughs", an external file) is refused.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeTree

from . import items
from .items import Export, ExportError

VERSIONS = {"1.0", "1.1", "1.2"}
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
EXCERPT_NAMESPACES = [f"{{http://wordpress.org/export/{v}/excerpt/}}" for v in sorted(VERSIONS)]
_SIZED = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")
_CAPTION_SHORTCODE = re.compile(r"\[caption[^\]]*\](.*?)\[/caption\]", re.DOTALL | re.IGNORECASE)
_IMG_TAG = re.compile(r"(<a [^>]*>\s*)?<img [^>]*>(\s*</a>)?", re.IGNORECASE)
UPLOADS = "/wp-content/uploads/"


def read(path: Path, *, media_dir: Path | None = None, categories_as: str = "sections") -> Export:
    try:
        tree = SafeTree.parse(str(path))
    except FileNotFoundError as error:
        raise ExportError(f"{path}: no such file") from error
    except DefusedXmlException as error:
        raise ExportError(f"{path}: refused, the file declares {error}") from error
    except SafeTree.ParseError as error:
        raise ExportError(f"{path}: not well-formed XML ({error})") from error
    except OSError as error:
        raise ExportError(f"{path}: cannot read it ({error})") from error
    channel = tree.getroot().find("channel")
    if tree.getroot().tag != "rss" or channel is None:
        raise ExportError(f"{path}: not a WordPress export (no <rss><channel>)")
    wp = _wp_namespace(channel, path)
    reader = _Reader(channel, wp, media_dir, categories_as)
    return reader.export()


def _wp_namespace(channel, path) -> str:
    for child in channel:
        if child.tag.endswith("}wxr_version") and child.tag.startswith("{http://wordpress.org"):
            version = (child.text or "").strip()
            if version not in VERSIONS:
                raise ExportError(
                    f"{path}: WXR version {version or '(empty)'} is not one this importer "
                    f"reads ({', '.join(sorted(VERSIONS))})"
                )
            return child.tag[: -len("wxr_version")]
    raise ExportError(f"{path}: not a WordPress export (no wp:wxr_version)")


def _text(element, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "").strip() if found is not None and found.text else ""


def _date(value: str) -> datetime | None:
    """A WXR date ("2024-03-01 09:30:00", UTC when from a *_gmt field), or None."""
    if not value or value.startswith("0000"):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


class _Reader:
    def __init__(self, channel, wp: str, media_dir: Path | None, categories_as: str):
        self.channel = channel
        self.wp = wp
        self.media_dir = media_dir
        self.categories_as = categories_as
        self.authors: dict[str, items.Author] = {}
        self.attachments: dict[str, items.Image] = {}  # by post id
        self.by_file: dict[str, items.Image] = {}  # by path under uploads
        base = _text(channel, f"{wp}base_site_url") or _text(channel, "link")
        self.host = urlsplit(base).hostname or "site"

    def export(self) -> Export:
        wp = self.wp
        for element in self.channel.findall(f"{wp}author"):
            login = _text(element, f"{wp}author_login")
            if login:
                self.authors[login] = items.Author(
                    key=login,
                    name=_text(element, f"{wp}author_display_name") or login,
                    slug=login,
                    email=_text(element, f"{wp}author_email"),
                )
        entries = self.channel.findall("item")
        for element in entries:  # attachments first: posts refer to them
            if _text(element, f"{wp}post_type") == "attachment":
                self._attachment(element)
        export = Export(source=f"wordpress:{self.host}"[:40], locate_image=self.locate)
        for element in entries:
            kind = _text(element, f"{wp}post_type")
            if kind == "attachment":
                continue
            post_id = _text(element, f"{wp}post_id") or "?"
            title = _text(element, "title")
            if kind not in {"post", "page"}:
                continue  # menus, blocks, custom types: not content Masthead keeps
            status = _text(element, f"{wp}status")
            if status in {"trash", "auto-draft", "inherit"}:
                noun = items.ARTICLE if kind == "post" else items.PAGE
                label = f"{noun} {post_id} “{title[:60]}”"
                export.posts.append(items.Skipped(label, f"status “{status}” in WordPress"))
                continue
            try:
                export.posts.append(self._post(element, kind))
            except ValueError as error:
                noun = items.ARTICLE if kind == "post" else items.PAGE
                export.posts.append(items.Problem(f"{noun} {post_id} “{title[:60]}”", str(error)))
        return export

    def _attachment(self, element) -> None:
        wp = self.wp
        post_id = _text(element, f"{wp}post_id")
        url = _text(element, f"{wp}attachment_url")
        meta = self._meta(element)
        relative = meta.get("_wp_attached_file") or _under_uploads(url)
        image = items.Image(
            key=f"attachment:{post_id}",
            url=url,
            title=_text(element, "title"),
            caption=_excerpt(element),
            alt=meta.get("_wp_attachment_image_alt", ""),
        )
        if self.media_dir is not None and relative:
            image.path = self.media_dir / relative
        self.attachments[post_id] = image
        if relative:
            self.by_file[relative] = image

    def locate(self, src: str) -> items.Image | None:
        """The picture a body's address refers to: an attachment when the address is one
        of the uploads (or a resized copy of one), else a file of the media folder."""
        relative = _under_uploads(src)
        if not relative:
            return None
        original = _SIZED.sub("", relative)
        for candidate in (relative, original):
            if candidate in self.by_file:
                found = self.by_file[candidate]
                return items.Image(**found.__dict__)
        if self.media_dir is not None:
            return items.Image(key=f"file:{original}", path=self.media_dir / original, url=src)
        return items.Image(key=f"url:{src}", url=src)

    def _meta(self, element) -> dict[str, str]:
        wp = self.wp
        return {
            _text(m, f"{wp}meta_key"): _text(m, f"{wp}meta_value")
            for m in element.findall(f"{wp}postmeta")
        }

    def _post(self, element, kind: str) -> items.Post:
        wp = self.wp
        post_id = _text(element, f"{wp}post_id")
        if not post_id:
            raise ValueError("no wp:post_id")
        status = _text(element, f"{wp}status")
        title = _text(element, "title")
        meta = self._meta(element)
        categories, tags = [], []
        for category in element.findall("category"):
            name = (category.text or "").strip()
            if not name:
                continue
            if category.get("domain") == "category":
                if category.get("nicename") != "uncategorized":
                    categories.append(name)
            elif category.get("domain") == "post_tag":
                tags.append(name)
        section = ""
        if self.categories_as == "sections" and categories:
            section, categories = categories[0], categories[1:]
        login = _text(element, f"{DC}creator")
        authors = [self.authors.get(login) or items.Author(key=login, name=login)] if login else []
        featured = self.attachments.get(meta.get("_thumbnail_id", ""))
        link = _text(element, "link")
        parts = urlsplit(link)
        old_path = parts.path + (f"?{parts.query}" if parts.query else "") if link else ""
        published = _date(_text(element, f"{wp}post_date_gmt")) or _date(
            _text(element, f"{wp}post_date")
        )
        post = items.Post(
            source="wordpress",
            key=post_id,
            kind=items.ARTICLE if kind == "post" else items.PAGE,
            title=title,
            slug=_text(element, f"{wp}post_name") or title,
            old_path=old_path,
            status=items.PUBLISHED if status == "publish" else items.DRAFT,
            published_at=published,
            updated_at=_date(_text(element, f"{wp}post_modified_gmt")) or published,
            excerpt=_excerpt(element),
            body_html=_captions_to_figures(_text(element, f"{CONTENT}encoded")),
            authors=authors,
            section=section,
            tags=categories + tags,
            featured_image=items.Image(**featured.__dict__) if featured else None,
            comments=self._comments(element),
        )
        if status == "future":
            post.body_note = "scheduled in WordPress: imported as a draft"
        return post

    def _comments(self, element) -> list[items.Comment]:
        wp = self.wp
        found = []
        for comment in element.findall(f"{wp}comment"):
            if _text(comment, f"{wp}comment_approved") != "1":
                continue
            if _text(comment, f"{wp}comment_type") not in {"", "comment"}:
                continue  # pingbacks and trackbacks
            when = _date(_text(comment, f"{wp}comment_date_gmt")) or _date(
                _text(comment, f"{wp}comment_date")
            )
            parent = _text(comment, f"{wp}comment_parent")
            found.append(
                items.Comment(
                    key=_text(comment, f"{wp}comment_id"),
                    author_name=_text(comment, f"{wp}comment_author"),
                    body=_text(comment, f"{wp}comment_content"),
                    created_at=when or datetime.now(UTC),
                    parent_key="" if parent in {"", "0"} else parent,
                )
            )
        return found


def _excerpt(element) -> str:
    for namespace in EXCERPT_NAMESPACES:
        value = _text(element, f"{namespace}encoded")
        if value:
            return value
    return ""


def _under_uploads(url: str) -> str:
    path = unquote(urlsplit(url).path) if url else ""
    if UPLOADS not in path:
        return ""
    relative = path.split(UPLOADS, 1)[1]
    if ".." in relative.split("/"):
        return ""
    return relative


def _captions_to_figures(html: str) -> str:
    """WordPress's [caption] shortcode as the <figure> it renders."""

    def figure(match):
        inner = match.group(1)
        picture = _IMG_TAG.search(inner)
        if not picture:
            return inner
        caption = (inner[: picture.start()] + inner[picture.end() :]).strip()
        return f"<figure>{picture.group(0)}<figcaption>{caption}</figcaption></figure>"

    return _CAPTION_SHORTCODE.sub(figure, html or "")
