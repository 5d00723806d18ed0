"""Admin requests run in the staff member's zone (accounts/timezones.py)."""

from __future__ import annotations

from functools import cache

from django.urls import reverse
from django.utils import timezone

from .timezones import staff_zone_name


@cache
def _admin_prefix() -> str:
    return reverse("wagtailadmin_home")


class StaffTimeZoneMiddleware:
    """Activates the signed-in staff member's zone for every request under the Wagtail admin,
    so forms read typed times in it and listings show times in it. The public site is left
    alone: its pages are cached for everyone and show the newsroom's time with
    core_tags.newsroom_time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(_admin_prefix()) or not request.user.is_authenticated:
            return self.get_response(request)
        with timezone.override(staff_zone_name(request)):
            return self.get_response(request)
