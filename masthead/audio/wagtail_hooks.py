from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

admin_urls = [
    path("", admin_views.index, name="index"),
    path("<id:page_id>/regenerate/", admin_views.regenerate, name="regenerate"),
]


@hooks.register("register_admin_urls")
def register_narration_urls():
    return [path("narrations/", include((admin_urls, "audio_admin"), namespace="audio_admin"))]


@hooks.register("register_admin_menu_item")
def register_narration_menu_item():
    return MenuItem("Narrations", reverse("audio_admin:index"), icon_name="media", order=350)
