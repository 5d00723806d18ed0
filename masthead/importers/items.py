"""What every importer reads its export into: plain records, the same for every platform.

A source module (wordpress.py, ghost.py, substack.py) only parses; writer.py is the one place
that turns these records into pages, images, comments and subscribers. A record carries the
source's own key (a post id, a user slug), which the writer remembers so a second run finds
what the first one made."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ARTICLE, PAGE = "article", "page"
PUBLISHED, DRAFT = "published", "draft"


@dataclass
class Image:
    """A picture: a file from the export (``path``) or only an address (``url``)."""

    key: str
    path: Path | None = None
    url: str = ""
    title: str = ""
    caption: str = ""
    alt: str = ""
    credit: str = ""


@dataclass
class Author:
    key: str
    name: str
    slug: str = ""
    email: str = ""
    bio: str = ""
    website: str = ""


@dataclass
class Comment:
    key: str
    author_name: str
    body: str
    created_at: datetime
    parent_key: str = ""


@dataclass
class Post:
    source: str
    key: str
    kind: str  # ARTICLE or PAGE
    title: str
    slug: str
    old_path: str = ""
    status: str = PUBLISHED  # PUBLISHED or DRAFT
    published_at: datetime | None = None
    updated_at: datetime | None = None
    excerpt: str = ""
    body_html: str = ""
    # Said when the body could not be read (e.g. a Ghost post with lexical only): reported.
    body_note: str = ""
    authors: list[Author] = field(default_factory=list)
    section: str = ""  # a section's name; empty: the importer's default section
    tags: list[str] = field(default_factory=list)
    featured_image: Image | None = None
    premium: bool = False
    comments: list[Comment] = field(default_factory=list)
    # Pictures the body refers to, by the address used in its HTML.
    body_images: dict[str, Image] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """How the report names the item."""
        return f"{self.kind} {self.key} “{self.title[:60]}”"


@dataclass
class Subscriber:
    source: str
    email: str
    newsletter: str  # the newsletter's name or slug in the source
    consent_at: datetime | None = None
    name: str = ""

    @property
    def key(self) -> str:
        return f"{self.newsletter}:{self.email.lower()}"

    @property
    def label(self) -> str:
        return f"subscriber {self.email} ({self.newsletter})"


class ExportError(Exception):
    """The whole file cannot be read: the message says why (a CommandError)."""


@dataclass
class Export:
    """What a source module read: the site it came from, its records, and how to find the
    picture a body's address refers to."""

    source: str
    posts: list = field(default_factory=list)  # Post, Problem or Skipped
    subscribers: list = field(default_factory=list)  # Subscriber or Problem
    locate_image: object = None


@dataclass
class Problem:
    """An item that could not be read (the writer never sees it): reported by name."""

    label: str
    reason: str


@dataclass
class Skipped:
    """An item left out on purpose (in the bin, a status never imported): reported."""

    label: str
    reason: str
