"""What a changed dataset purges (masthead/caching): everything that shows its figures.

Trackers, figures boxes (in article bodies and the article rail), charts, embeds and the
downloads all declare the ``datasets`` tag while they render (``cache_tags.depends_on``), so
an edit to any dataset is a miss for all of them at once, in every process. Datasets change
a few times a day, so one tag for all of them costs little and cannot miss a place that
shows one. Value edits and imports (``services.py``) always end by saving the dataset, so
this one rule covers metadata and values alike. At the edge, the pages that use the dataset
(Wagtail's reference index: trackers, and articles that embed its chart or a tracker's
figures box) and its download URLs are purged by path.
"""

from wagtail.models import Page, ReferenceIndex

from masthead.caching import registry
from masthead.caching.purge import reverse_path

from .models import Dataset, TrackerPage

# Shown by trackers, figures boxes, charts, embeds and downloads.
DATASETS = "datasets"


def _pages_referencing(objects) -> list[int]:
    page_type = ReferenceIndex._get_base_content_type(Page)
    ids: set[int] = set()
    for obj in objects:
        found = (
            ReferenceIndex.get_references_to(obj)
            .filter(base_content_type=page_type)
            .values_list("object_id", flat=True)
        )
        ids.update(int(pk) for pk in found)
    return sorted(ids)


def pages_using(dataset) -> list[Page]:
    """Live trackers of the dataset, live pages that embed it (a chart block), and live
    pages that embed one of those trackers (a figures box)."""
    trackers = list(TrackerPage.objects.live().filter(dataset_id=dataset.pk))
    direct = _pages_referencing([dataset])
    via_trackers = _pages_referencing(trackers)
    ids = {tracker.pk for tracker in trackers} | set(direct) | set(via_trackers)
    return list(Page.objects.live().filter(pk__in=ids).specific())


def ids_of_pages_using(dataset) -> list[int]:
    """each live tracker of it and each live page that embeds its chart or figures box"""
    return [page.pk for page in pages_using(dataset)]


def download_paths(dataset) -> list[str]:
    return [
        reverse_path("datadesk:download", slug=dataset.slug, fmt=fmt) for fmt in ("csv", "json")
    ]


def embed_paths(dataset) -> list[str]:
    # The edge drops every query-string variant of a purged path (deploy/varnish/default.vcl
    # bans them by path), so one PURGE takes every embedded variant of the chart.
    return [
        reverse_path("datadesk_embed_chart", dataset_id=dataset.pk),
        reverse_path("datadesk_chart_png", dataset_id=dataset.pk),
    ]


def paths_showing_dataset(dataset) -> list[str]:
    """its downloads and embeds, its trackers, the pages that embed it and those that show
    them"""
    paths = download_paths(dataset) + embed_paths(dataset)
    for page in pages_using(dataset):
        paths += registry.paths_showing(page)
    return list(dict.fromkeys(path for path in paths if path))


registry.on_change(
    Dataset,
    events=["save", "delete"],
    tags=[DATASETS],
    pages=ids_of_pages_using,
    edge=paths_showing_dataset,
    affects="its trackers, figures boxes, charts, embeds and downloads",
)

# A tracker shows its dataset (the tag above) and its own content only.
registry.page_shows(TrackerPage, DATASETS)
