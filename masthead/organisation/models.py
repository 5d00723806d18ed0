from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from masthead.people.models import Author

INTRO_FEATURES = ["bold", "italic", "link"]


def private_storage() -> FileSystemStorage:
    """Pitch attachments are not public media: they live beside MEDIA_ROOT, not under it,
    and only staff download them through a permission-checked view."""
    return FileSystemStorage(location=Path(settings.MEDIA_ROOT).parent / "private")


class TeamPage(Page):
    """The staff directory, built from active author profiles grouped by role."""

    intro = RichTextField(blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["news.HomePage", "news.StaticPage"]
    subpage_types = []
    max_count = 1
    template = "organisation/team_page.html"

    def team_by_role(self) -> list[tuple[str, list[Author]]]:
        """[(role, [authors...]), ...] in the order editors set with sort_order."""
        groups: dict[str, list[Author]] = {}
        for author in Author.objects.active().select_related("photo"):
            groups.setdefault(author.role or gettext("Contributors"), []).append(author)
        return list(groups.items())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["team"] = self.team_by_role()
        return context


class JobsPage(Page):
    """Open positions. A posting marked closed disappears from the public page."""

    intro = RichTextField(blank=True, features=INTRO_FEATURES)
    no_openings_text = models.CharField(
        max_length=255,
        default="We have no open positions right now. Please check back soon.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("no_openings_text"),
        InlinePanel("postings", heading="Postings", label="Posting"),
    ]
    parent_page_types = ["news.HomePage", "news.StaticPage"]
    subpage_types = []
    max_count = 1
    template = "organisation/jobs_page.html"

    def open_postings(self):
        return [posting for posting in self.postings.all() if posting.is_open]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["postings"] = self.open_postings()
        return context


class JobPosting(Orderable):
    page = ParentalKey(JobsPage, on_delete=models.CASCADE, related_name="postings")
    title = models.CharField(max_length=200)
    location = models.CharField(max_length=120, blank=True, help_text="e.g. 'Kyiv or remote'")
    employment_type = models.CharField(max_length=60, blank=True, help_text="e.g. 'Full-time'")
    description = RichTextField(features=["bold", "italic", "link", "ol", "ul"])
    how_to_apply = models.CharField(
        max_length=255, blank=True, help_text="e.g. 'Send a CV and three clips to jobs@...'"
    )
    is_open = models.BooleanField(default=True, help_text="Untick to hide the posting.")

    panels = [
        MultiFieldPanel(
            [FieldPanel("title"), FieldPanel("location"), FieldPanel("employment_type")],
            "Posting",
        ),
        FieldPanel("description"),
        FieldPanel("how_to_apply"),
        FieldPanel("is_open"),
    ]

    def __str__(self) -> str:
        return self.title


class OpinionFormPage(Page):
    """ "Submit an Opinion": readers pitch an opinion piece to the editors."""

    intro = RichTextField(blank=True, features=INTRO_FEATURES)
    thank_you_text = models.CharField(
        max_length=255,
        default="Thank you. Our opinion editors read every pitch and reply within a week.",
    )
    notify_emails = models.CharField(
        max_length=500,
        blank=True,
        help_text="Comma-separated addresses told of each new pitch. Empty: every active "
        "user in the Editor group.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("thank_you_text"),
        FieldPanel("notify_emails"),
    ]
    parent_page_types = ["news.HomePage", "news.StaticPage"]
    subpage_types = []
    max_count = 1
    template = "organisation/opinion_form_page.html"

    def serve(self, request, *args, **kwargs):
        from .views import serve_opinion_form

        return serve_opinion_form(self, request)

    def serve_preview(self, request, mode_name):
        from .forms import OpinionForm

        context = self.get_context(request)
        context["form"] = OpinionForm()
        return render(request, self.template, context)


class OpinionSubmission(models.Model):
    """A reader's pitch, kept for the editors' inbox."""

    STATUS_CHOICES = [
        ("new", "New"),
        ("read", "Read"),
        ("accepted", "Accepted"),
        ("declined", "Declined"),
    ]

    page = models.ForeignKey(
        OpinionFormPage, null=True, on_delete=models.SET_NULL, related_name="submissions"
    )
    name = models.CharField(max_length=120)
    email = models.EmailField()
    headline = models.CharField(max_length=200)
    pitch = models.TextField(max_length=5000)
    attachment = models.FileField(
        upload_to="opinion-pitches/%Y/%m/", storage=private_storage, blank=True
    )
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default="new")
    editor_notes = models.TextField(blank=True)
    submitted_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)

    panels = [
        FieldPanel("status"),
        FieldPanel("editor_notes"),
        MultiFieldPanel(
            [
                FieldPanel("name", read_only=True),
                FieldPanel("email", read_only=True),
                FieldPanel("headline", read_only=True),
                FieldPanel("pitch", read_only=True),
            ],
            "Pitch",
        ),
    ]

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = "opinion pitch"
        verbose_name_plural = "opinion pitches"

    def __str__(self) -> str:
        return f"{self.headline} ({self.name})"
