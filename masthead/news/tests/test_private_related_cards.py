"""A related-article card never shows a private (view-restricted) story's headline or
standfirst, even when the restriction is added after the body was stored."""

import pytest
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db

SECRET_HEADLINE = "Ministry tender rigged, files show"
SECRET_STANDFIRST = "Three bids came from one address."


@pytest.fixture
def pair(make_article, section, author):
    hidden = make_article(
        title=SECRET_HEADLINE, slug="tender", standfirst=SECRET_STANDFIRST, image=False
    )
    story = make_article(
        title="Council votes on repairs",
        slug="council",
        image=False,
        body=[
            {"type": "paragraph", "value": "<p>The vote was close.</p>"},
            {"type": "related_article", "value": {"article": hidden.pk}},
        ],
    )
    return story, hidden


def test_a_private_story_leaves_the_related_card_out(client, pair):
    story, hidden = pair
    shown = client.get(story.url).content.decode()
    assert SECRET_HEADLINE in shown  # public for now: the card is there
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    for _ in range(2):  # the stored page and body are redrawn, and stay without the card
        page = client.get(story.url).content.decode()
        assert "The vote was close." in page
        assert SECRET_HEADLINE not in page
        assert SECRET_STANDFIRST not in page


def test_a_password_protected_story_leaves_the_card_out(client, pair):
    story, hidden = pair
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="pw"
    )
    page = client.get(story.url).content.decode()
    assert SECRET_HEADLINE not in page
    assert SECRET_STANDFIRST not in page
