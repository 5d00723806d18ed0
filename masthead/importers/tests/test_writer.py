"""The writer on records made in the test (no export file): tree positions, deletions."""

from datetime import UTC, datetime

import pytest

from masthead.importers import items
from masthead.importers.writer import Writer
from masthead.news.models import ArticlePage, SectionPage, StaticPage

WHEN = datetime(2024, 1, 1, tzinfo=UTC)


def post(key, kind=items.ARTICLE, section="", title=None):
    return items.Post(
        source="test",
        key=key,
        kind=kind,
        title=title or f"Item {key}",
        slug=f"item-{key}",
        published_at=WHEN,
        body_html="<p>Text.</p>",
        section=section,
    )


def write(records, **options):
    return Writer(source="test", progress=False, **options).run(records)


@pytest.mark.django_db
def test_pages_and_new_sections_under_the_home_page_share_its_positions(home):
    report = write(
        [
            post("1", items.PAGE),
            post("2", section="Weather"),
            post("3", items.PAGE),
            post("4", section="Sport"),
            post("5", items.PAGE),
        ]
    )
    assert report.failed == [], report.failed
    assert StaticPage.objects.count() == 3 and SectionPage.objects.count() == 2
    home.refresh_from_db()
    assert home.numchild == 5
    paths = list(home.get_children().values_list("path", flat=True))
    assert len(paths) == len(set(paths)) == 5


@pytest.mark.django_db
def test_a_page_deleted_in_masthead_is_not_imported_again(home):
    write([post("1", section="Weather")])
    ArticlePage.objects.get(slug="item-1").delete()
    report = write([post("1", section="Weather", title="Changed")])
    assert not ArticlePage.objects.exists()
    assert report.skipped == [("article 1 “Changed”", "deleted in Masthead since imported")]


@pytest.mark.django_db
def test_a_taken_slug_gets_a_suffix(home):
    write([post("1", section="Weather")])
    write([post("2", section="Weather")], dry_run=False)
    clash = post("3", section="Weather")
    clash.slug = "item-1"
    write([clash])
    assert set(ArticlePage.objects.values_list("slug", flat=True)) == {
        "item-1",
        "item-2",
        "item-1-2",
    }
