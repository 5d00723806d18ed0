from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import access, views

admin_urls = (
    [
        path("out-of-date/", views.out_of_date, name="out_of_date"),
        path("<id:page_id>/", views.status, name="status"),
        path("<id:page_id>/up-to-date/", views.mark_up_to_date, name="mark_up_to_date"),
    ],
    "translations",
)


# Before simple_translation's own patterns (order=-1): the same address, a checked form.
@hooks.register("register_admin_urls", order=-1)
def register_admin_urls():
    return [
        path("translations/", include(admin_urls)),
        path(
            "translation/submit/page/<id:page_id>/",
            views.TranslatePageView.as_view(),
            name="translations_submit_page",
        ),
    ]


class TranslatorsMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_translate(request.user)


@hooks.register("register_reports_menu_item")
def register_out_of_date_report():
    return TranslatorsMenuItem(
        "Translations out of date",
        reverse("translations:out_of_date"),
        name="translations-out-of-date",
        icon_name="globe",
        order=700,
    )
