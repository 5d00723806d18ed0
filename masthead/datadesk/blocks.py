"""Data desk blocks for article bodies and other pages (news/blocks.py adds them): a chart of
a dataset, and a tracker's figures box."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from .charts import render
from .charts.config import MAX_ANNOTATIONS, ChartConfig
from .charts.spec import FORMS, LINE


class AnnotationBlock(blocks.StructBlock):
    date = blocks.DateBlock()
    text = blocks.CharBlock(max_length=120, help_text="A short note drawn on the chart.")

    class Meta:
        icon = "comment"


class ChartBlock(blocks.StructBlock):
    """A chart of a dataset, drawn on the server as SVG with its figures in a table. It
    stores only the choices, so it always shows the dataset's current figures."""

    dataset = SnippetChooserBlock("datadesk.Dataset")
    form = blocks.ChoiceBlock(choices=FORMS, default=LINE)
    title = blocks.CharBlock(
        max_length=200, required=False, help_text="Defaults to the dataset's title."
    )
    description = blocks.TextBlock(
        max_length=500,
        required=False,
        help_text="What the chart shows, in a sentence: read out to screen-reader users.",
    )
    series = blocks.CharBlock(
        required=False,
        max_length=500,
        help_text="Names of the series to show, separated by commas. Empty: all of them.",
    )
    start = blocks.DateBlock(required=False, help_text="First date shown (dated datasets).")
    end = blocks.DateBlock(required=False, help_text="Last date shown (dated datasets).")
    last_days = blocks.IntegerBlock(
        required=False,
        min_value=1,
        max_value=36500,
        help_text="Or show only the latest N days: the chart follows the dataset as it grows.",
    )
    annotations = blocks.ListBlock(AnnotationBlock(), required=False, max_num=MAX_ANNOTATIONS)

    class Meta:
        icon = "table"
        label = "Chart"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        dataset = value.get("dataset")
        names = [n.strip() for n in (value.get("series") or "").split(",") if n.strip()]
        if dataset is not None and names:
            known = set(dataset.series.values_list("name", flat=True))
            unknown = [name for name in names if name not in known]
            if unknown:
                errors["series"] = ValidationError(
                    "No series named %(names)s in this dataset. It has: %(known)s.",
                    params={"names": ", ".join(unknown), "known": ", ".join(sorted(known))},
                )
        if value.get("start") and value.get("end") and value["start"] > value["end"]:
            errors["end"] = ValidationError("The last date comes before the first.")
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value

    def config(self, value) -> ChartConfig | None:
        dataset = value.get("dataset")
        return ChartConfig.from_block(value, dataset.pk) if dataset is not None else None

    def render(self, value, context=None):
        config = self.config(value)
        if config is None:
            return ""
        return mark_safe(render.figure_html(config))  # noqa: S308 - escaped in render.py


class FiguresBoxBlock(blocks.StructBlock):
    """Stores only the tracker: the box always shows its dataset's current figures."""

    tracker = blocks.PageChooserBlock(page_type="datadesk.TrackerPage")
    heading = blocks.CharBlock(
        required=False, max_length=120, help_text="Leave empty to use the tracker's title."
    )

    class Meta:
        icon = "table"
        label = "Figures box"
        template = "datadesk/blocks/figures_box.html"
