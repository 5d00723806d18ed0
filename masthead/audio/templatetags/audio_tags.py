from django import template
from django.urls import reverse

from ..models import Narration

register = template.Library()


@register.simple_tag
def article_narration(page):
    """The article's narration if its audio speaks the current text, else None: an outdated
    narration is never offered as the article's audio."""
    if not getattr(page, "pk", None):
        return None
    narration = Narration.objects.filter(page_id=page.pk).first()
    return narration if narration and narration.is_current else None


@register.simple_tag(takes_context=True)
def podcast_links(context) -> list[dict]:
    """The podcast feeds a page advertises in <link rel="alternate">: the whole site's, plus
    the section's on a section page. Reads nothing from the database."""
    from masthead.news.models import SectionPage

    links = [{"title": " podcast", "href": reverse("audio:podcast")}]
    page = context.get("page")
    if isinstance(page, SectionPage):
        links.append(
            {
                "title": f": {page.title} podcast",
                "href": reverse("audio:section_podcast", args=[page.slug]),
            }
        )
    return links
