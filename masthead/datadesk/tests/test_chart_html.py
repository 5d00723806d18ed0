"""An article with every chart form and a fact check, and the chart embed, pass the W3C Nu
HTML checker (the checker set-up is core's)."""

from __future__ import annotations

import json

import pytest

from masthead.core.tests.test_html_validity import _checker, check_pages
from masthead.factchecks.models import Verdict
from masthead.factchecks.tests.test_fact_checks import fact_check

from .factories import make_dataset
from .test_chart_pages import chart_value

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_charts_fact_checks_and_embed_have_no_html_errors(client, make_article, tmp_path):
    checker = _checker()
    dataset = make_dataset(days=40)
    regions = make_dataset(slug="regions", title="By region", x_kind="category", days=6)
    verdict = Verdict.objects.create(label="False", rating=1)
    Verdict.objects.create(label="True", rating=5)
    body = [
        chart_value(dataset),
        chart_value(dataset, form="stacked_bar", title="Stacked"),
        chart_value(dataset, form="big_number", title="Latest", series="Alerts"),
        chart_value(regions, form="bar", title="Regions", annotations=[]),
        fact_check(verdict),
    ]
    article = make_article(title="Charted", body=json.dumps(body), image=False)
    pages = {
        "article": client.get(article.url).content,
        "embed": client.get(f"/embed/chart/{dataset.pk}/?form=bar").content,
    }
    assert pages["article"].count(b'role="img"') == 4
    errors, _ = check_pages(checker, pages, tmp_path)
    assert not errors, "\n".join(errors)
