"""What an edited picture purges (masthead/caching): every live page that uses it."""

from wagtail.models import Page, ReferenceIndex

from masthead.caching import registry
from masthead.caching import tags as cache_tags

from .models import CustomImage

# Fields readers see beside the picture (credit, caption, alt text) or in it.
FIELDS_SHOWN = {"title", "credit", "caption", "file", "focal_point_x", "focal_point_y"}


def shown(image, kwargs) -> bool:
    """if a field readers see changed (credit, caption, title, file, crop)"""
    if kwargs.get("created"):
        return False
    update_fields = kwargs.get("update_fields")
    return not update_fields or bool(set(update_fields) & FIELDS_SHOWN)


def pages_using(image) -> list[Page]:
    """Live pages whose lead image or body uses ``image`` (Wagtail's reference index)."""
    page_type = ReferenceIndex._get_base_content_type(Page)
    ids = (
        ReferenceIndex.get_references_to(image)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return list(Page.objects.live().filter(pk__in=[int(pk) for pk in ids]).specific())


def paths_showing_pages_using(image) -> list[str]:
    """each page that uses it, and the pages that show those"""
    return [path for page in pages_using(image) for path in registry.paths_showing(page)]


def ids_of_pages_using(image) -> list[int]:
    """each live page that uses it"""
    return [page.pk for page in pages_using(image)]


registry.on_change(
    CustomImage,
    events=["save"],
    when=shown,
    tags=[cache_tags.LISTING],  # teasers in every list may show it too
    pages=ids_of_pages_using,
    edge=paths_showing_pages_using,
    affects="each live page that uses the picture; lists of stories (teasers)",
)
