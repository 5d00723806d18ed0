"""The comment UI of the Ukrainian edition, its refusals and messages, and reply emails in
the language of the edition where the replied-to comment was written (real SMTP)."""

import re
from html import unescape

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from masthead.comments import conf
from masthead.comments.models import Comment

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return unescape(response.content.decode())


def test_the_comment_block_is_ukrainian(client, reader, other_reader, plain_article):
    Comment.objects.create(article=plain_article, author=other_reader, body="Питання?")
    with translation.override("uk"):
        anonymous = text(client.get(reverse("comments:page", args=[plain_article.pk])))
        client.force_login(reader)
        signed_in = text(client.get(reverse("comments:page", args=[plain_article.pk])))
    assert "1 коментар" in anonymous
    assert "Увійдіть або створіть обліковий запис</a>, щоб коментувати." in anonymous
    for phrase in ("Ви коментуєте як <strong>Taras</strong>", "Опублікувати коментар"):
        assert phrase in signed_in
    assert "Поскаржитися" in signed_in and "Відповісти" in signed_in
    assert "Post comment" not in signed_in


@pytest.mark.parametrize("body", ["", "   ", "\x00", "я" * (conf.MAX_LENGTH + 1)])
def test_a_refused_comment_is_explained_in_ukrainian(client, reader, plain_article, body):
    client.force_login(reader)
    with translation.override("uk"):
        response = client.post(
            reverse("comments:post", args=[plain_article.pk]),
            {"body": body},
            HTTP_X_REQUESTED_WITH="fetch",
        )
    assert response.status_code == 400
    error = re.search(r'class="form-error" role="alert">([^<]*)<', text(response)).group(1)
    assert re.search("[а-яіїєґ]", error), error
    assert not Comment.objects.exists()


def test_a_posted_comment_remembers_its_edition(client, reader, plain_article):
    client.force_login(reader)
    with translation.override("uk"):
        client.post(reverse("comments:post", args=[plain_article.pk]), {"body": "Дякую!"})
    assert Comment.objects.get().language == "uk"


def test_a_reply_email_follows_the_language_of_the_comment_replied_to(
    client, reader, other_reader, plain_article, smtp_inbox, django_capture_on_commit_callbacks
):
    parent = Comment.objects.create(
        article=plain_article, author=other_reader, body="Питання?", language="uk"
    )
    client.force_login(reader)
    # The reply is written in the English edition; Maria wrote in the Ukrainian one.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("comments:post", args=[plain_article.pk]),
            {"body": "An answer.", "parent": parent.pk},
        )
    (message,) = smtp_inbox.to("maria@example.org")
    assert message["Subject"].strip().startswith("Taras відповідає на ваш коментар до «")
    body = smtp_inbox.text(message)
    assert "Доброго дня, Maria!" in body and "Читати розмову: http" in body
    assert "Щоб більше не отримувати листів про відповіді:" in body


def test_account_section_and_messages_in_ukrainian(client, reader, plain_article):
    Comment.objects.create(article=plain_article, author=reader, body="Один")
    client.force_login(reader)
    with translation.override("uk"):
        client.post(reverse("comments:preferences"), {"notify_replies": "on"})
        page = text(client.get(reverse("accounts:account")))
    assert "Налаштування листів про коментарі збережено." in page
    assert "Ви написали 1 коментар." in page


@pytest.mark.parametrize(
    ("count", "phrase"),
    [(1, "1 коментар"), (2, "2 коментарі"), (5, "5 коментарів"), (21, "21 коментар")],
)
def test_comment_counts_take_the_right_plural_form(count, phrase):
    with translation.override("uk"):
        html = render_to_string(
            "comments/fragment.html", {"count": count, "items": [], "open": False}
        )
        section = render_to_string("comments/account_section.html", {"comment_count": count})
    assert f">{phrase}<" in html
    assert f"Ви написали {phrase}." in section
