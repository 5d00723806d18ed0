"""The shapes the API answers with: used for the OpenAPI schema, and in tests to check that
what the endpoints send matches what the schema promises."""

from datetime import datetime
from typing import Annotated

from ninja import Schema
from pydantic import ConfigDict, Field, field_validator


class SectionOut(Schema):
    id: int
    slug: str
    title: str
    url: str
    description: str = ""
    language: str | None = None


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
    language: str | None = None
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


# --- the write API ------------------------------------------------------------------------

Id = Annotated[int, Field(gt=0, lt=2**31)]
TagName = Annotated[str, Field(min_length=1, max_length=100)]


class WriteIn(Schema):
    # Unknown fields are refused, so a misspelt one ("headline" for "title") is not lost
    # silently; surrounding spaces are not part of any value.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ArticleIn(WriteIn):
    """A draft article. `body` is a list of blocks of the article's types, as the read API
    sends them (`{"type": "paragraph", "value": "<p>...</p>"}`); `body_html` is HTML made
    into blocks (paragraphs, lists, headings, blockquotes). Either or both; HTML is cleaned
    to the editor's features (bold, italic, links, lists)."""

    section: int | str = Field(description="The section's id or slug.")
    title: str = Field(min_length=1, max_length=255)
    slug: str | None = Field(default=None, max_length=255, description="Made from the title.")
    standfirst: str | None = Field(default=None, max_length=500)
    summary: str | None = Field(
        default=None, max_length=500, description="Another name for standfirst."
    )
    body: list[dict] | None = None
    body_html: str | None = None
    authors: list[Id] = Field(min_length=1, max_length=20, description="Author ids.")
    tags: list[TagName] = Field(default=[], max_length=30, description="Tag names.")
    lead_image: Id | None = Field(default=None, description="An image id.")

    @field_validator("section", mode="before")
    @classmethod
    def _id_or_slug(cls, value):
        # One message for the field, not one per member of the union.
        if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**31:
            return value
        if isinstance(value, str) and 0 < len(value.strip()) <= 255:
            return value.strip()
        raise ValueError("Give the section's id (a number) or slug (text).")


class ArticlePatch(WriteIn):
    """Changes to a draft this key made: only the fields sent change. `body` and/or
    `body_html` replace the whole body, `authors` and `tags` the whole list. The section
    cannot change."""

    title: str | None = Field(default=None, min_length=1, max_length=255)
    slug: str | None = Field(default=None, max_length=255)
    standfirst: str | None = Field(default=None, min_length=1, max_length=500)
    summary: str | None = Field(default=None, min_length=1, max_length=500)
    body: list[dict] | None = None
    body_html: str | None = None
    authors: list[Id] | None = Field(default=None, min_length=1, max_length=20)
    tags: list[TagName] | None = Field(default=None, max_length=30)
    lead_image: Id | None = None


class FeedItemIn(WriteIn):
    """A news-feed item. It is sent to review like a reporter's; `publish: true` puts it
    live at once, only where the site allows it (API_FEED_ITEMS_MAY_PUBLISH) and the key's
    owner may publish feed items."""

    headline: str = Field(min_length=1, max_length=200)
    summary: str = Field(min_length=1, max_length=600, description="One to three sentences.")
    article: Id | None = Field(default=None, description="The id of the story it links to.")
    tags: list[TagName] = Field(default=[], max_length=30)
    published_at: datetime | None = Field(default=None, description="Later: scheduled.")
    publish: bool = False


class CreatedOut(Schema):
    id: int
    status: str = Field(description="`in_review`, `draft` or `live`.")
    edit_url: str
    workflow: str | None = None


class ArticleCreatedOut(CreatedOut):
    title: str
    slug: str
    language: str


class FeedItemCreatedOut(CreatedOut):
    headline: str


class FieldError(Schema):
    field: str
    message: str


class InvalidOut(Schema):
    detail: str
    errors: list[FieldError] = []
