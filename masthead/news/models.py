import functools
import math
import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import register_setting
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    PageManager,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index

from masthead.caching.restrictions import PageQuerySet
from masthead.core.models import EditionSiteSetting
from masthead.translations.panels import TranslationStatusPanel

from . import text
from .blocks import ARTICLE_BODY_BLOCKS, PAGE_BODY_BLOCKS, HeaderPromoBlock
from .forms import ArticlePageForm, NewsFeedItemForm

LISTING_PAGE_SIZE = 20
# Deeper pages are refused (the last allowed one is shown): each page of a listing skips the
# rows before it, so the depth bounds the work. 5,000 pages of 20 is 100,000 stories; the date
# archive and the sitemaps reach any older one directly.
MAX_LISTING_PAGE = 5000
SECONDARY_STORY_SLOTS = 4


class ListingPage:
    """One page of a listing, read without counting the whole listing: it fetches one row
    more than it shows to know whether an older page exists. Offers the part of Django's
    Page API the templates use (number, has_next, next_page_number, ...)."""

    def __init__(self, object_list, number: int, has_next: bool):
        self.object_list = object_list
        self.number = number
        self._has_next = has_next

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def __repr__(self):
        return f"<Listing page {self.number}>"

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def page_number(raw) -> int:
    """The listing page a ``?page=`` value asks for: 1 for anything malformed."""
    try:
        number = int(str(raw))
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_LISTING_PAGE)


def paginate(request, queryset, per_page: int = LISTING_PAGE_SIZE) -> ListingPage:
    """A page of a listing; malformed page numbers give the first page and numbers past the
    end the last one, never a 500.

    No COUNT(*): counting a section or a tag costs time in proportion to the archive, while
    a page needs only its own rows (plus one, to know whether there is a next page). Only a
    number past the end (a stale or made-up link) counts, to find the last page."""
    number = page_number(request.GET.get("page", 1))
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    if not rows and number > 1:
        number = max(1, math.ceil(queryset.count() / per_page))
        start = (number - 1) * per_page
        rows = list(queryset[start : start + per_page + 1])
    return ListingPage(rows[:per_page], number, has_next=len(rows) > per_page)


class ArticlePageQuerySet(PageQuerySet):
    def in_section(self, section):
        return self.child_of(section)

    def newest_first(self):
        return self.order_by("-first_published_at", "-pk")

    def tagged_newest_first(self, tag):
        """Articles with `tag`, newest first (as newest_first), in the order of the tag's
        (tag, published_at) index: a page of them costs the same in any archive."""
        return self.filter(tagged_items__tag=tag).order_by(
            "-tagged_items__published_at", "-tagged_items__content_object_id"
        )

    def in_edition(self, language: str | None = None):
        """Stories of one edition (default: the one being served, from the URL's language)."""
        from masthead.editions.languages import locale_id

        return self.filter(locale_id=locale_id(language))

    def listable(self):
        """The live, public stories of the edition being served."""
        return self.live().public().in_edition()

    def for_listing(self):
        """What a teaser needs, in a fixed number of queries however long the list: the live,
        public stories of the edition being served."""
        from wagtail.images import get_image_model

        images = get_image_model().objects.prefetch_renditions()
        return (
            self.listable()
            .defer_streamfields()
            .prefetch_related(
                models.Prefetch("lead_image", queryset=images), "article_authors__author"
            )
        )


