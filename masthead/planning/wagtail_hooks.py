from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import access, admin_views
from .models import Assignment

admin_urls = (
    [
        path("", admin_views.board, name="board"),
        path("calendar/", admin_views.calendar, name="calendar"),
        path("new/", admin_views.create, name="create"),
        path("<id:pk>/", admin_views.detail, name="detail"),
        path("<id:pk>/edit/", admin_views.edit, name="edit"),
        path("<id:pk>/move/", admin_views.move, name="move"),
        path("<id:pk>/notes/", admin_views.add_note, name="add_note"),
        path("<id:pk>/links/", admin_views.add_link, name="add_link"),
        path("<id:pk>/start-draft/", admin_views.start_draft, name="start_draft"),
    ],
    "planning",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("planning/", include(admin_urls))]


class PlanningMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_use_planning(request.user)


@hooks.register("register_admin_menu_item")
def register_planning_menu_item():
    return PlanningMenuItem(
        "Planning", reverse("planning:board"), name="planning", icon_name="calendar-alt", order=150
    )


class MyAssignmentsPanel(Component):
    """The staff member's open assignments (as assignee or editor), soonest due first."""

    name = "my_assignments"
    template_name = "planning/admin/home_panel.html"
    order = 90

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        from django.db.models import Q

        mine = (
            Assignment.objects.open()
            .filter(Q(assignees=self.user) | Q(editor=self.user))
            .distinct()
            .for_listing()
            .order_by("due_at", "-priority")
        )
        return {"assignments": list(mine[:10]), "request": parent_context.get("request")}


@hooks.register("construct_homepage_panels")
def add_my_assignments(request, panels):
    if access.can_use_planning(request.user):
        panels.append(MyAssignmentsPanel(request.user))
