"""Datasets kept in the CMS once, read by every chart, tracker, figures box and download.

A dataset has one or more series (a column each) and one point per series and x value.
Points are one row each (not a JSON of values per row) so that one value can be changed,
audited and constrained unique on its own, and a chart reads a series' points in one
indexed query of plain tuples (``data.py``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, RevisionMixin
from wagtail.search import index

from .panels import FiguresLinksPanel

# Colour slots the chart renderer maps to its palette (contrast- and colour-blind-safe).
COLOUR_SLOTS = 8


class Dataset(RevisionMixin, index.Indexed, ClusterableModel):
    class XKind(models.TextChoices):
        DATE = "date", "Date"
        CATEGORY = "category", "Category"

    class Frequency(models.TextChoices):
        # Readers see these on a tracker page ("Updated daily."), so in their language.
        DAILY = "daily", gettext_lazy("Daily")
        WEEKLY = "weekly", gettext_lazy("Weekly")
        MONTHLY = "monthly", gettext_lazy("Monthly")
        QUARTERLY = "quarterly", gettext_lazy("Quarterly")
        YEARLY = "yearly", gettext_lazy("Yearly")
        IRREGULAR = "irregular", gettext_lazy("Irregular")
        FIXED = "fixed", gettext_lazy("No updates planned")

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
        FiguresLinksPanel(),
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

    def serializable_data(self):
        # A revision keeps the values too (as the CSV download), so history shows them.
        data = super().serializable_data()
        if self.pk:
            from .tables import frame_to_csv

            data["values_csv"] = frame_to_csv(self.frame())
        return data

    def clean(self):
        super().clean()
        if self.pk:
            saved = Dataset.objects.filter(pk=self.pk).values_list("x_kind", flat=True).first()
            if (
                saved
                and saved != self.x_kind
                and DataPoint.objects.filter(series__dataset=self).exists()
            ):
                raise ValidationError(
                    {
                        "x_kind": "This dataset has figures: rows cannot switch between dates and "
                        "categories. Export it, and import the file into a new dataset."
                    }
                )

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


class TrackerPage(Page):
    """A running tally: a dataset's latest figures with the change since the update before,
    a chart, the table, notes and the source. Its figures box shows in articles and rails."""

    dataset = models.ForeignKey(
        Dataset, null=True, on_delete=models.SET_NULL, related_name="trackers"
    )
    standfirst = models.TextField(max_length=500, blank=True)
    notes = RichTextField(
        blank=True, features=["bold", "italic", "link", "ol", "ul"], help_text="How to read it."
    )
    chart_days = models.PositiveIntegerField(
        "chart shows the last N days",
        default=365,
        validators=[MinValueValidator(7), MaxValueValidator(3660)],
    )
    table_rows = models.PositiveIntegerField(
        "table shows the last N rows", default=14, validators=[MaxValueValidator(400)]
    )
    in_article_rail = models.BooleanField(
        default=False,
        help_text="Show this tracker's figures box in the rail beside every article.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("standfirst"),
        FieldPanel("dataset"),
        FiguresLinksPanel(),
        FieldPanel("notes"),
        MultiFieldPanel(
            [FieldPanel("chart_days"), FieldPanel("table_rows"), FieldPanel("in_article_rail")],
            heading="Display",
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("standfirst")]
    parent_page_types = ["news.HomePage", "news.StaticPage"]
    subpage_types: list[str] = []
    template = "datadesk/tracker_page.html"

    class Meta:
        verbose_name = "tracker"

    def get_context(self, request, *args, **kwargs):
        from masthead.caching import tags as cache_tags

        from .cache_rules import DATASETS
        from .structured_data import dataset_json_ld

        context = super().get_context(request, *args, **kwargs)
        cache_tags.depends_on(DATASETS)
        frame = self.dataset.frame() if self.dataset else None
        context["frame"] = frame
        context["dataset"] = self.dataset
        if frame is not None:
            context["summary"] = summarise(frame)
            rows = frame.rows()
            context["table_rows"] = list(reversed(rows[-self.table_rows :]))
            context["chart_frame"] = _last_days(frame, self.chart_days)
            context["json_ld"] = dataset_json_ld(self.dataset, page=self, frame=frame)
        return context


def _last_days(frame, days: int):
    """The frame cut to its last ``days`` days (categories: unchanged), without a query."""
    if not frame.is_dated or not frame.xs:
        return frame
    start = frame.xs[-1] - timedelta(days=days - 1)
    return replace(
        frame,
        series=[
            replace(one, points=[point for point in one.points if point[0] >= start])
            for one in frame.series
        ],
    )


def summarise(frame) -> list[dict]:
    """Each series' latest figure, when, and its change from the update before."""
    found = []
    for one in frame.series:
        latest, previous = one.latest, one.previous
        if latest is None:
            continue
        change = latest[1] - previous[1] if previous else None
        found.append(
            {
                "name": one.name,
                "unit": one.unit,
                "colour": one.colour,
                "x": latest[0],
                "value": latest[1],
                "previous_x": previous[0] if previous else None,
                "change": change,
                "direction": "up" if change and change > 0 else "down" if change else "same",
            }
        )
    return found
