"""Trackers, figures boxes, downloads, JSON-LD, the demo, and purges when figures change."""

import csv
import io
import json
import re
from datetime import date
from decimal import Decimal

import pytest

from masthead.datadesk.models import TrackerPage
from masthead.datadesk.services import dataset_values_set

from .factories import make_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset():
    return make_dataset(days=5)


@pytest.fixture
def tracker(home, dataset):
    page = TrackerPage(
        title="Alerts tracker",
        slug="alerts-tracker",
        dataset=dataset,
        notes="<p>Counted each morning.</p>",
        table_rows=3,
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def set_alerts(dataset, day, value):
    alerts = dataset.series.get(name="Alerts")
    return dataset_values_set(dataset=dataset, values={(alerts.pk, day): Decimal(value)})


def json_ld(html: str) -> list[dict]:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in found]


def test_a_tracker_shows_latest_figures_change_table_notes_and_source(client, tracker):
    response = client.get(tracker.url)
    assert response.status_code == 200
    html = response.content.decode()
    latest = html.split('id="tracker-latest"')[1].split("</section>")[0]
    # Alerts: 14 on 5 January, +1 since the 4th; Strikes 24.
    assert '<span class="figures-box__value">14</span>' in latest
    assert '<span class="figures-box__value">24</span>' in latest
    assert "+1 since 4 January" in latest
    table = html.split('id="tracker-table"')[1].split("</table>")[0]
    assert table.count("<tr>") == 4  # heading + the 3 latest rows, newest first
    assert table.index("5 Jan 2026") < table.index("3 Jan 2026")
    assert "1 Jan 2026" not in table
    assert "Counted each morning." in html
    assert 'href="https://example.org/source"' in html
    assert 'href="/data/alerts.csv"' in html
    assert "datadesk/components/chart.html" not in html  # the include point draws no text


def test_a_tracker_carries_dataset_json_ld_with_its_downloads(client, tracker, settings):
    html = client.get(tracker.url).content.decode()
    (data,) = [block for block in json_ld(html) if block.get("@type") == "Dataset"]
    assert data["name"] == "Air-raid alerts"
    assert len(data["description"]) >= 50
    assert data["url"].endswith("/alerts-tracker/")
    formats = {item["encodingFormat"]: item["contentUrl"] for item in data["distribution"]}
    root = settings.SITE_URL.rstrip("/")
    assert formats == {
        "text/csv": f"{root}/data/alerts.csv",
        "application/json": f"{root}/data/alerts.json",
    }
    assert all(item["@type"] == "DataDownload" for item in data["distribution"])
    assert data["temporalCoverage"] == "2026-01-01/2026-01-05"
    assert data["creator"]["name"] == "Demo source"


