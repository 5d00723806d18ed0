"""What the organisation's pages show besides themselves (masthead/caching)."""

from masthead.caching import registry
from masthead.caching import tags as cache_tags

from .models import JobsPage, OpinionFormPage, TeamPage

registry.page_shows(TeamPage, cache_tags.PEOPLE)  # built from the author profiles
registry.page_shows(JobsPage)
registry.page_shows(OpinionFormPage)
