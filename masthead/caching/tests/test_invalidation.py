"""Fine-grained purges: a change throws away what shows it and nothing else; nothing
personal or members-only ever enters a shared cache."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from masthead.caching import fragments
from masthead.caching import tags as cache_tags

pytestmark = pytest.mark.django_db


def test_a_news_feed_item_keeps_every_story_stored(
    client, make_article, article, django_capture_on_commit_callbacks
):
    from masthead.news.tests.test_news_feed import post_item

    other = make_article(title="Grain corridor holds", slug="grain")
    for page in (article, other):
        client.get(page.url)
        assert client.get(page.url)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        post_item(headline="Power restored in Kharkiv")
    # The first page drawn after the post draws the new news-feed rail; every other story is
    # still the stored page, with that rail filled in afresh around it.
    assert b"Power restored in Kharkiv" in client.get(article.url).content
    response = client.get(other.url)
    assert response["X-Cache"] == "HIT"
    assert b"Power restored in Kharkiv" in response.content


def test_publishing_one_story_keeps_every_other_storys_own_parts(
    client, make_article, article, django_capture_on_commit_callbacks
):
    client.get(article.url)
    own = [key for key in _fragment_keys() if ":article-" in key]
    assert len(own) == 4  # meta, head, body, foot
    with django_capture_on_commit_callbacks(execute=True):
        make_article(title="Ferry service resumes", slug="ferry")
    assert all(fragments.peek(key) is not None for key in own)
    # Its "latest" rail is drawn again, around the stored head, text and foot.
    assert b"Ferry service resumes" in client.get(article.url).content


def test_publishing_a_story_redraws_its_own_page(
    client, article, django_capture_on_commit_callbacks
):
    client.get(article.url)
    article.title = "Bridge reopens to lorries"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    response = client.get(article.url)
    assert response["X-Cache"] == "MISS"
    assert b"Bridge reopens to lorries" in response.content


def test_a_news_feed_item_leaves_the_stories_text_and_the_front_page_blocks_stored(
    client, home, article, django_capture_on_commit_callbacks
):
    from masthead.news.tests.test_news_feed import post_item

    client.get(home.url)
    client.get(article.url)
    stored = {key for key in _fragment_keys() if ":article-" in key or ":front-" in key}
    assert stored
    with django_capture_on_commit_callbacks(execute=True):
        post_item(headline="Power restored in Kharkiv")
    assert all(fragments.peek(key) is not None for key in stored)
    assert b"Power restored in Kharkiv" in client.get(home.url).content


def _fragment_keys():
    """The fragments this process has used (each also in the shared store)."""
    return list(fragments.copies._copies)


def _render(source, *, user=None, **context):
    request = RequestFactory().get("/")
    if user is not None:
        request.user = user
    return Template("{% load caching_tags membership_tags %}" + source).render(
        Context({"request": request, **context})
    )


def test_a_fragment_rendered_for_a_signed_in_reader_is_not_stored(editor):
    source = '{% fragment "probe" %}{{ value }}{% endfragment %}'
    assert _render(source, user=editor, value="for the editor") == "for the editor"
    assert _render(source, value="for everyone") == "for everyone"


def test_a_fragment_holding_members_only_text_is_never_stored(make_article, editor):
    premium = make_article(title="Inside the budget", slug="budget", is_premium=True)
    source = (
        '{% fragment "probe" page.pk %}{% premium_body page as body %}'
        "{% for block in body.members %}{{ block }}{% endfor %}|{{ value }}{% endfragment %}"
    )
    for_member = _render(source, user=editor, page=premium, value="member")
    assert for_member.endswith("|member")
    # An anonymous reader gets their own rendering, never the member's copy.
    anonymous = _render(source, page=premium, value="anonymous")
    assert anonymous.endswith("|anonymous")
    for user in (None, editor):
        request = RequestFactory().get("/")
        key = fragments.key_for("probe", premium.pk, request.scheme, request.get_host())
        assert fragments.peek(key) is None, user


def test_a_reader_specific_rendering_is_not_stored_even_for_anonymous_readers():
    def declare():
        cache_tags.reader_specific()
        return "personal"

    assert fragments.get_or_render("frag:probe:x", declare) == "personal"
    assert fragments.peek("frag:probe:x") is None


def test_publishing_a_story_keeps_the_older_stories_stored(
    client, make_article, article, django_capture_on_commit_callbacks
):
    """Older stories share one copy of the "More news" rail (they are not in it), so after a
    publish that rail is drawn once and every older story is answered from the store."""
    newer = [make_article(title=f"Later story {n}", slug=f"later-{n}") for n in range(8)]
    oldest = [article, newer[0]]
    for page in oldest:
        client.get(page.url)
        assert client.get(page.url)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        make_article(title="Ferry service resumes", slug="ferry")
    assert b"Ferry service resumes" in client.get(oldest[0].url).content
    response = client.get(oldest[1].url)
    assert response["X-Cache"] == "HIT"
    assert b"Ferry service resumes" in response.content


def test_a_story_never_lists_itself_in_its_rail(client, make_article, article):
    newer = [make_article(title=f"Later story {n}", slug=f"later-{n}") for n in range(3)]
    for page in [article, *newer]:
        rail = client.get(page.url).content.split(b'class="article-rail"', 1)[1]
        assert page.title.encode() not in rail, page.title
