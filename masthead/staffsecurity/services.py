"""Second-factor policy and factors, and the staff session index.

A "primary" factor is a confirmed TOTP device or passkey. Recovery codes only stand in for
a lost primary factor, so they are made after one is enrolled and go when the last one does.
"""

import time
from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from masthead.audit.log import record

from .models import UserSession

RECOVERY_DEVICE_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10
REAUTH_SESSION_KEY = "staffsecurity_reauth_at"
LAST_ACTIVITY_KEY = "staffsecurity_last_activity"
STAFF_FLAG_KEY = "staffsecurity_staff"
# The session index and the idle clock are written at most this often per session, so a
# busy staff member does not cost a session save and a row update on every request.
TOUCH_EVERY_SECONDS = 60


# --- policy ---


def is_staff(user) -> bool:
    """Anyone who can reach the Wagtail admin."""
    return bool(
        user.is_authenticated
        and (user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
    )


def policy_requires(user) -> bool:
    groups = settings.STAFF_MFA_REQUIRED_GROUPS
    if not groups or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name__in=groups).exists()


def has_primary_factor(user) -> bool:
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()
    )


def gate(user) -> str | None:
    """What a signed-in user must do before the admin: "verify", "enrol" or nothing."""
    if not user.is_authenticated or user.is_verified():
        return None
    if has_primary_factor(user):
        return "verify"
    if policy_requires(user):
        return "enrol"
    return None


def recent_reauth(request) -> bool:
    at = request.session.get(REAUTH_SESSION_KEY)
    return isinstance(at, (int, float)) and time.time() - at < settings.STAFF_MFA_REAUTH_SECONDS


# --- factors ---


def recovery_device(user) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE_NAME).first()


def remaining_recovery_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=RECOVERY_DEVICE_NAME).count()


@transaction.atomic
def new_recovery_codes(request, user) -> list[str]:
    """Replace the user's recovery codes with fresh ones; returns them (shown once)."""
    StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE_NAME).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    record("mfa.recovery_codes.generated", request=request, target=user, count=len(codes))
    return codes


def normalise_code(raw: str) -> str:
    return "".join(raw.split()).replace("-", "").lower()


def verify_code(request, user, raw_code: str) -> str | None:
    """Check a TOTP or recovery code typed by `user`; on success mark the session verified
    and return the method ("totp" or "recovery_code"). Failures are throttled by django-otp
    per device (growing delays) and recorded in the audit log."""
    from django_otp import login as otp_login

    code = normalise_code(raw_code)
    if code.isdigit() and len(code) <= 8:
        for device in TOTPDevice.objects.filter(user=user, confirmed=True):
            if device.verify_is_allowed()[0] and device.verify_token(code):
                otp_login(request, device)
                record("mfa.verified", request=request, target=user, method="totp")
                return "totp"
    elif code:
        device = recovery_device(user)
        # A recovery code only counts beside a primary factor (see the module docstring).
        # verify_token deletes the token it matches: each code works once.
        if (
            device
            and has_primary_factor(user)
            and device.verify_is_allowed()[0]
            and device.verify_token(code)
        ):
            otp_login(request, device)
            record(
                "mfa.recovery_code.used",
                request=request,
                target=user,
                remaining=remaining_recovery_codes(user),
            )
            return "recovery_code"
    record("mfa.failed", request=request, actor=user, target=user, method="code")
    return None


@transaction.atomic
def remove_factor(request, user, kind: str, pk: int | None = None) -> bool:
    """Remove one of the user's factors; recovery codes go with the last primary one."""
    if kind == "totp":
        device = TOTPDevice.objects.filter(user=user, pk=pk).first()
    elif kind == "webauthn":
        device = WebAuthnCredential.objects.filter(user=user, pk=pk).first()
    elif kind == "recovery":
        device = recovery_device(user)
    else:
        device = None
    if device is None:
        return False
    device.delete()
    action = {"totp": "mfa.totp.removed", "webauthn": "mfa.webauthn.removed"}.get(
        kind, "mfa.recovery_codes.removed"
    )
    record(action, request=request, target=user, device=str(device))
    lone_codes = kind != "recovery" and not has_primary_factor(user)
    if lone_codes and StaticDevice.objects.filter(user=user).delete()[0]:
        record("mfa.recovery_codes.removed", request=request, target=user, reason="last")
    return True


# --- sessions ---


def session_store(session_key: str | None = None) -> SessionBase:
    return import_string(settings.SESSION_ENGINE + ".SessionStore")(session_key)


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def touch_session(request, user) -> None:
    """Write the index row of this request's session (created on first sight)."""
    key = request.session.session_key
    if not key:
        return
    UserSession.objects.update_or_create(
        session_key=key,
        defaults={
            "user_id": user.pk,
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:255],
            "ip": client_ip(request),
            "last_seen": timezone.now(),
        },
    )


def end_session(session_key: str) -> None:
    """Delete the session from the database and the shared cache (cached_db does both), so
    the next request with that cookie, to any process, is anonymous."""
    session_store(session_key).delete()
    UserSession.objects.filter(session_key=session_key).delete()


def active_sessions(user) -> list[UserSession]:
    """The user's live sessions, newest use first; stale rows (the session expired, was
    flushed or went idle) are dropped on the way."""
    idle_cutoff = timezone.now() - timedelta(seconds=settings.STAFF_SESSION_IDLE_SECONDS)
    live = []
    for row in UserSession.objects.filter(user=user).order_by("-last_seen"):
        store = session_store()
        if row.last_seen < idle_cutoff or not store.exists(row.session_key):
            end_session(row.session_key)
            continue
        live.append(row)
    return live
