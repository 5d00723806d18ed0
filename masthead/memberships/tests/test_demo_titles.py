"""Every page of the demo newsroom has its own <title>: two pages with one title (say, a
membership page and a recruitment page both called "Join the Team") confuse readers, browser
tabs and search results."""

from collections import defaultdict
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page

pytestmark = pytest.mark.django_db

# Reader pages served by apps rather than the page tree.
APP_PAGES = ["memberships:join", "newsletters:list", "accounts:sign_in"]


def test_every_demo_page_has_a_unique_title(client, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo", stdout=StringIO())
    paths = [page.url for page in Page.objects.live().filter(depth__gt=1).specific()]
    paths += [reverse(name) for name in APP_PAGES]
    titles = defaultdict(list)
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        title = BeautifulSoup(response.content, "html.parser").title
        assert title is not None and title.get_text(strip=True), path
        titles[title.get_text(strip=True)].append(path)
    assert len(paths) > 50
    assert {title: where for title, where in titles.items() if len(where) > 1} == {}
