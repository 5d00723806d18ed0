"""Analytics in Wagtail's admin: a menu item for the newsroom dashboards (editors and
administrators) and the per-article and per-issue pages they link to."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_see_dashboards(request.user)


@hooks.register("register_admin_menu_item")
def analytics_menu_item():
    return DashboardMenuItem(
        "Analytics", reverse("analytics_admin:dashboard"), icon_name="table", order=260
    )


@hooks.register("register_admin_urls")
def analytics_admin_urls():
    urls = [
        path("", admin_views.dashboard, name="dashboard"),
        path("article/<id:pk>/", admin_views.article, name="article"),
        path("issue/<id:pk>/", admin_views.issue, name="issue"),
    ]
    return [path("analytics/", include((urls, "analytics_admin")))]
