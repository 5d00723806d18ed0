"""Admin: plans (editable), members and donations (read-only lists: Stripe is their source of
truth), a report with totals, and a dashboard notice while payments are not configured."""

from django.db.models import Count, Q
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import conf
from .models import Donation, Membership, Plan

READ_ONLY_ACTIONS = {"view"}


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Staff with the view permission may list and inspect; nobody adds, edits or deletes
    here, because a manual edit would disagree with Stripe."""

    def user_has_permission(self, user, action):
        return action in READ_ONLY_ACTIONS and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a in READ_ONLY_ACTIONS])


register_permission_policy(Membership, ReadOnlyPolicy(Membership))
register_permission_policy(Donation, ReadOnlyPolicy(Donation))


class PlanViewSet(SnippetViewSet):
    model = Plan
    icon = "tag"
    menu_label = "Plans"
    list_display = ["name", "interval", "amount", "currency", "stripe_price_id", "is_active"]


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "user"
    menu_label = "Members"
    list_display = ["user", "status", "plan", "current_period_end", "started_at", "updated_at"]
    list_filter = ["status", "plan"]
    search_fields = []
    inspect_view_enabled = True
    list_export = ["user", "status", "plan", "started_at", "current_period_end"]


class DonationViewSet(SnippetViewSet):
    model = Donation
    icon = "pick"
    menu_label = "Donations"
    list_display = ["amount", "currency", "status", "email", "user", "created_at", "paid_at"]
    list_filter = ["status", "currency"]
    inspect_view_enabled = True
    list_export = ["amount", "currency", "status", "email", "created_at", "paid_at"]


class MembershipsGroup(SnippetViewSetGroup):
    items = (MembershipViewSet, DonationViewSet, PlanViewSet)
    menu_icon = "group"
    menu_label = "Memberships"
    menu_name = "memberships"
    menu_order = 250


register_snippet(MembershipsGroup)


def can_see_revenue(user) -> bool:
    return user.has_perm("memberships.view_membership") or user.has_perm(
        "memberships.view_donation"
    )


class RevenueReportView(WagtailAdminTemplateMixin, TemplateView):
    """Counts of members by state and plan, and donation totals per currency."""

    template_name = "memberships/admin/revenue.html"
    page_title = "Members and donations"
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_revenue(request.user):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members"] = Membership.objects.totals()
        context["granting_access"] = Membership.objects.granting_access().count()
        context["plans"] = Plan.objects.annotate(
            active=Count("membership", filter=Q(membership__status=Membership.ACTIVE))
        )
        context["donations"] = Donation.objects.totals_by_currency()
        context["pending_donations"] = Donation.objects.filter(status=Donation.PENDING).count()
        context["payments_configured"] = conf.payments_configured()
        context["missing_settings"] = conf.missing_settings()
        return context


@hooks.register("register_admin_urls")
def register_revenue_url():
    return [path("memberships/report/", RevenueReportView.as_view(), name="memberships_report")]


class RevenueMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_revenue(request.user)


@hooks.register("register_reports_menu_item")
def register_revenue_menu_item():
    return RevenueMenuItem(
        "Members and donations",
        reverse("memberships_report"),
        icon_name="group",
        order=900,
    )


class PaymentsNotConfiguredPanel(Component):
    name = "payments_not_configured"
    order = 50
    template_name = "memberships/admin/not_configured_panel.html"

    def get_context_data(self, parent_context):
        return {"missing_settings": conf.missing_settings()}


@hooks.register("construct_homepage_panels")
def add_payments_notice(request, panels):
    user = request.user
    if not conf.payments_configured() and (
        user.is_staff or user.has_perm("wagtailadmin.access_admin")
    ):
        panels.insert(0, PaymentsNotConfiguredPanel())