class HomePage(Page):
    """The front page: a lead story and secondary stories chosen by editors (empty slots take
    the latest articles), Editors' Picks, then a block per section and the reader components."""

    lead_story = models.ForeignKey(
        "news.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Leave empty to lead with the latest story.",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("lead_story"),
                InlinePanel(
                    "secondary_stories",
                    label="Secondary story",
                    max_num=SECONDARY_STORY_SLOTS,
                    help_text="Empty slots are filled with the latest stories.",
                ),
            ],
            "Top stories",
        ),
        InlinePanel("editors_picks", heading="Editors' Picks", label="Pick", max_num=8),
    ]
    subpage_types = [
        "news.SectionPage",
        "news.StaticPage",
        "organisation.TeamPage",
        "organisation.JobsPage",
        "organisation.OpinionFormPage",
        "datadesk.TrackerPage",
    ]
    # One front page per edition: the other editions' are translations of the first
    # (editions/services.py), under the same root.
    max_count = len(settings.WAGTAIL_CONTENT_LANGUAGES)
    template = "pages/home_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when a part of the page is drawn afresh: the parts are shared fragments
        # (pages/home_page.html), so most views of the front page run none of these queries.
        context["front"] = FrontPageContent(self)
        return context


class FrontPageContent:
    """The front page's stories, each read on first use."""

    def __init__(self, home: HomePage):
        self.home = home

    @cached_property
    def _top(self):
        from . import selectors

        return selectors.front_page_stories(self.home)

    @property
    def lead_story(self):
        return self._top[0]

    @property
    def secondary_stories(self):
        return self._top[1]

    @cached_property
    def ids(self) -> set[int]:
        return {article.pk for article in [self.lead_story, *self.secondary_stories] if article}

    @cached_property
    def section_blocks(self):
        from . import selectors

        # Each section's latest even if a top story repeats there: on a quiet day a section
        # must not vanish from the front page.
        return selectors.section_blocks(self.home)


