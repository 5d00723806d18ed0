"""RSS 2.0 and Atom feeds of the latest articles: the whole site, and each section, tag and
author. Full text or summary per FeedSettings; a premium article never gives more than
memberships.access.public_blocks allows."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext
from taggit.models import Tag
from wagtail.models import Site

from masthead.core.models import SiteSettings
from masthead.core.site_url import absolute_links, absolute_url, page_url
from masthead.editions.homes import edition_home
from masthead.editions.languages import home_path
from masthead.memberships.access import public_blocks
from masthead.people.models import Author
from masthead.search.models import FeedSettings

from .models import ArticlePage, SectionPage


class _Site:
    """What one request to a feed needs to know about the site."""

    def __init__(self, request):
        self.site = Site.find_for_request(request)
        if self.site is None:
            raise Http404("No site is configured for this host.")
        # The edition of the URL (/uk/feeds/rss/ lists the Ukrainian stories only).
        self.home = edition_home(self.site)
        if self.home is None:
            raise Http404("This edition has no home page on this site.")
        self.settings = SiteSettings.for_site(self.site)
        self.feed_settings = FeedSettings.for_site(self.site)
        self.request = request


class ArticleFeed(Feed):
    """The whole site's latest articles, as RSS 2.0. Subclasses narrow the list. Every link is
    absolute on SITE_URL (Django would otherwise put the request's host on a path)."""

    feed_type = Rss201rev2Feed
    kind = "site"

    def __call__(self, request, *args, **kwargs):
        self.ctx = _Site(request)
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return None

    # Channel
    def title(self, obj):
        name = self.ctx.settings.newsroom_name
        return f"{obj} | {name}" if obj is not None else name

    def link(self, obj):
        return absolute_url(home_path())

    def feed_url(self, obj):
        return absolute_url(self.ctx.request.path)

    def description(self, obj):
        return self.ctx.settings.tagline or gettext("The latest from %(name)s") % {
            "name": self.ctx.settings.newsroom_name
        }

    def feed_copyright(self, obj):
        return self.ctx.settings.newsroom_name

    # Items
    def articles(self, obj):
        return ArticlePage.objects.descendant_of(self.ctx.home)

    def newest_first(self, articles, obj):
        return articles.newest_first()

    def items(self, obj):
        articles = self.articles(obj).live().public()
        if not self.ctx.feed_settings.full_text:
            articles = articles.defer_streamfields()
        articles = self.newest_first(articles, obj)
        articles = articles.prefetch_related("article_authors__author", "tags")
        return list(articles[: self.ctx.feed_settings.item_count])

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return page_url(item, self.ctx.request)

    def item_guid(self, item):
        return self.item_link(item)

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors) or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

    def item_description(self, item):
        if not self.ctx.feed_settings.full_text:
            return escape(item.standfirst)
        html = [f"<p><strong>{escape(item.standfirst)}</strong></p>"]
        blocks = public_blocks(item)
        html.extend(block.render_as_block() for block in blocks)
        if item.is_premium:
            url = escape(self.item_guid(item))
            html.append(f'<p><a href="{url}">Members read the full story on our site.</a></p>')
        # A feed reader has no page to resolve a path against: links and images go absolute.
        return absolute_links("".join(str(part) for part in html))


class AtomArticleFeed(ArticleFeed):
    feed_type = Atom1Feed
    subtitle = ArticleFeed.description


class SectionFeed(ArticleFeed):
    kind = "section"

    def get_object(self, request, slug):
        return get_object_or_404(
            SectionPage.objects.live().public().descendant_of(self.ctx.home), slug=slug
        )

    def link(self, obj):
        return page_url(obj, self.ctx.request)

    def description(self, obj):
        return obj.description or gettext("The latest from %(name)s") % {"name": obj.title}

    def articles(self, obj):
        return ArticlePage.objects.child_of(obj)


class AtomSectionFeed(SectionFeed):
    feed_type = Atom1Feed
    subtitle = SectionFeed.description


class TagFeed(ArticleFeed):
    kind = "tag"

    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def link(self, obj):
        return absolute_url(reverse("tag", kwargs={"slug": obj.slug}))

    def description(self, obj):
        return gettext("Stories about %(topic)s") % {"topic": obj.name}

    def newest_first(self, articles, obj):
        # From the (tag, date) index, as the tag page reads it: bounded however big the tag.
        return articles.tagged_newest_first(obj)


class AtomTagFeed(TagFeed):
    feed_type = Atom1Feed
    subtitle = TagFeed.description


class AuthorFeed(ArticleFeed):
    kind = "author"

    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def link(self, obj):
        return absolute_url(obj.get_absolute_url())

    def description(self, obj):
        return gettext("Stories by %(name)s") % {"name": obj.name}

    def articles(self, obj):
        return super().articles(obj).filter(article_authors__author=obj)


class AtomAuthorFeed(AuthorFeed):
    feed_type = Atom1Feed
    subtitle = AuthorFeed.description
