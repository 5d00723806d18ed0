from django.urls import path

from . import embed_views

urlpatterns = [
    path("embed/chart/<id:dataset_id>/", embed_views.chart, name="datadesk_embed_chart"),
    path("embed/chart/<id:dataset_id>.png", embed_views.chart_png, name="datadesk_chart_png"),
]
