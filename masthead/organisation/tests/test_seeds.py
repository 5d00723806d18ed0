import io

import pytest
from wagtail.models import Site

from masthead.core.models import NavigationSettings
from masthead.news.models import StaticPage
from masthead.organisation import seeds
from masthead.organisation.models import JobsPage, OpinionFormPage, TeamPage

pytestmark = pytest.mark.django_db


def _static(home, slug, title):
    page = StaticPage(title=title, slug=slug, standfirst=f"About {title}.")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_seed_replaces_plain_team_and_jobs_pages_and_links_them(client, home):
    for slug, title in [
        ("about", "About"),
        ("team", "Team"),
        ("jobs", "Jobs"),
        ("advertising", "Advertising"),
        ("contacts", "Contacts"),
        ("join-the-team", "Join the Team"),
    ]:
        _static(home, slug, title)

    seeds.seed(stdout=io.StringIO())
    seeds.seed(stdout=io.StringIO())  # idempotent

    team, jobs = TeamPage.objects.get(), JobsPage.objects.get()
    assert team.url == "/team/" and jobs.url == "/jobs/"
    assert "About Team." in team.intro
    assert not StaticPage.objects.filter(slug__in=["team", "jobs"]).exists()
    open_titles = [p.title for p in jobs.open_postings()]
    assert len(open_titles) >= 2 and jobs.postings.filter(is_open=False).count() == 1
    opinion = OpinionFormPage.objects.get()
    assert opinion.live

    nav = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    more = [link.value["page"].slug for link in nav.more_menu]
    footer = [link.value["page"].slug for link in nav.footer_links]
    assert more == ["about", "join-the-team", "team", "advertising", "jobs"]
    assert footer == ["about", "advertising", "jobs", "team", "contacts", "submit-an-opinion"]

    response = client.get("/")
    assert 'href="/submit-an-opinion/"' in response.content.decode()
    assert client.get("/submit-an-opinion/").status_code == 200
    assert client.get("/jobs/").status_code == 200
