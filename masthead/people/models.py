from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index


class AuthorQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Author(index.Indexed, models.Model):
    """A byline: a reporter, editor or contributor with a public profile page."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True, blank=True)
    role = models.CharField(max_length=120, blank=True, help_text="e.g. 'Kyiv correspondent'")
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = RichTextField(blank=True, features=["bold", "italic", "link"])
    email = models.EmailField(blank=True)
    x_handle = models.CharField("X (Twitter) handle", max_length=40, blank=True)
    website = models.URLField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text="The staff account that writes under this byline.",
    )
    is_active = models.BooleanField(default=True, help_text="Shown on the Team page.")
    sort_order = models.PositiveIntegerField(default=100)

    objects = AuthorQuerySet.as_manager()

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("slug"), FieldPanel("role")], "Byline"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("x_handle"), FieldPanel("website")], "Contact"
        ),
        MultiFieldPanel(
            [FieldPanel("user"), FieldPanel("is_active"), FieldPanel("sort_order")], "Staff"
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:140] or "author"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("author", kwargs={"slug": self.slug})

    @property
    def x_url(self) -> str:
        return f"https://x.com/{self.x_handle.lstrip('@')}" if self.x_handle else ""
