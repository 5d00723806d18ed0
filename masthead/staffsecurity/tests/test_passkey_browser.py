"""A passkey enrolled and then used as the second factor in real Chromium, with the DevTools
virtual authenticator standing in for a platform authenticator or security key."""

import pytest
from django_otp_webauthn.models import WebAuthnCredential

from masthead.audit.models import AuditEntry

from .helpers import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="module", autouse=True)
def _restore_migration_data(django_db_blocker):
    """Put back the rows Wagtail's migrations made, which a transactional test empties, for
    the tests that run after this one on the same worker (as comments/tests/test_browser)."""
    yield
    from django.db import connection
    from wagtail.models import Page

    with django_db_blocker.unblock():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents and not Page.objects.exists():
            connection.creation.deserialize_db_from_string(contents)


def _sign_in_with_password(page, base, user):
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form.login-form button[type=submit]").click()
    page.wait_for_load_state()


def test_a_passkey_is_enrolled_and_then_signs_in(live_server, browser_context, editor, settings):
    assert live_server.url.startswith("http://localhost:")  # a secure context for WebAuthn
    settings.ALLOWED_HOSTS = ["*"]
    settings.STAFF_MFA_REQUIRED_GROUPS = ["Editor", "Administrator"]
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]

    page = browser_context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    cdp = browser_context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )["authenticatorId"]

    # The password alone leads to enrolment, not to the admin.
    _sign_in_with_password(page, live_server.url, editor)
    assert "/admin/mfa/?next=" in page.url
    page.get_by_text("Your role needs a second factor").wait_for()

    page.get_by_role("button", name="Add a passkey or security key").click()
    # passkeys.js reloads the page once the server has stored the credential.
    page.locator("form input[name=kind][value=webauthn]").wait_for(state="attached")
    credential = WebAuthnCredential.objects.get(user=editor)
    assert credential.confirmed
    stored = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert len(stored["credentials"]) == 1
    assert AuditEntry.objects.filter(action="mfa.webauthn.enrolled").exists()
    page.goto(live_server.url + "/admin/")
    assert page.url == live_server.url + "/admin/"  # enrolling verified this session

    # A new sign-in: password, then the passkey.
    browser_context.clear_cookies()
    _sign_in_with_password(page, live_server.url, editor)
    assert "/admin/mfa/verify/" in page.url
    page.get_by_role("button", name="Use a passkey or security key").click()
    page.wait_for_url(live_server.url + "/admin/")
    assert "/admin/mfa/" not in page.url
    verified = AuditEntry.objects.filter(action="mfa.verified").order_by("-pk").first()
    assert verified.data == {"method": "webauthn"}
    credential.refresh_from_db()
    assert credential.last_used_at is not None
    assert not errors
