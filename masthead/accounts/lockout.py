"""Protection against password guessing, for the staff (Wagtail) login and reader passwords.

Failed sign-ins are counted in the shared store (``masthead/caching/limits.py``: every server
process sees the same counts) per user name and per client address. Past the
limit, `LockoutBackend` (first in AUTHENTICATION_BACKENDS) refuses every further attempt for
that name or address until the lock-out ends, even with the right password, and
`LockoutMiddleware` answers a locked-out POST to the admin login with a clear 429 page.
Chosen over django-axes because axes refuses `authenticate()` calls that carry no request
(the test client's `login()`), and this is all we need from it: a counter and a lock."""

import hashlib

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.shortcuts import render
from django.urls import reverse

from masthead.caching import limits
from masthead.caching.store import shared

from . import conf


def client_ip(request) -> str:
    return (request.META.get("REMOTE_ADDR") or "unknown") if request is not None else "unknown"


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"login-guard:{kind}:{digest}"


def _locked(kind: str, value: str) -> bool:
    return bool(shared().get(_key(f"lock-{kind}", value)))


def is_locked_out(request, username: str | None) -> bool:
    if username and _locked("user", username):
        return True
    return _locked("ip", client_ip(request))


def _count_failure(kind: str, value: str, limit: int) -> None:
    failures = limits.count(_key(f"fail-{kind}", value), window=conf.LOGIN_FAILURE_WINDOW)
    if failures >= limit:
        shared().set(_key(f"lock-{kind}", value), 1, conf.LOGIN_LOCKOUT_SECONDS)


def record_failure(request, username: str | None) -> None:
    if username:
        _count_failure("user", username, conf.LOGIN_FAILURE_LIMIT)
    if request is not None:
        _count_failure("ip", client_ip(request), conf.LOGIN_FAILURE_LIMIT_PER_IP)


def clear_failures(username: str) -> None:
    limits.reset(_key("fail-user", username))


class LockoutBackend:
    """Authenticates nobody; stops the backends after it while a name or address is locked.
    Deliberately not a BaseBackend: without `get_user` it is never the backend a session
    is tied to (the test client's force_login picks the first backend that has one)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None and is_locked_out(request, username):
            raise PermissionDenied("Too many failed sign-in attempts.")
        return None


@receiver(user_login_failed, dispatch_uid="masthead_login_guard_failed")
def _on_login_failed(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    record_failure(request, credentials.get("username"))


@receiver(user_logged_in, dispatch_uid="masthead_login_guard_ok")
def _on_logged_in(sender, request, user, **kwargs):
    clear_failures(user.get_username())


class LockoutMiddleware:
    """Answer a POST to the staff login with 429 and a plain message while locked out."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._login_path = None

    def __call__(self, request):
        if request.method == "POST":
            if self._login_path is None:
                self._login_path = reverse("wagtailadmin_login")
            if request.path_info == self._login_path and is_locked_out(
                request, request.POST.get("username")
            ):
                return render(
                    request,
                    "accounts/locked_out.html",
                    {"minutes": conf.LOGIN_LOCKOUT_SECONDS // 60},
                    status=429,
                )
        return self.get_response(request)
