"""The zone staff read and type times in: the one they chose in their Wagtail profile, or else
the newsroom's (SiteSettings, default settings.NEWSROOM_TIME_ZONE). Stored times stay UTC
(settings.TIME_ZONE); only what the admin shows and how it reads typed times change."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.utils import timezone
from django.utils.functional import lazy


def _known(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def newsroom_zone_name(request=None) -> str:
    """The newsroom's zone from the settings of the request's site, or of the default site
    (site settings are kept per process: no query on most requests)."""
    from wagtail.models import Site

    from masthead.core.models import SiteSettings

    if request is not None:
        name = SiteSettings.for_request(request).time_zone
    else:
        site = Site.objects.filter(is_default_site=True).first()
        name = SiteSettings.for_site(site).time_zone if site else ""
    return name if name and _known(name) else settings.NEWSROOM_TIME_ZONE


def staff_profile(user):
    """The user's Wagtail profile, made if missing. Wagtail's admin falls back to
    settings.TIME_ZONE (UTC) for a user without one, whatever zone is active, so every staff
    member needs one. Side effect: one row created the first time."""
    from wagtail.users.models import UserProfile

    try:
        return user.wagtail_userprofile
    except UserProfile.DoesNotExist:
        profile = UserProfile.get_for_user(user)
        user.wagtail_userprofile = profile  # so Wagtail's own lookups find it, no query
        return profile


def staff_zone_name(request) -> str:
    """The zone the signed-in staff member works in."""
    chosen = staff_profile(request.user).current_time_zone
    return chosen if chosen and _known(chosen) else newsroom_zone_name(request)


def profile_time_zone(profile) -> str:
    """Replaces Wagtail's UserProfile.get_current_time_zone, whose answer for a profile
    without a chosen zone is settings.TIME_ZONE: UTC here, because that is how times are
    stored, not how the newsroom reads them. Wagtail's admin wraps each view in the zone
    this returns; for such a profile it is the zone already active, the newsroom's one that
    StaffTimeZoneMiddleware turned on (UTC outside a request, as before)."""
    return profile.current_time_zone or timezone.get_current_timezone_name()


def zone_label(name: str | None = None) -> str:
    """'Kyiv time (Europe/Kyiv)' for `name` (default: the active zone); 'UTC' as it is."""
    name = name or timezone.get_current_timezone_name()
    if "/" not in name:
        return name
    place = name.rsplit("/", 1)[-1].replace("_", " ")
    return f"{place} time ({name})"


def _profile_zone_choices() -> list[tuple[str, str]]:
    from wagtail.admin.localization import get_available_admin_time_zones

    return [("", "Use the newsroom's time zone")] + [
        (name, name) for name in get_available_admin_time_zones()
    ]


def describe_the_profile_default() -> None:
    """Wagtail's profile form offers "Use server time zone", which its script labels with
    settings.TIME_ZONE (UTC). For staff, no choice means the newsroom's zone: say that, and
    let the script show the newsroom's zone beside it."""
    from wagtail.admin.forms.account import LocalePreferencesForm

    field = LocalePreferencesForm.base_fields.get("current_time_zone")
    if field is None:
        return
    field.choices = _profile_zone_choices  # a callable: read on each render
    field.widget.attrs["data-w-locale-server-time-zone-param"] = lazy(newsroom_zone_name, str)()
