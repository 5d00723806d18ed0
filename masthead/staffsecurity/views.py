import time
from base64 import b32encode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from masthead.audit.log import record

from . import services
from .forms import CodeForm, EndSessionForm, PasswordForm, RemoveFactorForm
from .models import UserSession
from .useragent import describe

MAX_REAUTH_FAILURES = 5


def _next_url(request, default=None):
    """A safe place inside the admin to go back to."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/admin/")
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
        and not target.startswith("/admin/mfa/")
    ):
        return target
    return default or reverse("wagtailadmin_home")


# --- second factor ---


@never_cache
def verify(request):
    """The second step of signing in to the admin: a code or a passkey."""
    user = request.user
    next_url = _next_url(request)
    if user.is_verified():
        return HttpResponseRedirect(next_url)
    if not services.has_primary_factor(user):
        return redirect("staffsecurity:security")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.verify_code(request, user, form.cleaned_data["code"]):
            return HttpResponseRedirect(next_url)
        form.add_error(
            "code",
            "That code is not valid, or too many wrong codes were tried: wait a little and "
            "try a fresh one.",
        )
    status = 400 if form.errors else 200
    return render(
        request,
        "staffsecurity/verify.html",
        {
            "form": form,
            "next": next_url,
            "has_totp": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
            "has_passkey": WebAuthnCredential.objects.filter(user=user, confirmed=True).exists(),
        },
        status=status,
    )


def _require_verified_or_unenrolled(request):
    """Enrolment pages are for a verified session, or for someone with no factor yet (who
    is being sent to enrol). Someone with a factor who has not passed it goes to verify."""
    if not request.user.is_verified() and services.has_primary_factor(request.user):
        return redirect(reverse("staffsecurity:verify") + "?next=" + request.path)
    return None


@never_cache
def security(request):
    """The staff member's second factors: enrol, list, remove; recovery codes."""
    if response := _require_verified_or_unenrolled(request):
        return response
    user = request.user
    return render(
        request,
        "staffsecurity/security.html",
        {
            "page_title": "Sign-in security",
            "header_icon": "key",
            "must_enrol": services.gate(user) == "enrol",
            "totp_devices": TOTPDevice.objects.filter(user=user, confirmed=True),
            "passkeys": WebAuthnCredential.objects.filter(user=user, confirmed=True),
            "has_primary": services.has_primary_factor(user),
            "recovery_left": services.remaining_recovery_codes(user),
            "has_recovery": services.recovery_device(user) is not None,
            "next": _next_url(request),
        },
    )


@never_cache
def totp_setup(request):
    if response := _require_verified_or_unenrolled(request):
        return response
    user = request.user
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        messages.info(request, "You already have an authenticator app; remove it to add another.")
        return redirect("staffsecurity:security")
    # One pending device per user, so reloading the page does not change the secret.
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = services.normalise_code(form.cleaned_data["code"])
        if code.isdigit() and device.verify_is_allowed()[0] and device.verify_token(code):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            record("mfa.totp.enrolled", request=request, target=user, device=device.name)
            if not user.is_verified():
                otp_login(request, device)
            codes = None
            if services.recovery_device(user) is None:
                codes = services.new_recovery_codes(request, user)
            if codes:
                return _show_codes(request, codes, _next_url(request))
            messages.success(request, "Authenticator app added.")
            return HttpResponseRedirect(_next_url(request, reverse("staffsecurity:security")))
        record("mfa.failed", request=request, target=user, method="totp", stage="enrolment")
        form.add_error("code", "That code does not match: check the clock of your device.")
    import segno  # 10 MB: loaded by the enrolment page, not by every server process

    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=5, border=2)
    return render(
        request,
        "staffsecurity/totp_setup.html",
        {
            "page_title": "Add an authenticator app",
            "header_icon": "key",
            "form": form,
            # segno writes the SVG itself from the otpauth URL; nothing user-typed is in it.
            "qr_svg": mark_safe(qr_svg),  # noqa: S308
            "secret": b32encode(device.bin_key).decode(),
            "next": _next_url(request),
        },
        status=400 if form.errors else 200,
    )


def _show_codes(request, codes, next_url):
    return render(
        request,
        "staffsecurity/recovery_codes.html",
        {
            "page_title": "Your recovery codes",
            "header_icon": "key",
            "codes": codes,
            "next": next_url,
        },
    )


