"""Settings of the accounts app, each overridable in Django settings."""

from django.conf import settings

# A sign-in link works once, for this many seconds.
SIGN_IN_LINK_MAX_AGE = getattr(settings, "ACCOUNTS_SIGN_IN_LINK_MAX_AGE", 15 * 60)
# Sign-in link requests allowed per address and per client address in a window (seconds).
SIGN_IN_REQUESTS_PER_WINDOW = getattr(settings, "ACCOUNTS_SIGN_IN_REQUESTS_PER_WINDOW", 5)
SIGN_IN_REQUEST_WINDOW = getattr(settings, "ACCOUNTS_SIGN_IN_REQUEST_WINDOW", 15 * 60)
# Password guessing: after this many failures for one user name (or from one client address)
# within the window, sign-in is refused for the lock-out period.
LOGIN_FAILURE_LIMIT = getattr(settings, "ACCOUNTS_LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW = getattr(settings, "ACCOUNTS_LOGIN_FAILURE_WINDOW", 15 * 60)
LOGIN_LOCKOUT_SECONDS = getattr(settings, "ACCOUNTS_LOGIN_LOCKOUT_SECONDS", 15 * 60)
# Failures from one client address may come from many users behind one NAT: allow more.
LOGIN_FAILURE_LIMIT_PER_IP = getattr(settings, "ACCOUNTS_LOGIN_FAILURE_LIMIT_PER_IP", 20)
