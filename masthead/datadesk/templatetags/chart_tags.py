"""``{% dataset_chart %}``: a chart of a dataset in any template (trackers, components),
drawn and cached by ``charts.render`` like the chart block."""

from django import template
from django.utils.safestring import mark_safe

from masthead.datadesk.charts import render
from masthead.datadesk.charts.config import ChartConfig
from masthead.datadesk.charts.spec import LINE

register = template.Library()


@register.simple_tag
def dataset_chart(dataset_id, form=LINE, last_days=None, title="", description="", frame=None):
    """``frame``: the figures the chart shows (already cut to ``last_days``), when the page
    has read them; else the chart reads them itself on a cache miss."""
    if not dataset_id:
        return ""
    config = ChartConfig(
        dataset_id=int(dataset_id),
        form=form,
        last_days=int(last_days) if last_days else None,
        title=title or "",
        description=description or "",
    )
    return mark_safe(render.figure_html(config, frame))  # noqa: S308 - escaped in render.py
