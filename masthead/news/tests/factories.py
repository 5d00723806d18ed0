"""Pages built the way the CMS builds them: added to the tree and published via a revision."""

from datetime import datetime

from django.utils import timezone
from wagtail.models import Page, Site

from masthead.core import site_url
from masthead.images.tests.factories import make_image
from masthead.news.models import (
    ArticleAuthor,
    ArticleNote,
    ArticlePage,
    ArticleTag,
    HomePage,
    SectionPage,
)

DEFAULT_BODY = [
    {"type": "paragraph", "value": "<p>The council met at dawn and voted 31 to 4.</p>"},
    {"type": "subheading", "value": "What comes next"},
    {
        "type": "quote",
        "value": {"quote": "We will rebuild the bridge by May.", "attribution": "The mayor"},
    },
    {"type": "pull_quote", "value": {"text": "Every school reopened.", "attribution": ""}},
    {"type": "paragraph", "value": "<p>Repairs will cost 40 percent more than planned.</p>"},
]


def make_home() -> HomePage:
    root = Page.get_first_root_node()
    home = HomePage(title="Masthead Test", slug="test-home")
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        site.root_page = home
        site.save()
    else:
        hostname, port = site_url.site_address()
        Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True)
    return home


def make_section(home, *, title="War", slug="war") -> SectionPage:
    section = SectionPage(title=title, slug=slug, description=f"Stories from {title}.")
    home.add_child(instance=section)
    section.save_revision().publish()
    return section


def make_article(
    *,
    section,
    authors,
    title="Bridge reopens after repairs",
    slug=None,
    standfirst="The river crossing carries traffic again after 200 days.",
    body=None,
    tags=("Kyiv", "Reconstruction"),
    image=True,
    notes=(),
    published_at: datetime | None = None,
    publish=True,
    owner=None,
    **fields,
) -> ArticlePage:
    page = ArticlePage(
        title=title,
        slug=slug or title.lower().replace(" ", "-")[:50],
        standfirst=standfirst,
        body=DEFAULT_BODY if body is None else body,
        lead_image=make_image(caption="Workers on the new span.") if image else None,
        owner=owner,
        **fields,
    )
    for order, author in enumerate(authors):
        page.article_authors.add(ArticleAuthor(author=author, sort_order=order))
    for order, (kind, text) in enumerate(notes):
        page.notes.add(
            ArticleNote(kind=kind, text=text, published_at=timezone.now(), sort_order=order)
        )
    page.tags.add(*tags)
    page.live = False  # a draft until published, as the CMS makes it
    section.add_child(instance=page)
    if publish:
        page.save_revision(user=owner).publish()
        if published_at:
            Page.objects.filter(pk=page.pk).update(
                first_published_at=published_at, last_published_at=published_at
            )
            ArticleTag.objects.filter(content_object_id=page.pk).update(published_at=published_at)
        page.refresh_from_db()
    return page
