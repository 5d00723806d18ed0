"""/embed/chart/<dataset id>/: a chart alone on a page another site may show in an iframe,
and /embed/chart/<id>.png: the same chart as a picture (newsletters, social posts).

These are the only routes any site may frame: every other page answers
``X-Frame-Options: DENY`` and ``frame-ancestors 'none'`` (settings, core/middleware.py).
The query string chooses the form, series and dates (``ChartConfig.from_query``); the page
cache keeps each answer, purged with the dataset.
"""

from __future__ import annotations

from csp.decorators import csp_replace
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render as render_page
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from masthead.caching import tags as cache_tags

from .charts import render
from .charts.config import BadChart, ChartConfig
from .models import Dataset


def _config(request, dataset_id: int) -> ChartConfig:
    return ChartConfig.from_query(dataset_id, request.GET)


@require_safe
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def chart(request, dataset_id: int):
    try:
        config = _config(request, dataset_id)
    except BadChart as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    dataset = Dataset.objects.filter(pk=dataset_id).only("pk", "title").first()
    if dataset is None:
        raise Http404("No such dataset")
    figure = render.figure_html(config)
    cache_tags.depends_on(render.dataset_tag(dataset_id))
    return render_page(request, "datadesk/embed_chart.html", {"figure": figure, "dataset": dataset})


@require_safe
def chart_png(request, dataset_id: int):
    try:
        config = _config(request, dataset_id)
    except BadChart as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    body = render.png(config)
    if body is None:
        raise Http404("No such dataset")
    response = HttpResponse(body, content_type="image/png")
    response["Access-Control-Allow-Origin"] = "*"
    return response
