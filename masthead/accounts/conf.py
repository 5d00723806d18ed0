"""Settings of the accounts app, each overridable in Django settings."""

from django.conf import settings

# A sign-in link works once, for this many seconds.
SIGN_IN_LINK_MAX_AGE = getattr(settings, "ACCOUNTS_SIGN_IN_LINK_MAX_AGE", 15 * 60)
# Sign-in link requests allowed per address and per client address in a window (seconds).
SIGN_IN_REQUESTS_PER_WINDOW = getattr(settings, "ACCOUNTS_SIGN_IN_REQUESTS_PER_WINDOW", 5)
SIGN_IN_REQUEST_WINDOW = getattr(settings, "ACCOUNTS_SIGN_IN_REQUEST_WINDOW", 15 * 60)
# Password guessing (accounts/lockout.py, docs/security.md). Failures are counted per
# (account, client address) pair, per client address, and per account across all addresses,
# each count starting again this many seconds after its first failure.
LOGIN_FAILURE_WINDOW = getattr(settings, "ACCOUNTS_LOGIN_FAILURE_WINDOW", 60 * 60)
# Free failures for one account from one address; each failure past them makes that pair wait
# LOGIN_DELAY_BASE * 2**(extra failures) seconds, at most LOGIN_LOCKOUT_SECONDS.
LOGIN_FAILURE_LIMIT = getattr(settings, "ACCOUNTS_LOGIN_FAILURE_LIMIT", 5)
LOGIN_DELAY_BASE = getattr(settings, "ACCOUNTS_LOGIN_DELAY_BASE", 30)
LOGIN_LOCKOUT_SECONDS = getattr(settings, "ACCOUNTS_LOGIN_LOCKOUT_SECONDS", 15 * 60)
# Failures from one client address, whatever the names (many users may share one NAT).
LOGIN_FAILURE_LIMIT_PER_IP = getattr(settings, "ACCOUNTS_LOGIN_FAILURE_LIMIT_PER_IP", 20)
# Failures for one account from all addresses (a spread-out attack). Past it the account is
# never locked; each address just gets one free failure instead of LOGIN_FAILURE_LIMIT.
LOGIN_ACCOUNT_SLOW_AFTER = getattr(settings, "ACCOUNTS_LOGIN_ACCOUNT_SLOW_AFTER", 30)
# Staff password-reset emails (Wagtail's admin form), per account and per client address.
PASSWORD_RESETS_PER_ACCOUNT = getattr(settings, "ACCOUNTS_PASSWORD_RESETS_PER_ACCOUNT", 3)
PASSWORD_RESETS_PER_IP = getattr(settings, "ACCOUNTS_PASSWORD_RESETS_PER_IP", 10)
PASSWORD_RESET_WINDOW = getattr(settings, "ACCOUNTS_PASSWORD_RESET_WINDOW", 60 * 60)
