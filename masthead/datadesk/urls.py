from django.urls import path

from . import views

app_name = "datadesk"

urlpatterns = [
    path("data/<slug:slug>.<str:fmt>", views.download, name="download"),
]