def test_downloads_give_csv_and_json_of_every_value(client, dataset):
    response = client.get("/data/alerts.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["date", "Alerts", "Strikes"]
    assert rows[1] == ["2026-01-01", "10", "20"]
    assert len(rows) == 6
    document = json.loads(client.get("/data/alerts.json").content)
    assert document["series"][0]["name"] == "Alerts"
    assert document["series"][0]["points"][0] == ["2026-01-01", 10]
    assert document["source"]["url"] == "https://example.org/source"


def test_unknown_downloads_are_not_found(client, dataset):
    assert client.get("/data/alerts.xml").status_code == 404
    assert client.get("/data/nothing.csv").status_code == 404


def test_a_figures_box_in_an_article_shows_the_trackers_latest_figures(
    client, make_article, tracker
):
    article = make_article(
        title="Sirens all night",
        slug="sirens",
        body=[
            ("paragraph", "<p>The night was long.</p>"),
            ("figures_box", {"tracker": tracker, "heading": "The count so far"}),
        ],
    )
    html = client.get(article.url).content.decode()
    box = html.split('class="figures-box figures-box--body"')[1].split("</aside>")[0]
    assert "The count so far" in box
    assert '<span class="figures-box__value">14</span>' in box
    assert f'href="{tracker.url}"' in box


def test_the_rail_shows_the_chosen_trackers_figures_box(client, article, tracker):
    html = client.get(article.url).content.decode()
    assert "figures-box--rail" not in html
    tracker.in_article_rail = True
    tracker.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert "figures-box--rail" in html


def test_an_illustrative_dataset_says_so_everywhere(client, tracker, dataset, make_article):
    dataset.illustrative = True
    dataset.save()
    assert "Illustrative figures, not real data" in client.get(tracker.url).content.decode()
    article = make_article(
        slug="boxed", body=[("figures_box", {"tracker": tracker, "heading": ""})]
    )
    assert "Illustrative figures, not real data" in client.get(article.url).content.decode()


def test_a_dataset_edit_changes_a_cached_tracker_and_a_cached_article(
    client, tracker, dataset, make_article, django_capture_on_commit_callbacks
):
    article = make_article(
        slug="boxed", body=[("figures_box", {"tracker": tracker, "heading": "Count"})]
    )
    for url in (tracker.url, article.url, "/data/alerts.csv"):
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT", url
    with django_capture_on_commit_callbacks(execute=True):
        set_alerts(dataset, date(2026, 1, 6), "4321")
    tracker_html = client.get(tracker.url).content.decode()
    assert '<span class="figures-box__value">4,321</span>' in tracker_html
    assert "+4,307 since 5 January" in tracker_html
    assert "4,321" in client.get(article.url).content.decode()
    assert "2026-01-06,4321," in client.get("/data/alerts.csv").content.decode()


def test_a_metadata_edit_purges_too(client, tracker, dataset, django_capture_on_commit_callbacks):
    client.get(tracker.url)
    assert client.get(tracker.url)["X-Cache"] == "HIT"
    dataset.source_name = "Regional administration"
    with django_capture_on_commit_callbacks(execute=True):
        dataset.save()
    assert "Regional administration" in client.get(tracker.url).content.decode()


def test_the_cache_rule_names_the_pages_that_embed_the_dataset(tracker, dataset, make_article):
    from masthead.datadesk.cache_rules import ids_of_pages_using, paths_showing_dataset

    article = make_article(
        slug="boxed", body=[("figures_box", {"tracker": tracker, "heading": ""})]
    )
    make_article(slug="unrelated")
    assert set(ids_of_pages_using(dataset)) == {tracker.pk, article.pk}
    paths = paths_showing_dataset(dataset)
    assert {"/data/alerts.csv", "/data/alerts.json", tracker.url, article.url} <= set(paths)


def test_the_demo_has_a_year_of_illustrative_daily_figures(home):
    from masthead.datadesk import seeds

    seeds.seed(stdout=io.StringIO())
    seeds.seed(stdout=io.StringIO())  # idempotent
    tracker = TrackerPage.objects.live().get()
    frame = tracker.dataset.frame()
    assert tracker.dataset.illustrative
    assert "Illustrative figures, not real data" in tracker.dataset.description
    assert len(frame.xs) >= 365
    assert all(len(one.points) == len(frame.xs) for one in frame.series)
    days = frame.xs
    assert all((b - a).days == 1 for a, b in zip(days, days[1:], strict=False))
    # The same walk every time.
    assert seeds.generated_rows(date(2026, 1, 1))[:5] == seeds.generated_rows(date(2026, 1, 1))[:5]


def test_a_tracker_page_costs_a_few_queries(client, tracker, django_assert_max_num_queries):
    # The page, its dataset, series and points, site chrome and the chart's own reads (an
    # uncached first view; a stored page costs none).
    with django_assert_max_num_queries(30):
        assert client.get(tracker.url).status_code == 200


def test_a_dataset_edit_changes_the_figures_box_in_a_cached_articles_rail(
    client, article, tracker, dataset, django_capture_on_commit_callbacks
):
    tracker.in_article_rail = True
    tracker.save_revision().publish()
    client.get(article.url)
    assert client.get(article.url)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        set_alerts(dataset, date(2026, 1, 6), "777")
    rail = client.get(article.url).content.decode().split("figures-box--rail")[1]
    assert '<span class="figures-box__value">777</span>' in rail.split("</aside>")[0]


def test_the_tracker_edit_form_links_to_the_one_day_form(client, editor, tracker, dataset):
    from django.urls import reverse

    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[tracker.pk]))
    assert response.status_code == 200
    assert reverse("datadesk_admin:add", args=[dataset.pk]).encode() in response.content


def test_a_dataset_edit_purges_its_embeds_and_downloads_at_the_edge(
    dataset, monkeypatch, django_capture_on_commit_callbacks
):
    from masthead.caching import purge

    sent = []
    monkeypatch.setattr(purge, "purge_edge", lambda *, paths: sent.extend(paths))
    with django_capture_on_commit_callbacks(execute=True):
        dataset.save()
    assert f"/embed/chart/{dataset.pk}/" in sent and f"/embed/chart/{dataset.pk}.png" in sent
    assert f"/data/{dataset.slug}.csv" in sent
