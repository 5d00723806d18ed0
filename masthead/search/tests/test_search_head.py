"""What search engines and link previews read in the search page's <head>."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def test_the_search_page_has_a_meta_description_and_stays_out_of_the_index(client, home):
    for url in ("/search/", "/search/?q=bridge"):
        head = BeautifulSoup(client.get(url).content, "html.parser").head
        description = head.select('meta[name="description"]')
        assert len(description) == 1
        assert "Search" in description[0]["content"]
        assert len(description[0]["content"]) > 40
        assert head.select_one('meta[name="robots"]')["content"] == "noindex, follow"
