"""Every form of reader accounts and comments refuses a POST without a CSRF token."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from masthead.accounts import tokens
from masthead.accounts.models import User
from masthead.comments.models import Comment, CommentBan
from masthead.comments.notifications import opt_out_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def forms(article, comment, user):
    return [
        ("sign in by link", reverse("accounts:sign_in"), {"method": "link", "email": "a@b.org"}),
        ("sign in by password", reverse("accounts:sign_in"), {"method": "password"}),
        ("follow link", reverse("accounts:link", args=[tokens.make_token(email="n@b.org")]), {}),
        ("sign out", reverse("accounts:sign_out"), {}),
        ("sign out everywhere", reverse("accounts:sign_out_everywhere"), {}),
        ("name", reverse("accounts:profile"), {"display_name": "Forged"}),
        ("password", reverse("accounts:password"), {"new_password1": "x", "new_password2": "x"}),
        ("export", reverse("accounts:export"), {}),
        ("delete account", reverse("accounts:delete"), {"confirm": "delete"}),
        ("post comment", reverse("comments:post", args=[article.pk]), {"body": "Forged"}),
        ("edit comment", reverse("comments:edit", args=[comment.pk]), {"body": "Forged"}),
        ("delete comment", reverse("comments:delete", args=[comment.pk]), {}),
        ("report comment", reverse("comments:report", args=[comment.pk]), {}),
        ("reply emails", reverse("comments:preferences"), {}),
        ("reply opt-out", reverse("comments:opt_out", args=[opt_out_token(user)]), {}),
        ("moderate", reverse("comments_admin:act"), {"single": f"ban:{comment.pk}"}),
        ("lift ban", reverse("comments_admin:bans"), {"unban": str(user.pk)}),
        ("staff login", "/admin/login/", {"username": "x", "password": "y"}),
    ]


def test_every_form_refuses_a_post_without_a_csrf_token(
    csrf_client, reader, admin_user, plain_article
):
    comment = Comment.objects.create(article=plain_article, author=reader, body="Original.")
    for name, url, data in forms(plain_article, comment, reader):
        for user in (reader, admin_user):
            csrf_client.force_login(user)
            response = csrf_client.post(url, data)
            assert response.status_code == 403, (name, user, response.status_code)
    comment.refresh_from_db()
    reader.refresh_from_db()
    assert comment.body == "Original." and comment.status == Comment.PUBLISHED
    assert reader.display_name == "Taras"
    assert Comment.objects.count() == 1 and not CommentBan.objects.exists()
    assert User.objects.filter(pk=reader.pk).exists()


def test_the_same_form_works_with_the_token_from_the_page(csrf_client, reader, plain_article):
    csrf_client.force_login(reader)
    page = csrf_client.get(reverse("comments:page", args=[plain_article.pk])).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = csrf_client.post(
        reverse("comments:post", args=[plain_article.pk]),
        {"body": "With a token.", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert Comment.objects.filter(body="With a token.").exists()
