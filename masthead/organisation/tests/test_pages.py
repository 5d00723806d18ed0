import pytest
from bs4 import BeautifulSoup

from masthead.people.tests.factories import AuthorFactory

from .factories import make_jobs_page, make_team_page

pytestmark = pytest.mark.django_db


def _soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_team_page_lists_active_authors_grouped_by_role(client, home):
    AuthorFactory(name="Olena Chief", role="Editors", sort_order=1)
    AuthorFactory(name="Mark Desk", role="Editors", sort_order=2)
    AuthorFactory(name="Iryna Field", role="Reporters", sort_order=3)
    AuthorFactory(name="Gone Former", role="Reporters", is_active=False)
    page = make_team_page(home)
    response = client.get(page.url)
    assert response.status_code == 200
    groups = {
        section.h2.get_text(): [h.get_text() for h in section.select(".team-member h3")]
        for section in _soup(response).select(".team-group")
    }
    assert groups == {"Editors": ["Olena Chief", "Mark Desk"], "Reporters": ["Iryna Field"]}
    assert "Gone Former" not in response.content.decode()


def test_team_page_query_count_does_not_grow_with_the_team(
    client, home, django_assert_max_num_queries
):
    page = make_team_page(home)
    for n in range(15):
        AuthorFactory(name=f"Member {n}", role=f"Role {n % 3}")
    client.get(page.url)
    with django_assert_max_num_queries(12):
        client.get(page.url)


def test_jobs_page_shows_open_postings_and_hides_closed_ones(client, home):
    page = make_jobs_page(home, [("Night editor", True), ("Photo assistant", False)])
    response = client.get(page.url)
    titles = [h.get_text() for h in _soup(response).select(".job-posting h2")]
    assert titles == ["Night editor"]
    assert "Photo assistant" not in response.content.decode()


def test_jobs_page_without_openings_says_so(client, home):
    page = make_jobs_page(home, [("Photo assistant", False)])
    assert "no open positions" in _soup(client.get(page.url)).select_one(".empty-state").text


def test_editor_can_add_organisation_pages_under_the_front_page(home):
    from masthead.news.models import HomePage
    from masthead.organisation.models import JobsPage, OpinionFormPage, TeamPage

    allowed = set(HomePage.allowed_subpage_models())
    assert {TeamPage, JobsPage, OpinionFormPage} <= allowed
