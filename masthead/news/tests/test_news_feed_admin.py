import pytest
from django.urls import reverse
from django.utils import timezone

from masthead.news.models import NewsFeedItem

pytestmark = pytest.mark.django_db


def add_url():
    return reverse("wagtailsnippets_news_newsfeeditem:add")


def form(**overrides):
    data = {
        "headline": "Kyiv metro reopens",
        "summary": "All stations reopened by 9 AM. About 38,000 people sheltered overnight.",
        "article": "",
        "tags": "Kyiv, Transport",
        "published_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
    }
    data.update(overrides)
    return data


def test_editor_posts_a_feed_item_from_one_screen(client, editor, article):
    client.force_login(editor)
    assert client.get(add_url()).status_code == 200
    response = client.post(add_url(), form(article=str(article.pk)))
    assert response.status_code == 302
    item = NewsFeedItem.objects.get()
    assert item.headline == "Kyiv metro reopens"
    assert item.article_id == article.pk
    assert sorted(t.name for t in item.tags.all()) == ["Kyiv", "Transport"]
    listing = client.get(reverse("wagtailsnippets_news_newsfeeditem:list"))
    assert b"Kyiv metro reopens" in listing.content


def test_reporter_can_post_but_not_delete(client, reporter):
    client.force_login(reporter)
    assert client.post(add_url(), form()).status_code == 302
    item = NewsFeedItem.objects.get()
    delete = reverse("wagtailsnippets_news_newsfeeditem:delete", args=[item.pk])
    client.post(delete)
    assert NewsFeedItem.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize(
    "field,value",
    [
        ("headline", ""),
        ("headline", "x" * 201),
        ("summary", ""),
        ("summary", "One. Two. Three. Four."),
        ("summary", "y" * 601),
        ("published_at", "not a date"),
        ("article", "999999"),
        ("article", "abc"),
    ],
)
def test_bad_feed_item_input_is_refused_and_nothing_is_stored(client, editor, field, value):
    client.force_login(editor)
    response = client.post(add_url(), form(**{field: value}))
    assert response.status_code == 200  # the form again, with its errors
    assert NewsFeedItem.objects.count() == 0
    assert b"error" in response.content.lower()


def test_readers_cannot_reach_the_feed_admin(client, home):
    response = client.get(add_url())
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_search_in_the_feed_admin_finds_items(client, editor):
    NewsFeedItem.objects.create(headline="Grain exports rise", summary="Up 4%.")
    NewsFeedItem.objects.create(headline="Metro reopens", summary="All stations.")
    client.force_login(editor)
    response = client.get(reverse("wagtailsnippets_news_newsfeeditem:list"), {"q": "grain"})
    assert response.status_code == 200
    assert b"Grain exports rise" in response.content
    assert b"Metro reopens" not in response.content
