"""Rows to plain dicts for the API: the queries that feed each endpoint and the shapes in
schemas.py. Dicts, not schema instances: a list of 20 articles must cost no more than one
article page (see bench/api.py)."""

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, Q
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Locale

from masthead.caching import fragments
from masthead.caching import tags as cache_tags
from masthead.core.site_url import absolute_url
from masthead.memberships.access import public_blocks
from masthead.news.models import ArticlePage, NewsFeedItem, SectionPage
from masthead.newsletters.models import Newsletter
from masthead.people.models import Author

from .models import SCOPE_READ_MEMBERS

ARTICLE_FIELDS = {
    "id", "title", "slug", "url", "standfirst", "section", "authors", "tags", "published_at",
    "updated_at", "is_premium", "reading_minutes", "lead_image", "body", "body_withheld",
    "language",
}  # fmt: skip
IMAGE_SPEC = "fill-1200x675-c100|format-jpeg"


def articles_queryset(*, with_body: bool = False):
    images = get_image_model().objects.prefetch_renditions(IMAGE_SPEC)
    found = (
        ArticlePage.objects.live()
        .public()
        .select_related("locale")
        .prefetch_related(
            Prefetch("lead_image", queryset=images),
            "article_authors__author",
            "tags",
        )
        .order_by("-first_published_at", "-pk")
    )
    return found if with_body else found.defer_streamfields()


def listed_articles():
    """The published, public articles in list order, without the prefetches: a list reads
    only their keys here and takes each one's fields from ``summaries``."""
    return ArticlePage.objects.live().public().order_by("-first_published_at", "-pk")


def section_path(slug: str) -> str | None:
    """The tree path under which a section's articles live (None: no such section)."""
    section = SectionPage.objects.live().filter(slug=slug).only("path").first()
    return section.path if section else None


def sections_for(pages, request) -> dict[str, dict]:
    """Each page's parent section by the parent's tree path, in one query for a whole list."""
    paths = {page.path[: -page.steplen] for page in pages}
    found = SectionPage.objects.filter(path__in=paths).select_related("locale")
    return {s.path: _section_dict(s, request) for s in found}


def _section_dict(section, request) -> dict:
    return {
        "id": section.pk,
        "slug": section.slug,
        "title": section.title,
        "url": absolute_url(section.get_url(request)),
        "description": section.description,
        "language": section.locale.language_code,
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


def _json_time(value):
    return None if value is None else _ENCODER.default(value)


_ENCODER = DjangoJSONEncoder()


def _summary(page, sections: dict[str, dict]) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "url": absolute_url(page.get_url()),
        "standfirst": page.standfirst,
        "section": sections.get(page.path[: -page.steplen]),
        "authors": [author(link.author, None) for link in page.article_authors.all()],
        "tags": [t.slug for t in page.tags.all()],
        # As the JSON will carry them, once: a stored summary then needs no encoder hook.
        "published_at": _json_time(page.first_published_at),
        "updated_at": _json_time(page.last_published_at),
        "is_premium": page.is_premium,
        "reading_minutes": page.reading_minutes,
        "language": page.locale.language_code,
        "lead_image": _image(page.lead_image),
    }


def _summary_tags(pk: int) -> list[str]:
    return [cache_tags.page(pk), cache_tags.PEOPLE]


def summaries(pks: list[int], request) -> list[dict]:
    """Each article's fields but its body, in the order of ``pks``: from the shared fragment
    store (one per article, purged with the article and with bylines), the missing ones
    loaded together in a fixed number of queries."""
    # One lookup per article: a hit is used as it is (the answer depends on its tags, as
    # fragments.fetch does on a hit); only the misses go through get_or_render.
    rows = {}
    if fragments.enabled():
        for pk in pks:
            hit = fragments.peek(f"api:article:{pk}")
            if hit is not None:
                rows[pk], versions = hit
                cache_tags.depends_on(*versions)
    missing = [pk for pk in pks if pk not in rows]
    if missing:
        pages = list(articles_queryset().filter(pk__in=missing))
        sections = sections_for(pages, request)
        loaded = {page.pk: _summary(page, sections) for page in pages}
        for pk in missing:
            rows[pk] = fragments.get_or_render(
                f"api:article:{pk}", lambda pk=pk: loaded.get(pk), tags=_summary_tags(pk)
            )
    return [dict(rows[pk]) for pk in pks if rows[pk] is not None]


def body(page, *, key) -> tuple[list[dict], bool]:
    """(the body blocks this key may read, whether some were withheld). The part anyone may
    read is kept as a fragment; members-only text never is."""
    if key is not None and key.has_scope(SCOPE_READ_MEMBERS) and page.is_premium:
        return _blocks(page.body), False
    blocks, total = fragments.get_or_render(
        f"api:article-body:{page.pk}",
        lambda: (_blocks(public_blocks(page)), len(page.body)),
        tags=[cache_tags.page(page.pk)],
    )
    return blocks, len(blocks) < total


def sections(request, locales: list[int] | None = None) -> list[dict]:
    found = SectionPage.objects.live().public().select_related("locale").order_by("path")
    if locales is not None:
        found = found.filter(locale_id__in=locales)
    return [_section_dict(s, request) for s in found]


def authors_queryset():
    return Author.objects.filter(is_active=True).order_by("pk")


def tags_queryset():
    return Tag.objects.filter(news_articletag_items__isnull=False).distinct().order_by("pk")


def feed_queryset():
    return (
        NewsFeedItem.objects.published().prefetch_related("tags").order_by("-published_at", "-pk")
    )


def feed_in_language(items, locales: list[int]):
    """Feed items have no language of their own yet: an item is in its story's language,
    and one without a story in the site's default language."""
    in_language = Q(article__locale_id__in=locales)
    try:
        default = Locale.get_default()
    except Locale.DoesNotExist:
        default = None
    if default is not None and default.pk in locales:
        in_language |= Q(article__isnull=True)
    return items.filter(in_language)


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
