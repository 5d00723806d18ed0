"""Ghost's JSON export (Settings → Labs → Export, versions 4 to 6) read into items.py.

``db[0].data`` holds the tables: posts (and pages, ``type: page``), posts_meta (the feature
image's alt text and caption since 4.x), users, posts_authors (ordered bylines), tags and
posts_tags (internal ``#`` tags ignored, or kept as plain tags), newsletters, members and
members_newsletters. A post's body is its ``html`` field; an export holding only lexical or
mobiledoc for a post says so in the report. Pictures under ``/content/images/`` are read from
the ``--content`` folder (its ``images`` directory).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import items
from .items import Export, ExportError

MAJOR_VERSIONS = {4, 5, 6}
GHOST_URL = "__GHOST_URL__"
_SIZED = re.compile(r"^/content/images/size/w\d+(?:h\d+)?/")
PREMIUM_VISIBILITY = {"members", "paid", "tiers", "specific"}


def read(path: Path, *, content_dir: Path | None = None, internal_tags: str = "ignore"):
    try:
        raw = path.read_bytes()
    except FileNotFoundError as error:
        raise ExportError(f"{path}: no such file") from error
    except OSError as error:
        raise ExportError(f"{path}: cannot read it ({error})") from error
    try:
        document = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ExportError(f"{path}: not valid JSON ({error})") from error
    try:
        db = document["db"][0]
        meta, data = db["meta"], db["data"]
        version = str(meta.get("version", ""))
    except (KeyError, IndexError, TypeError, AttributeError) as error:
        raise ExportError(f"{path}: not a Ghost export (no db[0].meta and db[0].data)") from error
    major = version.split(".", 1)[0]
    if not major.isdigit() or int(major) not in MAJOR_VERSIONS:
        raise ExportError(
            f"{path}: Ghost version {version or '(none)'} is not one this importer reads (4 to 6)"
        )
    if not isinstance(data, dict) or not isinstance(data.get("posts", []), list):
        raise ExportError(f"{path}: db[0].data.posts is not a list")
    return _Reader(data, content_dir, internal_tags).export()


def _date(value) -> datetime | None:
    if not value:
        return None
    if isinstance(value, int | float):  # some versions write milliseconds
        from datetime import UTC

        return datetime.fromtimestamp(value / 1000, tz=UTC)
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def _rows(data: dict, table: str) -> list[dict]:
    rows = data.get(table) or []
    return [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []


class _Reader:
    def __init__(self, data: dict, content_dir: Path | None, internal_tags: str):
        self.data = data
        self.content_dir = content_dir
        self.internal_tags = internal_tags
        self.users = {
            str(u.get("id")): items.Author(
                key=str(u.get("slug") or u.get("id")),
                name=str(u.get("name") or u.get("slug") or "Author"),
                slug=str(u.get("slug") or ""),
                email=str(u.get("email") or ""),
                bio=str(u.get("bio") or ""),
                website=str(u.get("website") or ""),
            )
            for u in _rows(data, "users")
        }
        self.tags = {str(t.get("id")): t for t in _rows(data, "tags")}
        self.meta = {str(m.get("post_id")): m for m in _rows(data, "posts_meta")}
        self.authors_of = defaultdict(list)
        for row in sorted(_rows(data, "posts_authors"), key=lambda r: r.get("sort_order") or 0):
            self.authors_of[str(row.get("post_id"))].append(str(row.get("author_id")))
        self.tags_of = defaultdict(list)
        for row in sorted(_rows(data, "posts_tags"), key=lambda r: r.get("sort_order") or 0):
            self.tags_of[str(row.get("post_id"))].append(str(row.get("tag_id")))
        title = next(
            (s.get("value") for s in _rows(data, "settings") if s.get("key") == "title"), ""
        )
        self.site_name = str(title or "ghost")

    def export(self) -> Export:
        export = Export(source=f"ghost:{self.site_name}"[:40], locate_image=self.locate)
        for post in _rows(self.data, "posts"):
            label = f"{post.get('type') or 'post'} {post.get('id')} “{str(post.get('title'))[:60]}”"
            try:
                export.posts.append(self._post(post))
            except (ValueError, TypeError) as error:
                export.posts.append(items.Problem(label, str(error)))
        export.subscribers = self._subscribers()
        return export

    def locate(self, src: str) -> items.Image | None:
        """A picture of the export's content folder, for an address under /content/images/
        (a resized copy stands for its original)."""
        path = unquote(urlsplit(src.replace(GHOST_URL, "")).path)
        path = _SIZED.sub("/content/images/", path)
        if not path.startswith("/content/images/"):
            return None
        relative = path.removeprefix("/content/images/")
        if ".." in relative.split("/"):
            return None
        if self.content_dir is None:
            return items.Image(key=f"file:{relative}", url=src)
        return items.Image(key=f"file:{relative}", path=self.content_dir / "images" / relative)

    def _post(self, post: dict) -> items.Post:
        post_id = str(post.get("id") or "")
        if not post_id:
            raise ValueError("no id")
        title = str(post.get("title") or "")
        slug = str(post.get("slug") or "")
        html = post.get("html")
        note = ""
        if not html:
            formats = [f for f in ("lexical", "mobiledoc") if post.get(f)]
            if formats:
                note = f"no HTML in the export, only {' and '.join(formats)}: body left empty"
            html = ""
        meta = self.meta.get(post_id, {})
        image = None
        if post.get("feature_image"):
            src = str(post["feature_image"])
            image = self.locate(src) or items.Image(key=f"url:{src}", url=src)
            image.alt = str(meta.get("feature_image_alt") or post.get("feature_image_alt") or "")
            caption = meta.get("feature_image_caption") or post.get("feature_image_caption") or ""
            image.caption = re.sub(r"<[^>]+>", "", str(caption)).strip()
        authors = [self.users[a] for a in self.authors_of.get(post_id, []) if a in self.users]
        if not authors and str(post.get("author_id")) in self.users:
            authors = [self.users[str(post["author_id"])]]
        tags = []
        for tag_id in self.tags_of.get(post_id, []):
            tag = self.tags.get(tag_id) or {}
            name = str(tag.get("name") or "")
            internal = name.startswith("#") or tag.get("visibility") == "internal"
            if internal:
                if self.internal_tags == "ignore":
                    continue
                name = name.lstrip("#").strip()
            if name:
                tags.append(name)
        status = str(post.get("status") or "draft")
        return items.Post(
            source="ghost",
            key=post_id,
            kind=items.PAGE if post.get("type") == "page" else items.ARTICLE,
            title=title,
            slug=slug or title,
            old_path=f"/{slug}/" if slug else "",
            status=items.PUBLISHED if status in {"published", "sent"} else items.DRAFT,
            published_at=_date(post.get("published_at")) or _date(post.get("created_at")),
            updated_at=_date(post.get("updated_at")),
            excerpt=str(post.get("custom_excerpt") or meta.get("meta_description") or ""),
            body_html=str(html).replace(GHOST_URL, ""),
            body_note=note,
            authors=authors,
            tags=tags,
            featured_image=image,
            premium=str(post.get("visibility") or "public") in PREMIUM_VISIBILITY,
        )

    def _subscribers(self) -> list:
        newsletters = {str(n.get("id")): n for n in _rows(self.data, "newsletters")}
        members = {str(m.get("id")): m for m in _rows(self.data, "members")}
        found = []
        links = _rows(self.data, "members_newsletters")
        if newsletters:
            for link in links:
                member = members.get(str(link.get("member_id")))
                newsletter = newsletters.get(str(link.get("newsletter_id")))
                if member and newsletter:
                    found.append(self._subscriber(member, newsletter))
        else:
            # Ghost 4 before newsletters: one list, members with subscribed set.
            for member in members.values():
                if member.get("subscribed") in {True, "1", "true"}:
                    found.append(self._subscriber(member, {"name": self.site_name}))
        return found

    def _subscriber(self, member: dict, newsletter: dict):
        label = f"member {member.get('id')}"
        email = str(member.get("email") or "")
        if not email:
            return items.Problem(label, "no email address")
        return items.Subscriber(
            source="ghost",
            email=email,
            newsletter=str(newsletter.get("name") or newsletter.get("slug") or "Newsletter"),
            consent_at=_date(member.get("created_at")),
            name=str(member.get("name") or ""),
        )
