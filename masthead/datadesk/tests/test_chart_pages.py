"""Charts where readers meet them: in an article (cached, and current after an edit), in
an embed other sites may frame, as a PNG."""

from __future__ import annotations

import datetime
import json
import time
from decimal import Decimal

import pytest
from django.test import Client

from masthead.datadesk.services import dataset_values_set

from .factories import make_dataset

pytestmark = pytest.mark.django_db


def chart_value(dataset, **extra) -> dict:
    return {
        "type": "chart",
        "value": {
            "dataset": dataset.pk,
            "form": "line",
            "title": "Alerts this week",
            "description": "",
            "series": "",
            "start": None,
            "end": None,
            "last_days": None,
            "annotations": [
                {"type": "item", "id": "n1", "value": {"date": "2026-01-03", "text": "Talks"}}
            ],
            **extra,
        },
    }


@pytest.fixture
def dataset(db):
    return make_dataset(days=5)


@pytest.fixture
def chart_article(make_article, dataset):
    body = [{"type": "paragraph", "value": "<p>Figures below.</p>"}, chart_value(dataset)]
    return make_article(title="Alerts rise", body=json.dumps(body))


def test_article_shows_the_chart_with_its_table(client, chart_article):
    html = client.get(chart_article.url).content.decode()
    assert 'role="img"' in html
    assert "<title id=" in html and "Alerts this week</title>" in html
    assert "<summary>Show data</summary>" in html
    assert "Talks" in html
    assert 'data-load-script="/static/datadesk/chart.js"' in html


def test_dataset_edit_changes_the_chart_on_a_cached_article(client, chart_article, dataset):
    first = client.get(chart_article.url)
    assert "<td>14</td>" in first.content.decode()  # Alerts on 5 Jan: 10 + 4
    assert client.get(chart_article.url)["X-Cache"] == "HIT"
    alerts = dataset.series.get(name="Alerts")
    dataset_values_set(
        dataset=dataset, values={(alerts.pk, datetime.date(2026, 1, 5)): Decimal("987654")}
    )
    deadline = time.monotonic() + 2  # the purge window: CACHE_TAG_MEMO_SECONDS
    while True:
        html = client.get(chart_article.url).content.decode()
        if "987,654" in html or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert "<td>987,654</td>" in html
    assert "<td>14</td>" not in html.split("Strikes")[0]


def test_chart_block_refuses_series_the_dataset_does_not_have(dataset):
    from wagtail.blocks import StructBlockValidationError

    from masthead.datadesk.blocks import ChartBlock

    block = ChartBlock()
    value = block.to_python(chart_value(dataset, series="Alerts, Drones")["value"])
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "Drones" in str(error.value.block_errors["series"])


def test_embed_may_be_framed_by_any_site_and_other_pages_may_not(client, dataset, article):
    embed = client.get(f"/embed/chart/{dataset.pk}/?form=bar&series=Alerts")
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    assert 'role="img"' in embed.content.decode()
    # Served again from the page cache, with the same headers.
    again = client.get(f"/embed/chart/{dataset.pk}/?form=bar&series=Alerts")
    assert again["X-Cache"] == "HIT"
    assert "X-Frame-Options" not in again
    page = client.get(article.url)
    assert page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]


@pytest.mark.parametrize(
    "query", ["form=pie", "start=2026-13-01", "last=0", "last=abc", "series=" + ",".join("x" * 9)]
)
def test_embed_answers_bad_queries_with_400(client, dataset, query):
    response = client.get(f"/embed/chart/{dataset.pk}/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")


def test_embed_of_missing_dataset_is_404(client, db):
    assert client.get("/embed/chart/999999/").status_code == 404
    assert client.get("/embed/chart/999999.png").status_code == 404


def test_png_is_served_and_cached_until_the_dataset_changes(dataset):
    client = Client()
    first = client.get(f"/embed/chart/{dataset.pk}.png?form=stacked_bar")
    assert first.status_code == 200
    assert first["Content-Type"] == "image/png"
    assert first.content[:8] == b"\x89PNG\r\n\x1a\n"
    from masthead.datadesk.charts import render
    from masthead.datadesk.charts.config import ChartConfig

    config = ChartConfig(dataset_id=dataset.pk, form="stacked_bar")
    calls = []
    original = render.svg_to_png
    render.svg_to_png = lambda markup, **kw: calls.append(1) or original(markup, **kw)
    try:
        render.png(config)
        assert calls == []  # cached
        dataset.save()  # any change to the dataset
        render.png(config)
        assert calls == [1]
    finally:
        render.svg_to_png = original


def test_an_editor_opens_an_article_with_a_chart_in_the_page_editor(client, editor, chart_article):
    client.force_login(editor)
    response = client.get(f"/admin/pages/{chart_article.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alerts this week" in html  # the block's stored title, in the editor's form data
    assert "Big number with change" in html  # the form's choices
