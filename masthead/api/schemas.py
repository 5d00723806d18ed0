"""The shapes the API answers with: used for the OpenAPI schema, and in tests to check that
what the endpoints send matches what the schema promises."""

from datetime import datetime

from ninja import Schema


class SectionOut(Schema):
    id: int
    slug: str
    title: str
    url: str
    description: str = ""


class AuthorOut(Schema):
    id: int
    slug: str
    name: str
    role: str = ""
    url: str


class TagOut(Schema):
    slug: str
    name: str


class ImageOut(Schema):
    id: int
    url: str
    width: int
    height: int
    alt: str
    caption: str = ""


class BlockOut(Schema):
    type: str
    value: object
    id: str | None = None


class ArticleOut(Schema):
    id: int
    title: str
    slug: str
    url: str
    standfirst: str
    section: SectionOut | None = None
    authors: list[AuthorOut] = []
    tags: list[str] = []
    published_at: datetime | None = None
    updated_at: datetime | None = None
    is_premium: bool
    reading_minutes: int
    lead_image: ImageOut | None = None
    body: list[BlockOut] | None = None
    body_withheld: bool | None = None


class FeedItemOut(Schema):
    id: int
    headline: str
    summary: str
    published_at: datetime
    url: str
    article_id: int | None = None
    tags: list[str] = []


class NewsletterOut(Schema):
    id: int
    slug: str
    name: str
    description: str
    cadence: str


class Page(Schema):
    """A page of results: `next` is the cursor for the following page (null on the last)."""

    results: list[dict]
    next: str | None = None


class ErrorOut(Schema):
    detail: str
