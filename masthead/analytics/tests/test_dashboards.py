"""The dashboards: numbers from aggregates, charts that match their tables, CSV exports,
and who may see what (editors: the newsroom; reporters: the articles they can edit)."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission

from masthead.analytics import models as m
from masthead.analytics import selectors

from .helpers import IPHONE, flush, listen, view

pytestmark = pytest.mark.django_db


@pytest.fixture
def traffic(client, make_article, article):
    """Real beacons for three articles: 3, 2 and 1 readers."""
    second = make_article(title="Second story", slug="second")
    third = make_article(title="Third story", slug="third")
    for index, (page, readers) in enumerate([(article, 3), (second, 2), (third, 1)]):
        for reader in range(readers):
            address = f"192.0.2.{index * 10 + reader + 1}"
            view(client, page.pk, ref="www.google.com" if reader else "", address=address)
    view(client, article.pk, agent=IPHONE, ref="t.co", address="192.0.2.200")
    listen(client, article.pk, 0)
    listen(client, article.pk, 25)
    flush()
    return [article, second, third]


def denied(response):
    """Wagtail's admin answers PermissionDenied with a redirect to its home and a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def tables_and_charts(html):
    soup = BeautifulSoup(html, "html.parser")
    found = {}
    for section in soup.select("section.analytics-table"):
        table = section.select_one("table[data-table]")
        slug = table["data-table"]
        rows = [
            [td.get_text(strip=True) for td in tr.select("td")]
            for tr in table.select("tbody tr")
            if len(tr.select("td")) > 1
        ]
        chart = section.select_one("svg")
        marks = (
            [(el["data-label"], el["data-value"]) for el in chart.select("[data-value]")]
            if chart
            else None
        )
        found[slug] = (rows, marks)
    return found


@pytest.mark.parametrize("window", ["hour", "day", "week"])
def test_editor_sees_the_newsroom_with_charts_that_match_their_tables(
    client, editor, traffic, window
):
    client.force_login(editor)
    response = client.get(f"/admin/analytics/?window={window}")
    assert response.status_code == 200
    found = tables_and_charts(response.content.decode())
    assert {"views", "articles", "sections", "authors", "referrers", "devices", "listening"} <= set(
        found
    )
    for slug, (rows, marks) in found.items():
        if marks is None:
            continue
        assert marks == [(row[0], row[1]) for row in rows], slug
    articles = found["articles"][0]
    assert [row[0] for row in articles] == [
        "Bridge reopens after repairs",
        "Second story",
        "Third story",
    ] or [int(row[1]) for row in articles] == [4, 2, 1]
    assert [int(row[1]) for row in articles] == [4, 2, 1]
    assert sum(int(row[1]) for row in found["views"][0]) == 7
    referrers = {row[0]: int(row[1]) for row in found["referrers"][0]}
    assert referrers["search"] == 3 and referrers["direct"] == 3 and referrers["social"] == 1
    devices = {row[0]: int(row[1]) for row in found["devices"][0]}
    assert devices == {"phone": 1, "tablet": 0, "desktop": 6}
    listening = {row[0]: int(row[1]) for row in found["listening"][0]}
    assert listening["started"] == 1 and listening["25%"] == 1 and listening["50%"] == 0


def test_every_table_downloads_as_csv_with_the_rows_shown(client, editor, traffic):
    client.force_login(editor)
    win = selectors.window("day")
    for table in selectors.newsroom_tables(win):
        response = client.get(f"/admin/analytics/?window=day&export={table.slug}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert "attachment" in response["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0] == table.columns
        expected = [[str(cell) for cell in row] for row in table.rows]
        if table.slug == "views":  # hour labels are in the staff member's time zone
            rows, expected = [r[1:] for r in rows], [r[1:] for r in expected]
        assert rows[1:] == expected
    assert client.get("/admin/analytics/?export=nonsense").status_code == 404
    response = client.get("/admin/analytics/?export=newsletters")
    assert response.status_code == 200


def test_csv_cells_that_look_like_formulas_are_defused(client, editor, make_article):
    page = make_article(title='=HYPERLINK("http://evil.example")', slug="formula")
    view(client, page.pk)
    flush()
    client.force_login(editor)
    body = client.get("/admin/analytics/?export=articles").content.decode()
    assert "'=HYPERLINK" in body


def test_article_edit_page_shows_its_own_numbers(client, editor, traffic):
    article = traffic[0]
    client.force_login(editor)
    response = client.get(f"/admin/pages/{article.pk}/edit/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    panel = soup.select_one("[data-analytics-panel]")
    assert panel is not None
    assert panel.select_one('[data-figure="day"]').get_text(strip=True) == "4"
    assert panel.select_one('[data-figure="plays"]').get_text(strip=True) == "1"
    detail = client.get(f"/admin/analytics/article/{article.pk}/")
    assert detail.status_code == 200
    found = tables_and_charts(detail.content.decode())
    assert sum(int(row[1]) for row in found["views"][0]) == 4
    for slug, (rows, marks) in found.items():
        if marks is not None:
            assert marks == [(row[0], row[1]) for row in rows], slug


def test_reporters_see_numbers_of_articles_they_can_edit_and_not_the_newsroom(
    client, reporter, traffic
):
    client.force_login(reporter)
    assert denied(client.get("/admin/analytics/"))
    assert denied(client.get("/admin/analytics/?export=articles"))
    assert denied(client.get("/admin/analytics/issue/1/"))
    article = traffic[0]
    response = client.get(f"/admin/analytics/article/{article.pk}/")
    if article.permissions_for_user(reporter).can_edit():
        assert response.status_code == 200
    else:
        assert denied(response)


def test_the_dashboard_permission_belongs_to_editors_and_administrators(
    editor, admin_user, reporter
):
    assert editor.has_perm("analytics.view_dashboards")
    assert admin_user.has_perm("analytics.view_dashboards")
    assert not reporter.has_perm("analytics.view_dashboards")
    assert Permission.objects.filter(codename="view_dashboards").count() == 1


def test_anonymous_readers_are_sent_to_sign_in(client, traffic):
    response = client.get("/admin/analytics/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_hostile_parameters_are_answered_without_errors(client, editor, traffic):
    client.force_login(editor)
    assert client.get("/admin/analytics/?window=%00%ff").status_code == 200
    assert client.get("/admin/analytics/?window=year").status_code == 200
    assert client.get("/admin/analytics/article/99999999999999999999/").status_code == 404
    assert client.get("/admin/analytics/issue/99999999999999999999/").status_code == 404


def test_numbers_come_from_aggregate_rows(client, editor, article):
    """Rows written directly (as the bench does) are what the dashboard shows."""
    from django.utils import timezone

    from masthead.analytics.recording import hour_of

    hour = hour_of(timezone.now())
    m.HourlyCount.objects.create(hour=hour, article_id=article.pk, metric=m.VIEWS, count=41)
    m.HourlyCount.objects.create(hour=hour, article_id=0, metric=m.VIEWS, count=41)
    client.force_login(editor)
    found = tables_and_charts(client.get("/admin/analytics/?window=hour").content.decode())
    assert found["articles"][0] == [[article.title, "41"]]