class FrontPageStory(Orderable):
    """A secondary story on the front page, in the editor's order."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="secondary_stories")
    article = models.ForeignKey("news.ArticlePage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("article")]


class EditorsPick(Orderable):
    """A story editors recommend; shown on the front page and beside every article."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="editors_picks")
    article = models.ForeignKey("news.ArticlePage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("article")]


class SectionPage(Page):
    """A section of the paper (War, Analysis, ...). Articles live beneath it."""

    description = models.TextField(blank=True, max_length=500)

    objects = PageManager.from_queryset(PageQuerySet)()

    content_panels = [*Page.content_panels, FieldPanel("description")]
    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.ArticlePage"]
    template = "pages/section_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.in_section(self).for_listing().newest_first()
        context["articles"] = paginate(request, articles)
        return context


class StaticPage(Page):
    """The organisation's own pages: About, Team, Advertising, Jobs, Contacts."""

    standfirst = models.TextField(blank=True, max_length=500)
    body = StreamField(PAGE_BODY_BLOCKS, blank=True, use_json_field=True)

    content_panels = [
        TranslationStatusPanel(),
        *Page.content_panels,
        FieldPanel("standfirst"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["news.HomePage", "news.StaticPage"]
    subpage_types = ["news.StaticPage"]
    template = "pages/static_page.html"


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    # The article's first publication, copied here so that a tag page reads its newest 20
    # from one index, (tag, date), whatever the size of the tag and of the archive. Ordering
    # by the page's own date means joining and sorting every article of the tag (SQLite) or
    # walking the archive newest first until 20 have the tag (PostgreSQL, for a rare or old
    # tag: the whole archive). ArticlePage.save keeps it equal to first_published_at.
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        indexes = [
            models.Index(
                fields=["tag", "-published_at", "-content_object"], name="news_articletag_tag_date"
            )
        ]


class ArticlePage(Page):
    """A full story: headline (the page title), standfirst, lead image, body, bylines, tags."""

    standfirst = models.TextField(
        max_length=500, help_text="One or two sentences under the headline; also the summary."
    )
    lead_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_caption = models.CharField(
        max_length=500, blank=True, help_text="Leave empty to use the image's own caption."
    )
    body = StreamField(ARTICLE_BODY_BLOCKS, use_json_field=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True)
    social_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="For social media cards; defaults to the lead image.",
    )
    in_news_feed = models.BooleanField(
        default=False, help_text="Also show this story in the rolling News Feed."
    )
    is_premium = models.BooleanField(
        default=False, help_text="Premium (Insights): members read it in full."
    )
    comments_open = models.BooleanField(default=True)
    hide_from_most_popular = models.BooleanField(default=False)
    word_count = models.PositiveIntegerField(default=0, editable=False)

    objects = PageManager.from_queryset(ArticlePageQuerySet)()

    content_panels = [
        TranslationStatusPanel(),
        FieldPanel("title", heading="Headline"),
        FieldPanel("standfirst"),
        InlinePanel("article_authors", heading="Authors", label="Author", min_num=1),
        MultiFieldPanel([FieldPanel("lead_image"), FieldPanel("lead_image_caption")], "Lead image"),
        FieldPanel("body"),
        FieldPanel("tags"),
        InlinePanel("notes", heading="Updates and corrections", label="Note"),
    ]
    promote_panels = [
        *Page.promote_panels,
        FieldPanel("social_image"),
        MultiFieldPanel(
            [
                FieldPanel("in_news_feed"),
                FieldPanel("is_premium"),
                FieldPanel("comments_open"),
                FieldPanel("hide_from_most_popular"),
            ],
            "Placement",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("first_published_at"),
        index.FilterField("is_premium"),
    ]
    parent_page_types = ["news.SectionPage"]
    subpage_types = []
    template = "pages/article_page.html"
    base_form_class = ArticlePageForm

    class Meta:
        indexes = [models.Index(fields=["is_premium"])]

    def save(self, *args, **kwargs):
        self.word_count = text.word_count(
            " ".join([self.title, self.standfirst, text.body_text(self.body)])
        )
        super().save(*args, **kwargs)
        # After the save: it has just written the tags (modelcluster commits them with the
        # page) and publishing has just set first_published_at.
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"first_published_at", "tags", "tagged_items"} & set(
            update_fields
        ):
            ArticleTag.objects.filter(content_object_id=self.pk).exclude(
                published_at=self.first_published_at
            ).update(published_at=self.first_published_at)

    @cached_property
    def section(self):
        parent = self.get_parent()
        return parent.specific if parent else None

    @cached_property
    def authors(self):
        links = self.article_authors.all()
        if not getattr(self, "_prefetched_objects_cache", {}).get("article_authors"):
            links = links.select_related("author__photo")
        return [link.author for link in links if link.author_id]

    @cached_property
    def tag_list(self):
        return list(self.tags.all())

    @property
    def reading_minutes(self) -> int:
        return text.reading_minutes(self.word_count)

    @property
    def headline(self) -> str:
        return self.title

    @property
    def caption(self) -> str:
        if self.lead_image_caption:
            return self.lead_image_caption
        return self.lead_image.caption if self.lead_image else ""

    @cached_property
    def sorted_notes(self):
        return sorted(self.notes.all(), key=lambda note: note.published_at, reverse=True)

    def get_context(self, request, *args, **kwargs):
        from .structured_data import article_json_ld

        context = super().get_context(request, *args, **kwargs)
        user = getattr(request, "user", None)
        context["can_edit"] = bool(
            user
            and user.is_authenticated
            and self.pk
            and self.permissions_for_user(user).can_edit()
        )
        # Built only when the template draws it: a stored copy of the <head> needs none.
        context["json_ld"] = functools.partial(article_json_ld, self, request)
        return context


class ArticleAuthor(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey("people.Author", on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        unique_together = [("page", "author")]


class ArticleNote(Orderable):
    """An update or correction, shown at the end of the article and on the corrections log."""

    # Shown to readers (note labels, the corrections log), so in their language.
    KIND_CHOICES = [
        ("update", pgettext_lazy("article note", "Update")),
        ("correction", pgettext_lazy("article note", "Correction")),
    ]

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=12, choices=KIND_CHOICES, default="update")
    text = models.TextField(max_length=1000)
    published_at = models.DateTimeField(help_text="When the change was made.")

    panels = [FieldPanel("kind"), FieldPanel("text"), FieldPanel("published_at")]


class NewsFeedItemTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsFeedItem", on_delete=models.CASCADE, related_name="tagged_items"
    )


_SENTENCE_END = re.compile(r"[.!?…][\"'”»)\]]*(?=\s+\S|\s*$)")


class NewsFeedItemQuerySet(models.QuerySet):
    def published(self):
        """Items readers see: live (published by an editor, not a draft or in review) and
        not scheduled for later."""
        return self.filter(live=True, published_at__lte=timezone.now())

    def in_edition(self, language: str | None = None):
        """Items of one edition (default: the one being served)."""
        from masthead.editions.languages import locale_id

        return self.filter(locale_id=locale_id(language))


class NewsFeedItem(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    ClusterableModel,
):
    """A short timestamped item in the rolling News Feed, posted from one admin screen.

    Items go through the same review as stories: a reporter writes a draft and submits it to
    the newsroom workflow; only an editor publishes (roles.py). The row holds the live text;
    drafts and submissions live in revisions until published (Wagtail's snippet workflow)."""

    headline = models.CharField(max_length=200)
    summary = models.TextField(max_length=600, help_text="One to three sentences.")
    article = models.ForeignKey(
        ArticlePage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_feed_items",
        help_text="Optional: the full story this item links to.",
    )
    tags = ClusterTaggableManager(through=NewsFeedItemTag, blank=True)
    published_at = models.DateTimeField(
        default=timezone.now, db_index=True, help_text="A later time schedules the item."
    )
    # Who wrote it: a reporter may edit their own items only (wagtail_hooks.py).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="newsfeeditem")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="newsfeeditem",
        for_concrete_model=False,
    )

    objects = NewsFeedItemQuerySet.as_manager()
    base_form_class = NewsFeedItemForm

    panels = [
        FieldPanel("headline"),
        FieldPanel("summary"),
        FieldPanel("article"),
        FieldPanel("tags"),
        FieldPanel("published_at"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["-published_at", "-pk"]
        verbose_name = "news feed item"

    def __str__(self) -> str:
        return self.headline

    def save(self, *args, **kwargs):
        if not self.locale_id:
            # An item posted without a language belongs to the edition being worked on.
            from masthead.editions.languages import locale_id

            self.locale_id = locale_id()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        sentences = len(_SENTENCE_END.findall((self.summary or "").strip()))
        if sentences > 3:
            raise ValidationError({"summary": "Keep the summary to one to three sentences."})

    @property
    def anchor(self) -> str:
        return f"item-{self.pk}"

    @property
    def revisions(self):
        return self._revisions

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Whether readers saw the row as loaded: a save that takes it off the feed
        # (unpublish) must purge the feed, a save of a draft that never was live need not.
        instance._live_when_loaded = instance.__dict__.get("live", False)
        return instance


class PageViewBucket(models.Model):
    """Views of one article in one hour, written in batches from the cache counters (never
    on a page view). Most popular sums the buckets inside its window."""

    page = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="+")
    hour = models.DateTimeField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "hour"], name="news_pageview_page_hour")
        ]
        indexes = [models.Index(fields=["hour"])]

    def __str__(self) -> str:
        return f"{self.page_id} @ {self.hour:%Y-%m-%d %H:00}: {self.views}"


@register_setting(icon="pick")
class HeaderPromotions(EditionSiteSetting):
    """The promotions in the site header: Newsletters, Store, the premium product."""

    promos = StreamField(
        [("promo", HeaderPromoBlock())],
        blank=True,
        max_num=4,
        use_json_field=True,
        help_text="Shown in the header on every page, in this order.",
    )

    panels = [FieldPanel("promos")]

    class Meta:
        verbose_name = "Header promotions"
        constraints = [
            models.UniqueConstraint(fields=["site", "locale"], name="news_promotions_per_edition")
        ]
