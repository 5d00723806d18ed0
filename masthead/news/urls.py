from django.urls import include, path

from . import views

urlpatterns = [
    path("authors/<slug:slug>/", views.author_page, name="author"),
    path("tags/<slug:slug>/", views.tag_page, name="tag"),
    path("", include("masthead.news.discovery_urls")),
]
