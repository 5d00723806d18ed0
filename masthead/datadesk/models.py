"""Datasets kept in the CMS once, read by every chart, tracker, figures box and download.

A dataset has one or more series (a column each) and one point per series and x value.
Points are one row each (not a JSON of values per row) so that one value can be changed,
audited and constrained unique on its own, and a chart reads a series' points in one
indexed query of plain tuples (``data.py``).
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import RevisionMixin
from wagtail.search import index

# Colour slots the chart renderer maps to its palette (contrast- and colour-blind-safe).
COLOUR_SLOTS = 8


class Dataset(RevisionMixin, index.Indexed, ClusterableModel):
    class XKind(models.TextChoices):
        DATE = "date", "Date"
        CATEGORY = "category", "Category"

    class Frequency(models.TextChoices):
        DAILY = "daily", "Daily"
        WEEKLY = "weekly", "Weekly"
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        YEARLY = "yearly", "Yearly"
        IRREGULAR = "irregular", "Irregular"
        FIXED = "fixed", "No updates planned"

    title = models.CharField(max_length=255)
    slug = models.SlugField(
        max_length=100, unique=True, help_text="Used in download links: /data/<slug>.csv"
    )
    description = models.TextField(blank=True)
    source_name = models.CharField("source", max_length=255, blank=True)
    source_url = models.URLField("source link", max_length=500, blank=True)
    methodology = models.TextField(
        "methodology note", blank=True, help_text="How the figures are collected and counted."
    )
    update_frequency = models.CharField(
        max_length=16, choices=Frequency.choices, default=Frequency.DAILY
    )
    x_kind = models.CharField(
        "rows are",
        max_length=16,
        choices=XKind.choices,
        default=XKind.DATE,
        help_text="Dates (a time series) or categories (e.g. regions, budget lines).",
    )
    x_label = models.CharField(
        "first column heading", max_length=100, default="date", help_text="Heading in CSV files."
    )
    illustrative = models.BooleanField(
        default=False,
        help_text="Generated or example figures: every place that shows them says so.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="datadesk_dataset")

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("slug"),
                FieldPanel("description"),
                FieldPanel("x_kind"),
                FieldPanel("x_label"),
                FieldPanel("update_frequency"),
                FieldPanel("illustrative"),
            ],
            heading="Dataset",
        ),
        MultiFieldPanel(
            [FieldPanel("source_name"), FieldPanel("source_url"), FieldPanel("methodology")],
            heading="Source",
        ),
        InlinePanel("series", heading="Series (columns)", min_num=1, label="Series"),
    ]

    search_fields = [
        index.SearchField("title"),
        index.SearchField("description"),
        index.AutocompleteField("title"),
    ]

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def revisions(self):
        return self._revisions.all()

    @property
    def is_dated(self) -> bool:
        return self.x_kind == self.XKind.DATE

    def frame(self, series=None, start=None, end=None):
        """The figures as plain data for charts and tables: see ``data.frame``."""
        from .data import frame

        return frame(self, series=series, start=start, end=end)

    def csv_url(self) -> str:
        return reverse("datadesk:download", kwargs={"slug": self.slug, "fmt": "csv"})

    def json_url(self) -> str:
        return reverse("datadesk:download", kwargs={"slug": self.slug, "fmt": "json"})


class Series(models.Model):
    dataset = ParentalKey(Dataset, on_delete=models.CASCADE, related_name="series")
    name = models.CharField(max_length=120, help_text="Column heading, e.g. 'Air-raid alerts'.")
    unit = models.CharField(max_length=40, blank=True, help_text="e.g. 'people', 'USD m', '%'.")
    colour = models.PositiveSmallIntegerField(
        "colour slot",
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(COLOUR_SLOTS - 1)],
        help_text=f"0 to {COLOUR_SLOTS - 1}: the chart palette's colours, in order.",
    )
    sort_order = models.IntegerField(default=0, editable=False)

    panels = [FieldPanel("name"), FieldPanel("unit"), FieldPanel("colour")]

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name_plural = "series"
        constraints = [
            models.UniqueConstraint(fields=["dataset", "name"], name="datadesk_series_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class DataPoint(models.Model):
    """One value of one series at one x: a date (dated datasets) or a category label."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="points")
    x_date = models.DateField(null=True, blank=True)
    x_label = models.CharField(max_length=120, blank=True)
    # Categories keep the order they were entered in (dates sort by themselves).
    x_order = models.IntegerField(default=0)
    value = models.DecimalField(max_digits=24, decimal_places=6)

    class Meta:
        ordering = ["series", "x_date", "x_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "x_date"],
                condition=Q(x_date__isnull=False),
                name="datadesk_point_unique_date",
            ),
            models.UniqueConstraint(
                fields=["series", "x_label"],
                condition=Q(x_date__isnull=True),
                name="datadesk_point_unique_label",
            ),
            models.CheckConstraint(
                condition=Q(x_date__isnull=False) | ~Q(x_label=""),
                name="datadesk_point_has_x",
            ),
        ]
        indexes = [models.Index(fields=["series", "x_date"], name="datadesk_point_series_date")]

    def __str__(self) -> str:
        return f"{self.series_id} {self.x}: {self.value}"

    @property
    def x(self):
        return self.x_date if self.x_date is not None else self.x_label


def plain_number(value: Decimal | float | int | None) -> str:
    """A value as people write it: no exponent, no trailing zeros ("1200", "3.5")."""
    if value is None:
        return ""
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return format(number.normalize(), "f")
