"""Download my data, and delete my account."""

import json

import pytest
from django.urls import reverse

from masthead.accounts.models import User
from masthead.accounts.tests.factories import UserFactory
from masthead.comments.models import Comment, CommentSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    return UserFactory(email="halyna@example.org", display_name="Halyna")


@pytest.fixture
def plain_article(make_article):
    return make_article(image=False, title="Water returns to the eastern districts")


def test_download_my_data_returns_everything_stored_as_json(client, reader, plain_article):
    Comment.objects.create(article=plain_article, author=reader, body="The pumps run again.")
    client.force_login(reader)
    response = client.post(reverse("accounts:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["accounts"]["email"] == "halyna@example.org"
    assert data["accounts"]["display_name"] == "Halyna"
    (comment,) = data["comments"]["comments"]
    assert comment["text"] == "The pumps run again."
    assert comment["article"] == "Water returns to the eastern districts"


def test_data_export_needs_a_signed_in_post(client, reader):
    assert client.get(reverse("accounts:export")).status_code == 405
    assert client.post(reverse("accounts:export")).status_code == 302  # to sign in


def test_deleting_the_account_keeps_comments_as_deleted_reader_by_default(
    client, reader, plain_article
):
    comment = Comment.objects.create(article=plain_article, author=reader, body="Kept text.")
    client.force_login(reader)
    response = client.post(reverse("accounts:delete"), {"confirm": "delete"})
    assert response.status_code == 200
    assert not User.objects.filter(pk=reader.pk).exists()
    comment.refresh_from_db()
    assert comment.author is None and comment.body == "Kept text."
    page = client.get(reverse("comments:page", args=[plain_article.pk]))
    assert b"Deleted reader" in page.content
    assert b"Halyna" not in page.content


def test_deleting_the_account_can_remove_the_comments_instead(client, reader, plain_article):
    other = UserFactory(email="other@example.org")
    settings = CommentSettings.load()
    settings.on_account_deletion = CommentSettings.REMOVE
    settings.save()
    lonely = Comment.objects.create(article=plain_article, author=reader, body="Gone soon.")
    answered = Comment.objects.create(article=plain_article, author=reader, body="Answered.")
    reply = Comment.objects.create(
        article=plain_article, author=other, parent=answered, body="A reply that stays."
    )
    client.force_login(reader)
    client.post(reverse("accounts:delete"), {"confirm": "delete"})
    assert not Comment.objects.filter(pk=lonely.pk).exists()
    answered.refresh_from_db()
    assert answered.body == "" and answered.status == Comment.DELETED and answered.author is None
    assert Comment.objects.filter(pk=reply.pk).exists()
    page = client.get(reverse("comments:page", args=[plain_article.pk])).content.decode()
    assert "Answered." not in page and "Gone soon." not in page
    assert "A reply that stays." in page


def test_account_deletion_needs_the_confirmation_word(client, reader):
    client.force_login(reader)
    response = client.post(reverse("accounts:delete"), {"confirm": "yes"})
    assert response.status_code == 400
    assert b"Type the word" in response.content
    assert User.objects.filter(pk=reader.pk).exists()


def test_staff_cannot_delete_their_account_from_the_reader_page(client, editor):
    client.force_login(editor)
    assert client.post(reverse("accounts:delete"), {"confirm": "delete"}).status_code == 403
    assert User.objects.filter(pk=editor.pk).exists()


def test_another_apps_privacy_module_is_asked_too(monkeypatch, reader):
    from masthead.accounts import services

    calls = []

    class FakeModule:
        @staticmethod
        def export_user_data(user):
            return {"subscriptions": ["weekly"]}

        @staticmethod
        def delete_user_data(user):
            calls.append(user.pk)

    real = list(services.privacy_modules())
    monkeypatch.setattr(
        services, "privacy_modules", lambda: iter([*real, ("newsletters", FakeModule)])
    )
    assert services.export_user_data(user=reader)["newsletters"] == {"subscriptions": ["weekly"]}
    pk = reader.pk
    services.delete_account(user=reader)
    assert calls == [pk]


def test_the_account_page_shows_sections_other_apps_add(client, reader):
    client.force_login(reader)
    page = client.get(reverse("accounts:account")).content.decode()
    assert "Email me when someone replies" in page  # the comments app's section
    assert "Download my data" in page and "Delete my account" in page
