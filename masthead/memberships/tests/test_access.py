import pytest
from bs4 import BeautifulSoup

from masthead.memberships.access import can_read_in_full, public_blocks

pytestmark = pytest.mark.django_db

SECRET = "The withheld finding is 73 percent."


def premium_body():
    paragraphs = [{"type": "paragraph", "value": f"<p>Open paragraph {i}.</p>"} for i in range(3)]
    return [
        *paragraphs,
        {"type": "quote", "value": {"quote": "Q", "attribution": ""}},
        {"type": "paragraph", "value": f"<p>{SECRET}</p>"},
    ]


def test_free_article_is_readable_by_anyone(article):
    assert can_read_in_full(None, article)
    assert len(public_blocks(article)) == len(article.body)


def test_premium_article_shows_only_the_first_paragraphs_to_anonymous_readers(client, make_article):
    page = make_article(title="Deep analysis", slug="deep", body=premium_body(), is_premium=True)
    assert not can_read_in_full(None, page)
    assert [b.block_type for b in public_blocks(page)] == ["paragraph"] * 3
    response = client.get(page.url)
    assert SECRET.encode() not in response.content
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".join-prompt")


def test_editor_reads_premium_in_full(client, make_article, editor):
    page = make_article(title="Deep analysis", slug="deep", body=premium_body(), is_premium=True)
    client.force_login(editor)
    assert SECRET.encode() in client.get(page.url).content
