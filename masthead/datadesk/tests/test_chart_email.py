"""Charts in newsletter issues go as PNG pictures drawn by the chart code."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from django.test import Client

from masthead.newsletters.models import Newsletter
from masthead.newsletters.rendering import render_issue
from masthead.newsletters.tests.factories import make_issue

from .factories import make_dataset
from .test_chart_pages import chart_value

pytestmark = pytest.mark.django_db


def test_issue_carries_the_articles_chart_as_a_png_that_is_served(make_article, author):
    dataset = make_dataset(days=10)
    body = [{"type": "paragraph", "value": "<p>Alerts rose.</p>"}, chart_value(dataset)]
    article = make_article(title="Alerts rise", body=json.dumps(body))
    newsletter = Newsletter.objects.create(
        name="Briefing", slug="briefing", author=author, sender_email="b@news.example"
    )
    rendered = render_issue(make_issue(newsletter, [article]))
    assert "<svg" not in rendered.html
    images = re.findall(r'<img src="([^"]+)"[^>]*alt="([^"]*)"', rendered.html)
    charts = [(src, alt) for src, alt in images if "/embed/chart/" in src]
    assert len(charts) == 1
    src, alt = charts[0]
    assert src.startswith("http") and ".png?" in src
    assert alt.startswith("Alerts this week. Line chart of Alerts, Strikes")
    assert "Chart: Alerts this week." in rendered.text
    # The address answers with the PNG of that chart, its note included.
    url = urlsplit(src.replace("&amp;", "&"))
    assert "note=2026-01-03%3ATalks" in url.query
    response = Client().get(f"{url.path}?{url.query}")
    assert response.status_code == 200
    assert response.content[:8] == b"\x89PNG\r\n\x1a\n"
