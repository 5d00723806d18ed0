"""Password- and login-restricted pages can be unlocked through Wagtail's _util views (the
page route used to answer 404 for them), and an unlocked page never reaches the shared page
cache (caching is on in tests)."""

import re

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db

BODY = b"The council met at dawn"


@pytest.fixture
def locked_article(make_article):
    article = make_article(title="Leaked ministry memo", slug="memo")
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-word"
    )
    return article, restriction


def _form_action(response) -> str:
    match = re.search(rb'action="(/_util/authenticate_with_password/[^"]+)"', response.content)
    assert match, "the password form is missing"
    return match.group(1).decode()


def test_a_password_restricted_page_is_unlocked_end_to_end(locked_article):
    article, restriction = locked_article
    reader, stranger = Client(), Client()
    # A stranger's first visit may be stored: it shows only the password form.
    for _ in range(2):
        asked = stranger.get(article.url)
        assert asked.status_code == 200
        assert BODY not in asked.content

    asked = reader.get(article.url)
    action = _form_action(asked)
    assert action == f"/_util/authenticate_with_password/{restriction.pk}/{article.pk}/"

    wrong = reader.post(action, {"password": "guess", "return_url": article.url})
    assert wrong.status_code == 200
    assert BODY not in wrong.content

    right = reader.post(action, {"password": "s3cret-word", "return_url": article.url})
    assert right.status_code == 302
    assert right["Location"] == article.url
    for _ in range(2):
        unlocked = reader.get(article.url)
        assert unlocked.status_code == 200
        assert BODY in unlocked.content

    # The unlocked page was never stored for the others, nor served to them from a copy.
    for _ in range(2):
        again = stranger.get(article.url)
        assert again.status_code == 200
        assert BODY not in again.content
    assert BODY not in Client().get(article.url).content


def test_a_hostile_unlock_request_is_a_client_error(locked_article):
    article, restriction = locked_article
    client = Client()
    assert client.get(f"/_util/authenticate_with_password/999999/{article.pk}/").status_code == 404
    huge = "9" * 30
    response = client.post(f"/_util/authenticate_with_password/{huge}/{huge}/", {"password": "x"})
    assert 400 <= response.status_code < 500
    # An outside return address is not followed.
    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{article.pk}/",
        {"password": "s3cret-word", "return_url": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_a_login_restricted_page_sends_readers_to_sign_in(make_article):
    article = make_article(title="Members briefing", slug="briefing")
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    client = Client()
    response = client.get(article.url)
    assert response.status_code == 302
    login = client.get(response["Location"])
    assert login.status_code == 302
    assert login["Location"].startswith("/account/sign-in/?next=")
    assert client.get(login["Location"]).status_code == 200
