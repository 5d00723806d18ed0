"""Issue 12: ids from hostile input are a 4xx with a clear message, never a 500, and a
moderation form with one bad id changes nothing."""

import pytest
from django.urls import reverse

from masthead.comments.models import Comment, CommentBan

pytestmark = pytest.mark.django_db

HUGE = "9999999999999999999999999"


@pytest.fixture
def held(plain_article, reader):
    return Comment.objects.create(
        article=plain_article, author=reader, body="Held.", status=Comment.PENDING
    )


@pytest.mark.parametrize(
    "url",
    [
        f"/comments/{HUGE}/",
        f"/comments/{HUGE}/fragment/",
        f"/comments/edit/{HUGE}/",
        f"/comments/delete/{HUGE}/",
        f"/comments/report/{HUGE}/",
        f"/audio/{HUGE}/aaaaaaaaaaaaaaaa.mp3",
        f"/organisation/pitches/{HUGE}/attachment/",
    ],
)
def test_an_oversized_id_in_a_path_is_not_found(client, reader, url):
    client.force_login(reader)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_posting_to_an_oversized_article_id_is_not_found_and_stores_nothing(client, reader):
    client.force_login(reader)
    response = client.post(f"/comments/{HUGE}/post/", {"body": "Hello."})
    assert response.status_code == 404
    assert not Comment.objects.exists()


@pytest.mark.parametrize("bad", ["²", "1" * 30, "-1", "1e3", " ", "٣"])
def test_moderation_with_a_bad_id_is_refused_whole(client, editor, held, bad):
    client.force_login(editor)
    response = client.post(
        reverse("comments_admin:act"), {"action": "approve", "ids": [str(held.pk), bad]}
    )
    assert response.status_code == 400
    assert "not a valid id" in response.content.decode()
    held.refresh_from_db()
    assert held.status == Comment.PENDING


def test_a_single_action_with_a_bad_id_is_refused(client, editor, held):
    client.force_login(editor)
    response = client.post(reverse("comments_admin:act"), {"single": "reject:²"})
    assert response.status_code == 400
    held.refresh_from_db()
    assert held.status == Comment.PENDING


@pytest.mark.parametrize("bad", ["²", "1" * 30, "abc"])
def test_unban_with_a_bad_id_is_refused_and_the_ban_stays(client, editor, reader, bad):
    CommentBan.objects.create(user=reader, banned_by=editor)
    client.force_login(editor)
    response = client.post(reverse("comments_admin:bans"), {"unban": bad})
    assert response.status_code == 400
    assert "not a valid id" in response.content.decode()
    assert CommentBan.objects.filter(user=reader).exists()
