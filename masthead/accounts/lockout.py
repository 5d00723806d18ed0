"""Protection against password guessing that an attacker cannot turn against the account owner.

Failed sign-ins (staff login and reader passwords) are counted in the shared store
(``masthead/caching/limits.py``, so every server process sees the same counts) three ways:

* per (account, client address) pair: ``LOGIN_FAILURE_LIMIT`` free failures, then each further
  failure makes that pair wait ``LOGIN_DELAY_BASE * 2**n`` seconds (n = failures past the free
  ones), at most ``LOGIN_LOCKOUT_SECONDS``. A flood of wrong passwords from one address only
  delays that address: the owner signing in from anywhere else is not slowed at all.
* per client address, whatever the names: the same growing delay past
  ``LOGIN_FAILURE_LIMIT_PER_IP`` (one address trying many names).
* per account across all addresses: past ``LOGIN_ACCOUNT_SLOW_AFTER`` failures the account is
  never locked; every address just gets one free failure for it instead of
  ``LOGIN_FAILURE_LIMIT``, so a spread-out attack is slowed while the owner's first (right)
  attempt from a fresh address still works.

While a pair or address waits, `LockoutBackend` (first in AUTHENTICATION_BACKENDS) refuses
every attempt, even with the right password, and `LockoutMiddleware` answers a POST to the
admin login with a clear 429 page. When an account first gets a delay in a lock period its
owner is emailed (once per period) and "auth.locked_out" goes in the audit log.

The middleware also rate-limits Wagtail's staff password-reset form per account and per
address. Chosen over django-axes because axes locks per user name (the attack this module
exists to avoid) and refuses `authenticate()` calls that carry no request."""

import hashlib
import logging
import math
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.shortcuts import redirect, render
from django.urls import reverse

from masthead.caching import limits
from masthead.caching.store import shared

from . import conf

logger = logging.getLogger(__name__)


def client_ip(request) -> str:
    return (request.META.get("REMOTE_ADDR") or "unknown") if request is not None else "unknown"


def _digest(*values: str) -> str:
    joined = "\0".join(value.strip().lower() for value in values)
    return hashlib.sha256(joined.encode()).hexdigest()[:32]


def _key(kind: str, *values: str) -> str:
    return f"login-guard:{kind}:{_digest(*values)}"


def _scopes(request, username: str | None) -> list[tuple[str, tuple[str, ...]]]:
    """The counters one attempt touches: ("pair", (name, ip)) and ("ip", (ip,))."""
    ip = client_ip(request)
    scopes = [("ip", (ip,))]
    if username:
        scopes.insert(0, ("pair", (username, ip)))
    return scopes


def retry_after(request, username: str | None) -> int:
    """Seconds until this name may be tried from this address again (0: now)."""
    now = time.time()
    keys = [_key(f"wait-{kind}", *values) for kind, values in _scopes(request, username)]
    waits = [until - now for until in shared().get_many(keys).values() if until]
    return max(0, math.ceil(max(waits, default=0)))


def is_locked_out(request, username: str | None) -> bool:
    return retry_after(request, username) > 0


def delay_for(failures: int, free: int) -> int:
    """Seconds to wait after `failures` failures when `free` of them cost nothing."""
    if failures < free:
        return 0
    return min(conf.LOGIN_DELAY_BASE * 2 ** (failures - free), conf.LOGIN_LOCKOUT_SECONDS)


def _count(kind: str, values: tuple[str, ...], free: int) -> int:
    failures = limits.count(_key(f"fail-{kind}", *values), window=conf.LOGIN_FAILURE_WINDOW)
    delay = delay_for(failures, free)
    if delay:
        shared().set(_key(f"wait-{kind}", *values), time.time() + delay, delay)
    return delay


def record_failure(request, username: str | None) -> None:
    """Count one failed attempt; start or lengthen the delays it earns."""
    ip = client_ip(request)
    pair_free = conf.LOGIN_FAILURE_LIMIT
    if username:
        per_account = limits.count(_key("fail-account", username), window=conf.LOGIN_FAILURE_WINDOW)
        if per_account > conf.LOGIN_ACCOUNT_SLOW_AFTER:
            pair_free = 1  # a spread-out attack: slow every address, lock none
        if per_account == conf.LOGIN_ACCOUNT_SLOW_AFTER + 1:
            _locked_out(request, username, scope="account", failures=per_account, delay=0)
    if username:
        delay = _count("pair", (username, ip), pair_free)
        if delay:
            _locked_out(request, username, scope="pair", failures=None, delay=delay)
    _count("ip", (ip,), conf.LOGIN_FAILURE_LIMIT_PER_IP)


