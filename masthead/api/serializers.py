"""Rows to plain dicts for the API: the queries that feed each endpoint and the shapes in
schemas.py. Dicts, not schema instances: a list of 20 articles must cost no more than one
article page (see bench/api.py)."""

from django.db.models import Prefetch
from taggit.models import Tag
from wagtail.images import get_image_model

from masthead.core.site_url import absolute_url
from masthead.memberships.access import public_blocks
from masthead.news.models import ArticlePage, NewsFeedItem, SectionPage
from masthead.newsletters.models import Newsletter
from masthead.people.models import Author

from .models import SCOPE_READ_MEMBERS

ARTICLE_FIELDS = {
    "id", "title", "slug", "url", "standfirst", "section", "authors", "tags", "published_at",
    "updated_at", "is_premium", "reading_minutes", "lead_image", "body", "body_withheld",
}  # fmt: skip
IMAGE_SPEC = "fill-1200x675-c100|format-jpeg"


def articles_queryset(*, with_body: bool = False):
    images = get_image_model().objects.prefetch_renditions(IMAGE_SPEC)
    found = (
        ArticlePage.objects.live()
        .public()
        .prefetch_related(
            Prefetch("lead_image", queryset=images),
            "article_authors__author",
            "tags",
        )
        .order_by("-first_published_at", "-pk")
    )
    return found if with_body else found.defer_streamfields()


def section_path(slug: str) -> str:
    """The tree path under which a section's articles live ("" matches nothing)."""
    section = SectionPage.objects.live().filter(slug=slug).only("path").first()
    return section.path if section else "\0"


def sections_for(pages, request) -> dict[str, dict]:
    """Each page's parent section by the parent's tree path, in one query for a whole list."""
    paths = {page.path[: -page.steplen] for page in pages}
    return {s.path: _section_dict(s, request) for s in SectionPage.objects.filter(path__in=paths)}


def _section_dict(section, request) -> dict:
    return {
        "id": section.pk,
        "slug": section.slug,
        "title": section.title,
        "url": absolute_url(section.get_url(request)),
        "description": section.description,
    }


def _image(image) -> dict | None:
    if image is None:
        return None
    rendition = image.get_rendition(IMAGE_SPEC)
    return {
        "id": image.pk,
        "url": absolute_url(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": getattr(image, "alt_text", "") or image.title,
        "caption": getattr(image, "caption", "") or "",
    }


def author(person, request) -> dict:
    return {
        "id": person.pk,
        "slug": person.slug,
        "name": person.name,
        "role": person.role,
        "url": absolute_url(person.get_absolute_url()),
    }


def _blocks(blocks) -> list[dict]:
    return [
        {
            "type": block.block_type,
            "value": block.block.get_api_representation(block.value),
            "id": block.id,
        }
        for block in blocks
    ]


def article(page, request, *, key, body: bool, sections: dict[str, dict]) -> dict:
    data = {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "url": absolute_url(page.get_url(request)),
        "standfirst": page.standfirst,
        "section": sections.get(page.path[: -page.steplen]),
        "authors": [author(link.author, request) for link in page.article_authors.all()],
        "tags": [t.slug for t in page.tags.all()],
        "published_at": page.first_published_at,
        "updated_at": page.last_published_at,
        "is_premium": page.is_premium,
        "reading_minutes": page.reading_minutes,
        "lead_image": _image(page.lead_image),
    }
    if body:
        full = key is not None and key.has_scope(SCOPE_READ_MEMBERS)
        blocks = list(page.body) if full or not page.is_premium else public_blocks(page)
        data["body"] = _blocks(blocks)
        data["body_withheld"] = len(blocks) < len(page.body)
    return data


def sections(request) -> list[dict]:
    return [_section_dict(s, request) for s in SectionPage.objects.live().public().order_by("path")]


def authors_queryset():
    return Author.objects.filter(is_active=True).order_by("pk")


def tags_queryset():
    return Tag.objects.filter(news_articletag_items__isnull=False).distinct().order_by("pk")


def feed_queryset():
    return (
        NewsFeedItem.objects.published().prefetch_related("tags").order_by("-published_at", "-pk")
    )


def feed_item(item, request, feed_url: str) -> dict:
    return {
        "id": item.pk,
        "headline": item.headline,
        "summary": item.summary,
        "published_at": item.published_at,
        "url": f"{feed_url}#{item.anchor}",
        "article_id": item.article_id,
        "tags": [t.slug for t in item.tags.all()],
    }


def newsletters() -> list[dict]:
    return [
        {
            "id": n.pk,
            "slug": n.slug,
            "name": n.name,
            "description": n.description,
            "cadence": n.cadence,
        }
        for n in Newsletter.objects.filter(is_active=True).order_by("sort_order", "pk")
    ]
