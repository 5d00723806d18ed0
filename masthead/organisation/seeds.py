"""Demo organisation pages: Team and Jobs (replacing the plain pages of the same address),
"Submit an Opinion", and their places in the More menu and the footer. Idempotent."""

from django.utils.html import escape
from wagtail.models import Page, Site

from masthead.core.models import NavigationSettings
from masthead.news.models import HomePage, StaticPage

from .models import JobPosting, JobsPage, OpinionFormPage, TeamPage

POSTINGS = [
    {
        "title": "Night editor",
        "location": "Kyiv",
        "employment_type": "Full-time",
        "description": (
            "Run the site from 10 PM to 6 AM: edit and publish breaking news, keep the News "
            "Feed moving during overnight attacks and hand a clear briefing to the morning desk."
        ),
        "how_to_apply": "Send a CV and three stories you edited to jobs@masthead.example.",
        "is_open": True,
    },
    {
        "title": "Data reporter",
        "location": "Kyiv or remote within Ukraine",
        "employment_type": "Full-time",
        "description": (
            "Find the stories in budgets, casualty reports, energy data and court records, and "
            "build charts that readers on a phone can understand at a glance."
        ),
        "how_to_apply": "Send a CV and a link to one data project to jobs@masthead.example.",
        "is_open": True,
    },
    {
        "title": "Audience and newsletters intern",
        "location": "Kyiv",
        "employment_type": "Six months, paid",
        "description": (
            "Help our audience team write newsletters, test headlines and learn what our "
            "readers need from us every morning."
        ),
        "how_to_apply": "Write to jobs@masthead.example with a short note about yourself.",
        "is_open": True,
    },
    {
        "title": "Photo desk assistant",
        "location": "Kyiv",
        "employment_type": "Full-time",
        "description": "Caption, credit and archive the photographs our field teams file.",
        "how_to_apply": "This position has been filled.",
        "is_open": False,
    },
]

OPINION_INTRO = (
    "<p>We publish opinion pieces from people with something to say about the war, Ukraine "
    "and its neighbours: soldiers and volunteers, officials and economists, and readers "
    "with first-hand experience. Tell us your argument in a few sentences; attach a draft "
    "if you have one. We do not publish pieces that have appeared elsewhere.</p>"
)

MORE_MENU = ["about", "join-the-team", "team", "advertising", "jobs"]
FOOTER = ["about", "advertising", "jobs", "team", "contacts", "submit-an-opinion"]


def _intro_from(page: StaticPage | None) -> str:
    if page is None:
        return ""
    parts = [page.standfirst] if page.standfirst else []
    parts += [str(block.value.source) for block in page.body if block.block_type == "paragraph"]
    return "".join(p if p.startswith("<p>") else f"<p>{escape(p)}</p>" for p in parts)


def _replace(home, slug: str, page: Page) -> Page:
    """Put `page` at /<slug>/ under home, taking the place of a plain page there."""
    old = StaticPage.objects.child_of(home).filter(slug=slug).first()
    if old is not None:
        old.delete()
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _navigation(site, home) -> None:
    pages = {p.slug: p for p in home.get_children().live()}

    def links(slugs):
        return [("link", {"page": pages[s], "url": "", "label": ""}) for s in slugs if s in pages]

    nav = NavigationSettings.for_site(site)
    nav.more_menu = links(MORE_MENU)
    nav.footer_links = links(FOOTER)
    nav.save()


def seed(*, stdout) -> None:
    home = HomePage.objects.first()
    if home is None:
        return
    site = Site.objects.filter(root_page=home).first()
    changed = False
    if not TeamPage.objects.exists():
        old = StaticPage.objects.child_of(home).filter(slug="team").first()
        _replace(home, "team", TeamPage(title="Team", slug="team", intro=_intro_from(old)))
        changed = True
    if not JobsPage.objects.exists():
        old = StaticPage.objects.child_of(home).filter(slug="jobs").first()
        jobs = JobsPage(title="Jobs", slug="jobs", intro=_intro_from(old))
        for order, data in enumerate(POSTINGS):
            jobs.postings.add(JobPosting(sort_order=order, **data))
        _replace(home, "jobs", jobs)
        changed = True
    if not OpinionFormPage.objects.exists():
        home.add_child(
            instance=OpinionFormPage(
                title="Submit an Opinion", slug="submit-an-opinion", intro=OPINION_INTRO
            )
        )
        OpinionFormPage.objects.get().save_revision().publish()
        changed = True
    if changed and site is not None:
        _navigation(site, home)
        stdout.write("Organisation pages: Team, Jobs, Submit an Opinion.")
