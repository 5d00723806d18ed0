"""The newsroom's verdict scale: the labels its fact checks give claims, each with a rating.

The scale is the newsroom's own (e.g. 1 "False" to 5 "True", or a "Misleading" in between):
ClaimReview JSON-LD reports each verdict's rating against the scale's lowest and highest.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Max, Min
from wagtail.admin.panels import FieldPanel


class Verdict(models.Model):
    label = models.CharField(max_length=60, unique=True, help_text='e.g. "False", "Misleading".')
    rating = models.SmallIntegerField(
        unique=True,
        help_text="Its place on the scale: higher is truer. The lowest and highest ratings "
        "entered are the scale's ends.",
    )
    description = models.CharField(
        max_length=300, blank=True, help_text="What this verdict means, shown to readers."
    )

    panels = [FieldPanel("label"), FieldPanel("rating"), FieldPanel("description")]

    class Meta:
        ordering = ["rating"]

    def __str__(self) -> str:
        return f"{self.label} ({self.rating})"

    @staticmethod
    def scale() -> tuple[int, int]:
        """(worst, best) ratings on the scale."""
        found = Verdict.objects.aggregate(worst=Min("rating"), best=Max("rating"))
        return found["worst"] or 0, found["best"] or 0