@never_cache
@require_POST
def recovery_codes(request):
    """New recovery codes, shown once. Needs a verified session and a primary factor."""
    if not request.user.is_verified() or not services.has_primary_factor(request.user):
        messages.error(request, "Add an authenticator app or a passkey first.")
        return redirect("staffsecurity:security")
    codes = services.new_recovery_codes(request, request.user)
    return _show_codes(request, codes, reverse("staffsecurity:security"))


@never_cache
@require_POST
def remove(request):
    """Remove a factor: needs a verified session and the password typed again recently."""
    if not request.user.is_verified():
        return redirect("staffsecurity:security")
    form = RemoveFactorForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That factor could not be found.")
        return redirect("staffsecurity:security")
    if not services.recent_reauth(request):
        messages.warning(request, "Confirm your password, then remove the factor again.")
        return redirect(
            reverse("staffsecurity:reauth") + "?next=" + reverse("staffsecurity:security")
        )
    removed = services.remove_factor(
        request, request.user, form.cleaned_data["kind"], form.cleaned_data["pk"]
    )
    if removed:
        messages.success(request, "Removed.")
    else:
        messages.error(request, "That factor could not be found.")
    return redirect("staffsecurity:security")


@never_cache
def reauth(request):
    """Type the password again before a sensitive change (valid STAFF_MFA_REAUTH_SECONDS)."""
    if response := _require_verified_or_unenrolled(request):
        return response
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if request.user.check_password(form.cleaned_data["password"]):
            request.session[services.REAUTH_SESSION_KEY] = time.time()
            request.session.pop("staffsecurity_reauth_failures", None)
            return HttpResponseRedirect(_next_url(request, reverse("staffsecurity:security")))
        failures = request.session.get("staffsecurity_reauth_failures", 0) + 1
        request.session["staffsecurity_reauth_failures"] = failures
        record("mfa.reauth_failed", request=request, target=request.user, failures=failures)
        if failures >= MAX_REAUTH_FAILURES:
            # Whoever holds this session does not know the password: end it.
            logout(request)
            return redirect("wagtailadmin_login")
        form.add_error("password", "That is not your password.")
    return render(
        request,
        "staffsecurity/reauth.html",
        {
            "page_title": "Confirm your password",
            "header_icon": "key",
            "form": form,
            "next": _next_url(request, reverse("staffsecurity:security")),
        },
        status=400 if form.errors else 200,
    )


# --- sessions ---


@never_cache
def sessions(request):
    """The staff member's active sessions; end one, or all but this one."""
    user = request.user
    current = request.session.session_key
    if request.method == "POST":
        form = EndSessionForm(request.POST)
        if not form.is_valid():
            messages.error(request, "That session could not be found.")
            return redirect("staffsecurity:sessions")
        if "everywhere" in request.POST:
            keys = list(
                UserSession.objects.filter(user=user)
                .exclude(session_key=current)
                .values_list("session_key", flat=True)
            )
            for key in keys:
                services.end_session(key)
            record("session.signed_out_everywhere", request=request, target=user, ended=len(keys))
            messages.success(request, f"Signed out of {len(keys)} other session(s).")
            return redirect("staffsecurity:sessions")
        row = UserSession.objects.filter(user=user, pk=form.cleaned_data["session"]).first()
        if row is None:
            messages.error(request, "That session could not be found.")
            return redirect("staffsecurity:sessions")
        was_current = row.session_key == current
        services.end_session(row.session_key)
        record(
            "session.ended",
            request=request,
            target=user,
            device=describe(row.user_agent),
            session_ip=row.ip,
            current=was_current,
        )
        if was_current:
            logout(request)
            return redirect("wagtailadmin_login")
        messages.success(request, "Session ended.")
        return redirect("staffsecurity:sessions")
    rows = services.active_sessions(user)
    for row in rows:
        row.device = describe(row.user_agent)
        row.is_current = row.session_key == current
    return render(
        request,
        "staffsecurity/sessions.html",
        {
            "page_title": "Active sessions",
            "header_icon": "desktop",
            "sessions": rows,
            "idle_hours": round(settings.STAFF_SESSION_IDLE_SECONDS / 3600, 1),
        },
    )
