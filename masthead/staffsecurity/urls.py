from django.urls import include, path

from . import views, webauthn_views

app_name = "staffsecurity"

urlpatterns = [
    path("mfa/", views.security, name="security"),
    path("mfa/verify/", views.verify, name="verify"),
    path("mfa/totp/", views.totp_setup, name="totp_setup"),
    path("mfa/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("mfa/remove/", views.remove, name="remove"),
    path("mfa/reauth/", views.reauth, name="reauth"),
    path("sessions/", views.sessions, name="sessions"),
]

# Under /admin/ (wagtail_hooks.py), so Wagtail's admin-access check and CSP apply.
admin_urlpatterns = [
    path("", include((urlpatterns, "staffsecurity"))),
    path("mfa/webauthn/", include((webauthn_views.urlpatterns, "otp_webauthn"))),
]
