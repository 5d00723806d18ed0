from django.urls import path

from . import views

urlpatterns = [
    path("authors/<slug:slug>/", views.author_page, name="author"),
    path("tags/<slug:slug>/", views.tag_page, name="tag"),
]
