from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def feed_links(context) -> list[dict]:
    """The feeds a page offers in <link rel="alternate">: the whole site's, plus the feed of
    the section, tag or author being shown."""
    from masthead.news.models import SectionPage

    links = [
        {"type": "application/rss+xml", "title": "", "href": reverse("feed-rss")},
        {"type": "application/atom+xml", "title": " (Atom)", "href": reverse("feed-atom")},
    ]
    page, tag, author = context.get("page"), context.get("tag"), context.get("author")
    if isinstance(page, SectionPage):
        links.append(
            {
                "type": "application/rss+xml",
                "title": f": {page.title}",
                "href": reverse("feed-section-rss", args=[page.slug]),
            }
        )
    elif page is None and getattr(tag, "slug", None):
        links.append(
            {
                "type": "application/rss+xml",
                "title": f": {tag.name}",
                "href": reverse("feed-tag-rss", args=[tag.slug]),
            }
        )
    elif page is None and getattr(author, "slug", None) and hasattr(author, "get_absolute_url"):
        links.append(
            {
                "type": "application/rss+xml",
                "title": f": {author.name}",
                "href": reverse("feed-author-rss", args=[author.slug]),
            }
        )
    return links
