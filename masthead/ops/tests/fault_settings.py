"""Settings for the app processes the fault tests start: the real settings, with the rate
limits raised so one steady client may sign up and comment many times a second."""

from masthead.settings.base import *  # noqa: F403

NEWSLETTER_RATE_PER_CLIENT = 1_000_000
NEWSLETTER_RATE_PER_ADDRESS = 1_000_000
COMMENTS_POSTS_PER_MINUTE = 1_000_000
COMMENTS_POSTS_PER_HOUR = 1_000_000
