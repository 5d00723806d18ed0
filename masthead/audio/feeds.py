"""Podcast feeds of narrated articles: RSS 2.0 with enclosures and iTunes tags."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext
from wagtail.models import Site

from masthead.caching import tags as cache_tags
from masthead.core.site_url import absolute_url, page_url
from masthead.editions.languages import home_path, locale_id

from .cache_rules import NARRATIONS
from .models import Narration

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
FEED_LENGTH = 50


class PodcastFeedType(Rss201rev2Feed):
    """RSS 2.0 plus the iTunes podcast namespace."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:itunes": ITUNES_NS}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.addQuickElement("itunes:author", self.feed["itunes_author"])
        handler.addQuickElement("itunes:summary", self.feed["description"])
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:type", "episodic")
        handler.addQuickElement("itunes:category", attrs={"text": "News"})
        handler.startElement("itunes:owner", {})
        handler.addQuickElement("itunes:name", self.feed["itunes_author"])
        handler.endElement("itunes:owner")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("itunes:duration", item["itunes_duration"])
        handler.addQuickElement("itunes:author", item["itunes_author"])
        handler.addQuickElement("itunes:summary", item["description"])
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:episodeType", "full")


def _newsroom_name(request) -> str:
    from masthead.core.models import SiteSettings

    site = Site.find_for_request(request)
    if site is None:
        return "Masthead"
    return SiteSettings.for_site(site).newsroom_name


class NarrationFeed(Feed):
    """Every narrated article of the site, newest first. Links and enclosures are absolute on
    SITE_URL, like every other feed's."""

    feed_type = PodcastFeedType

    def get_object(self, request, *args, **kwargs):
        cache_tags.depends_on(NARRATIONS, cache_tags.LISTING)
        self.request = request
        self.newsroom = _newsroom_name(request)
        return None

    def title(self, obj):
        return gettext("%(newsroom)s: narrated articles") % {"newsroom": self.newsroom}

    def link(self, obj):
        return absolute_url(home_path())

    def feed_url(self, obj):
        return absolute_url(self.request.path)

    def description(self, obj):
        return gettext(
            "Articles from %(newsroom)s, read aloud by a machine voice (AI-assisted)."
        ) % {"newsroom": self.newsroom}

    def feed_extra_kwargs(self, obj):
        return {"itunes_author": self.newsroom}

    def items(self, obj):
        return list(Narration.objects.for_feed(obj)[:FEED_LENGTH])

    def item_title(self, item):
        return item.page.title

    def item_description(self, item):
        return item.page.standfirst

    def item_link(self, item):
        return page_url(item.page, self.request) or absolute_url(home_path())

    def item_guid(self, item):
        return f"narration-{item.page_id}-{item.audio_hash[:16]}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.page.first_published_at

    def item_updateddate(self, item):
        return item.narrated_at

    def item_enclosure_url(self, item):
        return absolute_url(item.get_absolute_url())

    def item_enclosure_length(self, item):
        return item.byte_size

    item_enclosure_mime_type = "audio/mpeg"

    def item_extra_kwargs(self, item):
        duration = round(item.duration)
        hours, rest = divmod(duration, 3600)
        return {
            "itunes_duration": f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}",
            "itunes_author": self.newsroom,
        }


class SectionNarrationFeed(NarrationFeed):
    """The narrated articles of one section."""

    def get_object(self, request, section):
        from masthead.news.models import SectionPage

        super().get_object(request)
        found = (
            SectionPage.objects.live().public().filter(slug=section, locale_id=locale_id()).first()
        )
        if found is None:
            raise Http404("No such section")
        return found

    def title(self, obj):
        return gettext("%(newsroom)s: %(section)s, narrated") % {
            "newsroom": self.newsroom,
            "section": obj.title,
        }

    def link(self, obj):
        return page_url(obj, self.request) or absolute_url(home_path())

    def description(self, obj):
        return gettext(
            "%(section)s from %(newsroom)s, read aloud by a machine voice (AI-assisted)."
        ) % {"section": obj.title, "newsroom": self.newsroom}
