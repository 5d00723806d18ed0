"""Demo organisation pages: Team, Jobs and "Submit an Opinion", and their places in the More
menu and the footer. Idempotent. On a database seeded before this app existed, Team and Jobs
take the place (and the text) of the plain pages at the same address."""

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

# The text of the Team and Jobs pages: a standfirst and paragraphs, as the plain pages had.
PAGES = {
    "team": {
        "standfirst": (
            "A newsroom of 26 people based mostly in Kyiv, with reporters who travel regularly to "
            "frontline regions."
        ),
        "paragraphs": [
            (
                "Our newsroom is led by Editor-in-chief Olena Marchuk. Mark Ellison edits the "
                "analysis desk, and Andrii Lysenko runs the photo desk and coordinates our field "
                "reporting trips."
            ),
            (
                "Our reporters cover defence, politics, the economy and energy, Russia, and human "
                "stories. Several of them have reported on the war since 2014, and most speak "
                "Ukrainian, English and Russian."
            ),
            (
                "Behind the bylines are editors, fact-checkers, a night desk, a small product and "
                "audience team, and colleagues who handle finance, safety and legal questions."
            ),
            (
                "We work with trusted local drivers, fixers and freelance photographers across "
                "Ukraine. For their safety, we do not always publish their names."
            ),
        ],
    },
    "jobs": {
        "standfirst": (
            "We are a small team that is growing carefully. Here is how we hire, and what we look "
            "for."
        ),
        "paragraphs": [
            (
                "Open positions are announced on this page and in our Company News section. We hire"
                " reporters, editors, photographers, data specialists and people for our product, "
                "audience and operations teams."
            ),
            (
                "We value accuracy, curiosity and the ability to write clearly for readers who may "
                "know little about Ukraine. Formal journalism training is welcome but not required."
            ),
            (
                "Every hiring process includes a short paid test assignment and an interview with "
                "at least two members of the team. We reply to every applicant."
            ),
            (
                "We offer competitive pay, health insurance, a training budget and flexible "
                "working. Our office has a shelter and backup power, and staff who travel to "
                "frontline regions receive safety training and protective equipment."
            ),
            (
                "If there is no open position that fits you but you would like to work with us, see"
                " our Join the Team page."
            ),
        ],
    },
}

OPINION_INTRO = (
    "<p>We publish opinion pieces from people with something to say about the war, Ukraine "
    "and its neighbours: soldiers and volunteers, officials and economists, and readers "
    "with first-hand experience. Tell us your argument in a few sentences; attach a draft "
    "if you have one. We do not publish pieces that have appeared elsewhere.</p>"
)

MORE_MENU = ["about", "join-the-team", "team", "advertising", "jobs"]
FOOTER = ["about", "advertising", "jobs", "team", "contacts", "submit-an-opinion"]


def _intro(home, slug: str) -> str:
    """The intro for the page at /<slug>/: the text of a plain page there if a database seeded
    before this app has one, else the demo text above."""
    old = StaticPage.objects.child_of(home).filter(slug=slug).first()
    if old is not None:
        parts = [old.standfirst] if old.standfirst else []
        parts += [str(block.value.source) for block in old.body if block.block_type == "paragraph"]
    else:
        parts = [PAGES[slug]["standfirst"], *PAGES[slug]["paragraphs"]]
    return "".join(p if p.startswith("<p>") else f"<p>{escape(p)}</p>" for p in parts)


def _place(home, slug: str, page: Page) -> Page:
    """Put `page` at /<slug>/ under home, taking the place of a plain page there (only on a
    database seeded before this app; a fresh one never has it)."""
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
        _place(home, "team", TeamPage(title="Team", slug="team", intro=_intro(home, "team")))
        changed = True
    if not JobsPage.objects.exists():
        jobs = JobsPage(title="Jobs", slug="jobs", intro=_intro(home, "jobs"))
        for order, data in enumerate(POSTINGS):
            jobs.postings.add(JobPosting(sort_order=order, **data))
        _place(home, "jobs", jobs)
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
