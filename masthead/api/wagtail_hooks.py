from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

admin_urls = [
    path("", admin_views.index, name="index"),
    path("new/", admin_views.create, name="create"),
    path("<id:key_id>/revoke/", admin_views.revoke, name="revoke"),
]


@hooks.register("register_admin_urls")
def register_api_key_urls():
    return [path("api-keys/", include((admin_urls, "api_admin"), namespace="api_admin"))]


class AdministratorsMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.is_superuser or user.groups.filter(name="Administrator").exists()


@hooks.register("register_settings_menu_item")
def register_api_key_menu_item():
    return AdministratorsMenuItem(
        "API keys", reverse("api_admin:index"), icon_name="key", order=900
    )
