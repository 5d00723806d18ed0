from types import SimpleNamespace

from django import template

from masthead.caching import tags as cache_tags
from masthead.memberships import conf
from masthead.memberships.access import article_parts, mark_members_text_served

register = template.Library()


@register.simple_tag(takes_context=True)
def premium_body(context, page):
    """The article body split for this request's reader: `open` (anyone may read),
    `members` (unlocked by membership; empty for non-members) and `withheld`. Rendering
    members-only text marks the response private so shared caches never keep it."""
    request = context.get("request")
    if getattr(page, "is_premium", False):
        # What this shows depends on who reads: never a fragment shared between readers.
        cache_tags.reader_specific()
    open_part, members_part, withheld = article_parts(page, getattr(request, "user", None))
    if members_part:
        mark_members_text_served(request)
    return SimpleNamespace(open=open_part, members=members_part, withheld=withheld)


@register.simple_tag
def payments_configured() -> bool:
    return conf.payments_configured()


@register.simple_tag
def payments_missing_settings() -> list[str]:
    return conf.missing_settings()


@register.simple_tag(takes_context=True)
def payments_notice_for_staff(context) -> list[str]:
    """The missing payment settings, for someone who works in the admin; empty otherwise
    (readers are never told about the site's configuration)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or conf.payments_configured():
        return []
    if user.is_staff or user.has_perm("wagtailadmin.access_admin"):
        return conf.missing_settings()
    return []


@register.simple_tag(takes_context=True)
def sign_in_url(context) -> str:
    """The reader sign-in page (settings.LOGIN_URL), coming back to this page afterwards."""
    from django.conf import settings
    from django.shortcuts import resolve_url
    from django.utils.http import urlencode

    request = context.get("request")
    next_path = request.get_full_path() if request is not None else "/"
    return f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': next_path})}"
