"""The moderation queue in the Wagtail admin."""

import pytest
from django.urls import reverse

from masthead.comments.models import Comment, CommentBan

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(plain_article, reader, other_reader):
    return [
        Comment.objects.create(
            article=plain_article, author=reader, body="Held one.", status=Comment.PENDING
        ),
        Comment.objects.create(
            article=plain_article, author=other_reader, body="Held two.", status=Comment.PENDING
        ),
    ]


def test_an_editor_sees_held_comments_in_the_queue(client, editor, held):
    client.force_login(editor)
    response = client.get(reverse("comments_admin:queue"))
    assert response.status_code == 200
    assert b"Held one." in response.content and b"Held two." in response.content
    menu = client.get("/admin/").content.decode()
    assert "Comments" in menu


def test_a_reporter_cannot_open_the_queue(client, reporter, held):
    client.force_login(reporter)
    # Wagtail answers a permission refusal by sending the user back to the dashboard.
    response = client.get(reverse("comments_admin:queue"))
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    response = client.post(
        reverse("comments_admin:act"), {"action": "approve", "ids": [c.pk for c in held]}
    )
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not Comment.objects.published().exists()


def test_bulk_approve_publishes_the_ticked_comments(client, editor, held):
    client.force_login(editor)
    response = client.post(
        reverse("comments_admin:act"), {"action": "approve", "ids": [c.pk for c in held]}
    )
    assert response.status_code == 302
    assert set(Comment.objects.values_list("status", flat=True)) == {Comment.PUBLISHED}
    assert Comment.objects.filter(moderated_by=editor).count() == 2


def test_rejecting_one_comment_leaves_the_other(client, editor, held):
    client.force_login(editor)
    client.post(reverse("comments_admin:act"), {"single": f"reject:{held[0].pk}"})
    held[0].refresh_from_db()
    held[1].refresh_from_db()
    assert held[0].status == Comment.REJECTED and held[1].status == Comment.PENDING


def test_banning_a_reader_rejects_their_held_comments_and_stops_them(
    client, editor, held, reader, plain_article
):
    Comment.objects.create(
        article=plain_article, author=reader, body="Another held.", status=Comment.PENDING
    )
    client.force_login(editor)
    client.post(reverse("comments_admin:act"), {"single": f"ban:{held[0].pk}"})
    assert CommentBan.objects.filter(user=reader, banned_by=editor).exists()
    assert not Comment.objects.filter(author=reader, status=Comment.PENDING).exists()
    client.force_login(reader)
    response = client.post(
        reverse("comments:post", args=[plain_article.pk]), {"body": "Still here?"}
    )
    assert response.status_code == 403

    client.force_login(editor)
    client.post(reverse("comments_admin:bans"), {"unban": str(reader.pk)})
    assert not CommentBan.objects.exists()


def test_staff_cannot_be_banned_from_the_queue(client, admin_user, editor, plain_article):
    comment = Comment.objects.create(article=plain_article, author=editor, body="Desk note.")
    client.force_login(admin_user)
    client.post(reverse("comments_admin:act"), {"single": f"ban:{comment.pk}"})
    assert not CommentBan.objects.exists()


def test_approving_a_reported_comment_clears_its_reports(client, editor, reader, plain_article):
    comment = Comment.objects.create(
        article=plain_article, author=reader, body="Fine really.", report_count=3
    )
    client.force_login(editor)
    listing = client.get(reverse("comments_admin:queue") + "?status=reported")
    assert b"Fine really." in listing.content
    client.post(reverse("comments_admin:act"), {"single": f"approve:{comment.pk}"})
    comment.refresh_from_db()
    assert comment.report_count == 0


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"action": "explode", "ids": ["1"]},
    ],
)
def test_bad_queue_requests_get_a_message_not_an_error(client, editor, data):
    client.force_login(editor)
    response = client.post(reverse("comments_admin:act"), data, follow=True)
    assert response.status_code == 200
    assert b"Choose an action" in response.content


@pytest.mark.parametrize("data", [{"action": "approve", "ids": ["x"]}, {"single": "::"}])
def test_ids_that_are_not_ids_get_the_queue_with_a_message_and_400(client, editor, data):
    client.force_login(editor)
    response = client.post(reverse("comments_admin:act"), data)
    assert response.status_code == 400
    assert b"not a valid id" in response.content
