from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from . import text
from .blocks import ARTICLE_BODY_BLOCKS, PAGE_BODY_BLOCKS
from .forms import ArticlePageForm

LISTING_PAGE_SIZE = 20


def paginate(request, queryset, per_page: int = LISTING_PAGE_SIZE):
    """A page of a listing; out-of-range or malformed page numbers fall back, never 500."""
    paginator = Paginator(queryset, per_page)
    number = request.GET.get("page", 1)
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


class ArticlePageQuerySet(PageQuerySet):
    def in_section(self, section):
        return self.child_of(section)

    def newest_first(self):
        return self.order_by("-first_published_at", "-pk")

    def for_listing(self):
        """What a teaser needs, in a fixed number of queries however long the list."""
        return (
            self.live()
            .public()
            .defer_streamfields()
            .select_related("lead_image")
            .prefetch_related("article_authors__author")
        )


class HomePage(Page):
    """The front page. The reader-site issue adds curation; this lists sections' latest."""

    subpage_types = [
        "news.SectionPage",
        "news.StaticPage",
        "organisation.TeamPage",
        "organisation.JobsPage",
        "organisation.OpinionFormPage",
    ]
    max_count = 1
    template = "pages/home_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections = list(SectionPage.objects.child_of(self).live().public().specific())
        latest = ArticlePage.objects.descendant_of(self).for_listing().newest_first().specific()
        context["lead_articles"] = list(latest[:5])
        context["section_blocks"] = [
            (
                section,
                list(ArticlePage.objects.in_section(section).for_listing().newest_first()[:4]),
            )
            for section in sections
        ]
        return context


class SectionPage(Page):
    """A section of the paper (War, Analysis, ...). Articles live beneath it."""

    description = models.TextField(blank=True, max_length=500)

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

    content_panels = [*Page.content_panels, FieldPanel("standfirst"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["news.HomePage", "news.StaticPage"]
    subpage_types = ["news.StaticPage"]
    template = "pages/static_page.html"


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


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
        context["json_ld"] = article_json_ld(self, request)
        return context


class ArticleAuthor(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey("people.Author", on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        unique_together = [("page", "author")]


class ArticleNote(Orderable):
    """An update or correction, shown at the end of the article and on the corrections log."""

    KIND_CHOICES = [("update", "Update"), ("correction", "Correction")]

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=12, choices=KIND_CHOICES, default="update")
    text = models.TextField(max_length=1000)
    published_at = models.DateTimeField(help_text="When the change was made.")

    panels = [FieldPanel("kind"), FieldPanel("text"), FieldPanel("published_at")]
