from types import SimpleNamespace

from django import template

from masthead.memberships import conf
from masthead.memberships.access import article_parts, mark_members_text_served

register = template.Library()


@register.simple_tag(takes_context=True)
def premium_body(context, page):
    """The article body split for this request's reader: `open` (anyone may read),
    `members` (unlocked by membership; empty for non-members) and `withheld`. Rendering
    members-only text marks the response private so shared caches never keep it."""
    request = context.get("request")
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
