"""Substack's export (Settings → Exports: a .zip) read into items.py.

The zip holds ``posts.csv`` (one row per post: ``post_id`` as ``<id>.<slug>``, ``post_date``,
``is_published``, ``type``, ``audience``, ``title``, ``subtitle``), the bodies as
``posts/<post_id>.html``, and the subscribers as ``email_list.<publication>.csv`` (``email``,
``created_at``, ``active_subscription``, ``plan``, ...). Audience ``everyone`` is free; any
paid audience (``only_paid``, ``founding``) is premium. The old URL of a post is ``/p/<slug>``.

The zip is read defensively: a truncated or damaged archive, a member larger than
MAX_MEMBER_BYTES or far more compressed than text is (a zip bomb), or a missing posts.csv is
refused with a message naming it.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from . import items
from .items import Export, ExportError

MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_RATIO = 200  # HTML and CSV compress about 5-10 times; far more is a bomb
PREMIUM_AUDIENCES = {"only_paid", "founding", "paid"}
REQUIRED_COLUMNS = {"post_id", "title"}


def read(path: Path, *, author: str = "") -> Export:
    try:
        archive = zipfile.ZipFile(path)
        damaged = archive.testzip()
    except FileNotFoundError as error:
        raise ExportError(f"{path}: no such file") from error
    except (zipfile.BadZipFile, EOFError) as error:
        raise ExportError(f"{path}: not a zip file, or truncated ({error})") from error
    except (OSError, ValueError) as error:
        raise ExportError(f"{path}: cannot read it ({error})") from error
    if damaged:
        raise ExportError(f"{path}: damaged (the member {damaged} fails its checksum)")
    with archive:
        return _Reader(archive, path, author).export()


def _date(value: str) -> datetime | None:
    if not value:
        return None
    try:
        found = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return found if found.tzinfo else found.replace(tzinfo=UTC)


class _Reader:
    def __init__(self, archive: zipfile.ZipFile, path: Path, author: str):
        self.archive = archive
        self.path = path
        self.author = author
        self.names = {info.filename: info for info in archive.infolist() if not info.is_dir()}

    def member(self, name: str) -> bytes:
        info = self.names[name]
        if info.file_size > MAX_MEMBER_BYTES:
            raise ExportError(f"{self.path}: {name} is larger than {MAX_MEMBER_BYTES} bytes")
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            raise ExportError(f"{self.path}: {name} is compressed suspiciously well: refused")
        try:
            return self.archive.read(name)
        except (zipfile.BadZipFile, EOFError, OSError) as error:
            raise ExportError(f"{self.path}: {name} cannot be read ({error})") from error

    def csv_rows(self, name: str) -> list[dict]:
        try:
            text = self.member(name).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ExportError(f"{self.path}: {name} is not UTF-8 text") from error
        try:
            return list(csv.DictReader(io.StringIO(text)))
        except csv.Error as error:
            raise ExportError(f"{self.path}: {name} is not valid CSV ({error})") from error

    def export(self) -> Export:
        posts_csv = next((n for n in self.names if PurePosixPath(n).name == "posts.csv"), None)
        if posts_csv is None:
            raise ExportError(f"{self.path}: no posts.csv in the archive: not a Substack export")
        rows = self.csv_rows(posts_csv)
        if rows and not set(rows[0]) >= REQUIRED_COLUMNS:
            missing = ", ".join(sorted(REQUIRED_COLUMNS - set(rows[0])))
            raise ExportError(f"{self.path}: posts.csv lacks the columns {missing}")
        lists = [n for n in self.names if PurePosixPath(n).name.startswith("email_list")]
        publication = "substack"
        if lists:
            stem = PurePosixPath(lists[0]).stem  # email_list.<publication>
            publication = stem.split(".", 1)[1] if "." in stem else publication
        export = Export(source=f"substack:{publication}"[:40])
        folder = str(PurePosixPath(posts_csv).parent)
        prefix = "" if folder == "." else folder + "/"
        for row in rows:
            export.posts.append(self._post(row, prefix))
        for name in lists:
            export.subscribers += self._subscribers(name, publication)
        return export

    def _post(self, row: dict, prefix: str):
        post_id = (row.get("post_id") or "").strip()
        title = (row.get("title") or "").strip()
        label = f"article {post_id} “{title[:60]}”"
        if not post_id:
            return items.Problem(label, "no post_id")
        if (row.get("type") or "newsletter") not in {"newsletter", "podcast", "thread", ""}:
            return items.Skipped(label, f"type “{row.get('type')}” is not imported")
        html_name = f"{prefix}posts/{post_id}.html"
        if html_name not in self.names:
            return items.Problem(label, f"missing file posts/{post_id}.html in the archive")
        try:
            html = self.member(html_name).decode("utf-8")
        except UnicodeDecodeError:
            return items.Problem(label, f"posts/{post_id}.html is not UTF-8 text")
        except ExportError as error:
            return items.Problem(label, str(error))
        slug = post_id.split(".", 1)[1] if "." in post_id else post_id
        published = (row.get("is_published") or "").strip().lower() == "true"
        when = _date(row.get("post_date") or "")
        return items.Post(
            source="substack",
            key=post_id.split(".", 1)[0],
            kind=items.ARTICLE,
            title=title or slug,
            slug=slug,
            old_path=f"/p/{slug}",
            status=items.PUBLISHED if published else items.DRAFT,
            published_at=when,
            updated_at=when,
            excerpt=(row.get("subtitle") or "").strip(),
            body_html=html,
            authors=[items.Author(key=self.author, name=self.author)] if self.author else [],
            premium=(row.get("audience") or "everyone").strip() in PREMIUM_AUDIENCES,
        )

    def _subscribers(self, name: str, publication: str) -> list:
        found = []
        for number, row in enumerate(self.csv_rows(name), start=2):
            email = (row.get("email") or "").strip()
            if not email:
                found.append(items.Problem(f"{name} line {number}", "no email address"))
                continue
            # active_subscription and plan say whether the reader pays, not whether they
            # receive the newsletter: free readers are subscribers too.
            if (row.get("email_disabled") or "").strip().lower() == "true":
                found.append(items.Skipped(f"subscriber {email}", "email disabled in Substack"))
                continue
            found.append(
                items.Subscriber(
                    source="substack",
                    email=email,
                    newsletter=publication,
                    consent_at=_date(row.get("created_at") or ""),
                )
            )
        return found
