"""System checks of the site's public address (`core/site_url.py`)."""

from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError

from . import site_url


@register()
def site_url_is_an_address(app_configs, **kwargs):
    problem = site_url.site_url_problem()
    if problem is not None:
        return [Error(problem, hint="Set SITE_URL to scheme://host[:port].", id="core.E001")]
    problem = site_url.site_record_problem()
    if problem is not None:
        return [Warning(problem, id="core.W002")]
    return []


@register(Tags.database)
def default_site_matches_site_url(app_configs, **kwargs):
    """Run by `migrate` and `check --database default`: a Site edited in the admin, or a
    SITE_URL changed since the last migrate, makes Wagtail's own links disagree."""
    try:
        mismatch = site_url.default_site_mismatch()
    except DatabaseError:  # tables not there yet (first migrate)
        return []
    if mismatch is None:
        return []
    return [
        Warning(
            mismatch,
            hint="Run `manage.py sync_site_url` (migrate also does it) or fix SITE_URL.",
            id="core.W001",
        )
    ]
