"""A view-restricted story's comments are as private as the story: no endpoint returns its
thread, nor takes reports, edits or posts, for a reader who may not read it."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageViewRestriction

from masthead.comments.models import Comment, CommentReport

pytestmark = pytest.mark.django_db

THREAD = "The minister's driver was there too."


@pytest.fixture
def private_article(plain_article, roles):
    restriction = PageViewRestriction.objects.create(
        page=plain_article, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Editor"))
    return plain_article


@pytest.fixture
def private_comment(private_article, other_reader):
    return Comment.objects.create(article=private_article, author=other_reader, body=THREAD)


def test_reporting_a_private_articles_comment_returns_nothing(
    client, reader, private_comment, fetch_headers
):
    client.force_login(reader)
    url = reverse("comments:report", args=[private_comment.pk])
    response = client.post(url, {"reason": "abuse"}, **fetch_headers)
    assert response.status_code == 404
    assert THREAD not in response.content.decode()
    assert not CommentReport.objects.exists()
    response = client.post(url, {"reason": "abuse"})
    assert response.status_code == 404


def test_no_endpoint_shows_a_private_articles_thread(
    client, reader, private_article, private_comment, fetch_headers
):
    client.force_login(reader)
    for url in (
        reverse("comments:page", args=[private_article.pk]),
        reverse("comments:fragment", args=[private_article.pk]),
    ):
        response = client.get(url, **fetch_headers)
        assert response.status_code == 404, url
        assert THREAD not in response.content.decode()
    response = client.post(
        reverse("comments:post", args=[private_article.pk]), {"body": "Hello"}, **fetch_headers
    )
    assert response.status_code == 404
    assert THREAD not in response.content.decode()
    assert Comment.objects.count() == 1


def test_the_comments_authors_lose_edit_and_delete_with_the_story(
    client, other_reader, private_comment, fetch_headers
):
    client.force_login(other_reader)
    assert client.get(reverse("comments:edit", args=[private_comment.pk])).status_code == 404
    response = client.post(reverse("comments:delete", args=[private_comment.pk]), **fetch_headers)
    assert response.status_code == 404
    assert THREAD not in response.content.decode()
    private_comment.refresh_from_db()
    assert private_comment.status == Comment.PUBLISHED


def test_a_reader_the_story_is_open_to_sees_its_comments(
    client, editor, private_article, private_comment, fetch_headers
):
    client.force_login(editor)
    response = client.get(reverse("comments:fragment", args=[private_article.pk]), **fetch_headers)
    assert response.status_code == 200
    assert THREAD in response.content.decode()
