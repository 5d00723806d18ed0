"""Downloads of a dataset's figures: /data/<slug>.csv and /data/<slug>.json."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from masthead.caching import tags as cache_tags

from .cache_rules import DATASETS
from .models import Dataset
from .tables import frame_to_csv, frame_to_json

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


def download(request, slug: str, fmt: str):
    if fmt not in FORMATS:
        raise Http404("Unknown format")
    cache_tags.depends_on(DATASETS)
    dataset = get_object_or_404(Dataset, slug=slug)
    frame = dataset.frame()
    if fmt == "csv":
        body = frame_to_csv(frame)
    else:
        body = frame_to_json(frame, url=request.build_absolute_uri(dataset.json_url()))
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'inline; filename="{dataset.slug}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
