"""A reader who follows a broken newsletter link is told so in the issue's language (or the
edition's, when the link is too damaged to say which issue it came from)."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from masthead.analytics.newsletter_links import click_token
from masthead.newsletters.models import Newsletter
from masthead.newsletters.tests.factories import make_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def ukrainian_issue(db):
    newsletter = Newsletter.objects.create(
        name="Ранковий огляд",
        slug="ranok",
        locale=Locale.objects.get_or_create(language_code="uk")[0],
    )
    return make_issue(newsletter)


def test_a_link_the_issue_never_had_is_refused_in_the_issues_language(client, ukrainian_issue):
    token = click_token(issue_id=ukrainian_issue.pk, url="https://evil.example/phish")
    response = client.get(reverse("analytics:newsletter_click", args=[token]))
    assert response.status_code == 404
    assert response.content.decode() == "Це посилання недійсне."
    assert response["Cache-Control"]


@pytest.mark.parametrize("token", ["x", "a" * 3000, "..%2f..%2fetc", "<script>"])
def test_a_damaged_link_is_refused_in_the_default_editions_language(client, token):
    # /n/c/ is one URL for every edition, and the language is the URL's alone: with no issue
    # to go by, the answer is the default edition's, whatever language the caller has active.
    with translation.override("uk"):
        url = reverse("analytics:newsletter_click", args=[token])
        response = client.get(url)
    assert not url.startswith("/uk/")
    assert response.status_code == 404
    assert response.content.decode() == "This link is not valid."
    assert response["Cache-Control"]
    english = client.get(reverse("analytics:newsletter_click", args=[token]))
    assert english.status_code == 404
    assert english.content.decode() == "This link is not valid."
