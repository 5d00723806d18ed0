from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

admin_urls = [
    path("", admin_views.index, name="index"),
    path("new/", admin_views.create, name="create"),
    path("<id:endpoint_id>/", admin_views.edit, name="edit"),
    path("<id:endpoint_id>/rotate/", admin_views.rotate, name="rotate"),
    path("<id:endpoint_id>/test/", admin_views.send_test, name="test"),
    path("<id:endpoint_id>/enable/", admin_views.enable, name="enable"),
    path("<id:endpoint_id>/disable/", admin_views.disable, name="disable"),
    path("<id:endpoint_id>/delete/", admin_views.delete, name="delete"),
    path("<id:endpoint_id>/deliveries/", admin_views.deliveries, name="deliveries"),
    path(
        "<id:endpoint_id>/deliveries/<id:delivery_id>/retry/",
        admin_views.retry,
        name="retry",
    ),
]


@hooks.register("register_admin_urls")
def register_webhook_urls():
    return [path("webhooks/", include((admin_urls, "webhooks_admin"), namespace="webhooks_admin"))]


class AdministratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.is_administrator(request.user)


@hooks.register("register_settings_menu_item")
def register_webhooks_menu_item():
    return AdministratorsMenuItem(
        "Webhooks", reverse("webhooks_admin:index"), icon_name="link", order=910
    )
