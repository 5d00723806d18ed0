"""schema.org data for search engines and social cards, built from the page, not templates."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext

from masthead.core.datetimes import iso_datetime
from masthead.core.models import SiteSettings
from masthead.core.site_url import absolute_url, page_url
from masthead.editions.languages import current, home_path, language_of
from masthead.memberships.access import paywall_json_ld


def image_url(request, image, spec: str = "fill-1200x675") -> str:
    if not image:
        return ""
    return absolute_url(image.get_rendition(f"{spec}|format-jpeg").url)


def article_json_ld(page, request) -> dict[str, Any]:
    site_settings = SiteSettings.for_request(request) if request else None
    publisher: dict[str, Any] = {
        "@type": "NewsMediaOrganization",
        "name": site_settings.newsroom_name if site_settings else "Masthead",
        "url": absolute_url(home_path()),
    }
    if site_settings and site_settings.logo:
        publisher["logo"] = {
            "@type": "ImageObject",
            "url": image_url(request, site_settings.logo, "max-600x60"),
        }
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": page_url(page),
        "url": page_url(page),
        "headline": page.title[:110],
        "description": page.search_description or page.standfirst,
        "inLanguage": language_of(page) or current(),
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": absolute_url(author.get_absolute_url()),
            }
            for author in page.authors
        ],
        "publisher": publisher,
        **paywall_json_ld(page),
        "wordCount": page.word_count,
        "keywords": [tag.name for tag in page.tag_list],
    }
    if page.first_published_at:
        data["datePublished"] = iso_datetime(page.first_published_at)
    modified = page.last_published_at or page.first_published_at
    if modified:
        data["dateModified"] = iso_datetime(modified)
    if page.section:
        data["articleSection"] = page.section.title
    image = page.social_image or page.lead_image
    if image:
        data["image"] = [image_url(request, image)]
    corrections = [note for note in page.sorted_notes if note.kind == "correction"]
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": note.text,
                "datePublished": iso_datetime(note.published_at),
                "url": absolute_url(reverse("corrections")),
            }
            for note in corrections
        ]
    return data


def live_blog_json_ld(request, entries) -> dict[str, Any]:
    """The News Feed as a schema.org LiveBlogPosting, its newest entries as liveBlogUpdate."""
    site_settings = SiteSettings.for_request(request) if request else None
    name = site_settings.newsroom_name if site_settings else "Masthead"
    feed_url = absolute_url(reverse("news_feed"))
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": f"{gettext('News Feed')} | {name}",
        "url": feed_url,
        "mainEntityOfPage": feed_url,
        "inLanguage": current(),
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": name,
            "url": absolute_url(home_path()),
        },
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "headline": entry.headline[:110],
                "articleBody": entry.summary,
                "datePublished": iso_datetime(entry.published_at),
                "url": absolute_url(entry.url) if entry.url else f"{feed_url}#{entry.key}",
            }
            for entry in entries
        ],
    }
    if entries:
        data["dateModified"] = iso_datetime(entries[0].published_at)
        data["coverageStartTime"] = iso_datetime(entries[-1].published_at)
    return data