def clear_failures(request, username: str) -> None:
    """The owner got in from this address: forget this pair's failures and wait."""
    ip = client_ip(request)
    limits.reset(_key("fail-pair", username, ip))
    shared().delete(_key("wait-pair", username, ip))


def _find_user(username: str):
    user_model = get_user_model()
    return user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).first()


def _locked_out(request, username: str, *, scope: str, failures, delay: int) -> None:
    """Once per lock period and account: an audit entry and an email to the owner."""
    user = _find_user(username)
    if user is None:
        return  # guesses at a name nobody has: nobody to tell
    if not shared().add(_key("told", username), 1, conf.LOGIN_LOCKOUT_SECONDS):
        return
    from masthead.audit.log import record

    record(
        "auth.locked_out",
        request=request,
        actor=None,
        target=user,
        username=username[:150],
        scope=scope,
        delay_seconds=delay,
    )
    if user.email:
        from .tasks import send_lockout_email

        try:
            send_lockout_email.enqueue(user_id=user.pk, ip=client_ip(request), scope=scope)
        except Exception:  # noqa: BLE001 - a mail queue failure must not break sign-in
            logger.exception("could not queue the lock-out email for user %s", user.pk)


class LockoutBackend:
    """Authenticates nobody; stops the backends after it while this name from this address
    (or this address) must wait. Deliberately not a BaseBackend: without `get_user` it is
    never the backend a session is tied to (the test client's force_login picks the first
    backend that has one)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None and is_locked_out(request, username):
            raise PermissionDenied("Too many failed sign-in attempts.")
        return None


@receiver(user_login_failed, dispatch_uid="masthead_login_guard_failed")
def _on_login_failed(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    username = credentials.get("username")
    if is_locked_out(request, username):
        return  # refused by LockoutBackend while waiting: not a new guess
    record_failure(request, username)


@receiver(user_logged_in, dispatch_uid="masthead_login_guard_ok")
def _on_logged_in(sender, request, user, **kwargs):
    clear_failures(request, user.get_username())


def _wait_page(request, seconds: int):
    response = render(
        request,
        "accounts/locked_out.html",
        {"minutes": max(1, math.ceil(seconds / 60))},
        status=429,
    )
    response["Retry-After"] = str(max(1, seconds))
    return response


class LockoutMiddleware:
    """A POST to the staff login while waiting gets 429 and a plain message; the staff
    password-reset form sends at most a few emails per account and per address."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._paths = None

    def __call__(self, request):
        if request.method == "POST":
            if self._paths is None:
                self._paths = (
                    reverse("wagtailadmin_login"),
                    reverse("wagtailadmin_password_reset"),
                )
            login_path, reset_path = self._paths
            if request.path_info == login_path:
                wait = retry_after(request, request.POST.get("username"))
                if wait:
                    return _wait_page(request, wait)
            elif request.path_info == reset_path:
                limited = _password_reset_limited(request)
                if limited is not None:
                    return limited
        return self.get_response(request)


def _password_reset_limited(request):
    """None to let the reset form run, else the answer that replaces it."""
    ip = client_ip(request)
    email = (request.POST.get("email") or "").strip().lower()[:254]
    window = conf.PASSWORD_RESET_WINDOW
    if not limits.allow(_key("reset-ip", ip), limit=conf.PASSWORD_RESETS_PER_IP, window=window):
        return render(request, "accounts/too_many.html", status=429)
    if email and not limits.allow(
        _key("reset-account", email), limit=conf.PASSWORD_RESETS_PER_ACCOUNT, window=window
    ):
        # Answer as if sent, so the form does not tell which addresses have accounts.
        from masthead.audit.log import record

        record("auth.password_reset.limited", request=request, email=email)
        return redirect("wagtailadmin_password_reset_done")
    return None
