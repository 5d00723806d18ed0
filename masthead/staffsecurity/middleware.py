import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse

from masthead.audit.log import record

from . import services

ADMIN_PREFIX = "/admin/"


class StaffSessionMiddleware:
    """Staff sessions: end them after STAFF_SESSION_IDLE_SECONDS without a request, and keep
    the per-user index (UserSession) that the sessions page lists. Readers' sessions are
    left alone: they expire with SESSION_COOKIE_AGE as before."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            session = request.session
            staff = session.get(services.STAFF_FLAG_KEY)
            if staff is None:
                # Known once per session (set at sign-in; sessions older than this code
                # are classified on their first request).
                staff = services.is_staff(user)
                session[services.STAFF_FLAG_KEY] = staff
            if staff:
                now = time.time()
                last = session.get(services.LAST_ACTIVITY_KEY)
                idle = settings.STAFF_SESSION_IDLE_SECONDS
                if isinstance(last, (int, float)) and now - last > idle:
                    key = session.session_key
                    record("session.idle_expired", request=request, idle_seconds=int(now - last))
                    logout(request)  # flushes the session from the database and the cache
                    services.UserSession.objects.filter(session_key=key).delete()
                elif not isinstance(last, (int, float)) or now - last >= (
                    services.TOUCH_EVERY_SECONDS
                ):
                    session[services.LAST_ACTIVITY_KEY] = now
                    if not session.session_key:
                        session.save()
                    services.touch_session(request, user)
        return self.get_response(request)


class SecondFactorMiddleware:
    """Nothing under /admin/ but the second-factor pages themselves (and signing out) is
    served to a session that still owes a second factor: a staff member who enrolled one
    must pass it; one whose role requires one and has none is sent to enrol."""

    EXEMPT_PREFIXES = (
        "/admin/mfa/",  # verify, enrol, passkey ceremonies
        "/admin/logout/",
        "/admin/login/",
        "/admin/password_reset/",
        "/admin/jsi18n/",
        "/admin/sprite/",  # the icon sprite every admin page (these too) fetches and inlines
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith(ADMIN_PREFIX) and not path.startswith(self.EXEMPT_PREFIXES):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                step = services.gate(user)
                if step is not None:
                    return self.redirect(request, step)
        return self.get_response(request)

    def redirect(self, request, step):
        url = reverse("staffsecurity:verify" if step == "verify" else "staffsecurity:security")
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        if request.headers.get("Accept", "").startswith("application/json"):
            return JsonResponse({"detail": "A second factor is required.", "url": url}, status=403)
        return HttpResponseRedirect(url)
