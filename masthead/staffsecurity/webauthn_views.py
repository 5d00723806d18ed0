"""django-otp-webauthn's ceremony views, with an audit trail: every passkey enrolment,
second-factor sign-in and failure is recorded."""

import json

from django.urls import path
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import views as upstream

from masthead.audit.log import record


def _device_id(response):
    try:
        return json.loads(response.content).get("id")
    except (ValueError, AttributeError):
        return None


class BeginRegistration(upstream.BeginCredentialRegistrationView):
    pass


class CompleteRegistration(upstream.CompleteCredentialRegistrationView):
    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if response.status_code == 200:
            record(
                "mfa.webauthn.enrolled",
                request=request,
                target=request.user,
                credential=_device_id(response),
            )
        return response


class SecondFactorOnly:
    def check_can_authenticate(self):
        # Only as a second factor after the password: never a way to sign in by itself.
        from django_otp_webauthn import exceptions

        if not self.request.user.is_authenticated:
            raise exceptions.PasswordlessLoginDisabled()
        super().check_can_authenticate()


class BeginAuthentication(SecondFactorOnly, upstream.BeginCredentialAuthenticationView):
    pass


class CompleteAuthentication(SecondFactorOnly, upstream.CompleteCredentialAuthenticationView):
    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        user = request.user if request.user.is_authenticated else None
        if response.status_code == 200:
            record("mfa.verified", request=request, target=user, method="webauthn")
        else:
            record(
                "mfa.failed",
                request=request,
                target=user,
                method="webauthn",
                status=response.status_code,
            )
        return response

    def get_success_url(self):
        target = self.get_redirect_url()
        return target if target.startswith("/admin/") else "/admin/"


# Named like the library's own URLs: its template tags reverse "otp_webauthn:...".
urlpatterns = [
    path("registration/begin/", BeginRegistration.as_view(), name="credential-registration-begin"),
    path(
        "registration/complete/",
        CompleteRegistration.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "authentication/begin/",
        BeginAuthentication.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        CompleteAuthentication.as_view(),
        name="credential-authentication-complete",
    ),
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="js-i18n-catalog",
    ),
]
