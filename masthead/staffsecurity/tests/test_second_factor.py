"""Second factor for staff: the admin gate, TOTP, recovery codes, password reset, removal."""

import os
import re
import subprocess
import sys

import pytest
from django.core import mail
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from masthead.audit.models import AuditEntry
from masthead.staffsecurity import services

from .helpers import PASSWORD, enrol_totp, sign_in, totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(settings):
    settings.STAFF_MFA_REQUIRED_GROUPS = ["Editor", "Administrator"]
    # The delay django-otp adds after a wrong code is tested on its own below.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    return settings


def actions():
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


def test_an_editor_with_only_a_password_cannot_reach_the_admin(client, editor, policy):
    sign_in(client, editor)
    for path in ["/admin/", "/admin/pages/", "/admin/comments/", "/admin/account/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/mfa/?next=")
    # Not a GET either: the gate answers before any admin view runs.
    response = client.post("/admin/comments/act/", {"ids": "1", "action": "approve"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/mfa/"
    page = client.get("/admin/mfa/")
    assert page.status_code == 200
    assert b"Your role needs a second factor" in page.content


def test_a_reporter_is_not_held_by_the_policy_and_dev_default_is_off(
    client, reporter, editor, policy
):
    sign_in(client, reporter)
    assert client.get("/admin/").status_code == 200
    policy.STAFF_MFA_REQUIRED_GROUPS = []  # as in base/dev settings: make run's demo logins
    client.logout()
    sign_in(client, editor)
    assert client.get("/admin/").status_code == 200


def test_production_settings_require_a_second_factor_of_editors_and_administrators():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "news.example",
        "SITE_URL": "https://news.example",
    }
    env.pop("STAFF_MFA_REQUIRED_GROUPS", None)
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.STAFF_MFA_REQUIRED_GROUPS, s.OTP_WEBAUTHN_RP_ID, s.OTP_WEBAUTHN_ALLOWED_ORIGINS)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "['Editor', 'Administrator'] news.example ['https://news.example']"


def test_totp_enrolment_then_sign_in_with_a_code(client, editor, policy):
    sign_in(client, editor)
    page = client.get("/admin/mfa/totp/?next=/admin/pages/")
    assert page.status_code == 200
    assert b"<svg" in page.content  # the QR code is drawn here, by no outside service
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    secret = re.search(rb"data-secret>([A-Z2-7=]+)<", page.content).group(1).decode()
    assert secret.rstrip("=")  # the key is shown for typing as well

    wrong = client.post("/admin/mfa/totp/", {"code": "000000", "next": "/admin/pages/"})
    assert wrong.status_code == 400
    device.refresh_from_db()
    assert not device.confirmed

    done = client.post("/admin/mfa/totp/", {"code": totp_code(device), "next": "/admin/pages/"})
    assert done.status_code == 200
    codes = re.findall(rb"<li><code>([a-z2-7]+)</code></li>", done.content)
    assert len(codes) == services.RECOVERY_CODE_COUNT  # recovery codes come with the first app
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/pages/").status_code == 200  # this session is verified
    assert "mfa.totp.enrolled" in actions()
    assert "mfa.recovery_codes.generated" in actions()

    # Next time: the password alone is not enough, the code completes the sign-in.
    client.logout()
    sign_in(client, editor)
    response = client.get("/admin/pages/")
    assert response["Location"] == "/admin/mfa/verify/?next=%2Fadmin%2Fpages%2F"
    assert client.get("/admin/mfa/verify/?next=/admin/pages/").status_code == 200
    bad = client.post("/admin/mfa/verify/", {"code": "123456", "next": "/admin/pages/"})
    assert bad.status_code == 400
    assert actions()[-1] == "mfa.failed"
    good = client.post(
        "/admin/mfa/verify/", {"code": totp_code(device, steps_ahead=1), "next": "/admin/pages/"}
    )
    assert good.status_code == 302
    assert good["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200
    assert actions()[-1] == "mfa.verified"


def test_wrong_codes_are_slowed_down(client, editor, settings):
    settings.STAFF_MFA_REQUIRED_GROUPS = ["Editor"]
    device = enrol_totp(editor)
    sign_in(client, editor)
    client.post("/admin/mfa/verify/", {"code": "000000"})
    # Straight after a failure even the right code is refused (django-otp's growing delay).
    refused = client.post("/admin/mfa/verify/", {"code": totp_code(device)})
    assert refused.status_code == 400
    assert client.get("/admin/").status_code == 302


def test_a_recovery_code_works_once(client, editor, policy, rf):
    enrol_totp(editor)
    request = rf.get("/")
    request.user = editor
    codes = services.new_recovery_codes(request, editor)

    sign_in(client, editor)
    used = client.post("/admin/mfa/verify/", {"code": codes[0].upper(), "next": "/admin/"})
    assert used.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert actions()[-1] == "mfa.recovery_code.used"
    assert AuditEntry.objects.filter(action="mfa.recovery_code.used").get().data == {"remaining": 9}

    client.logout()
    sign_in(client, editor)
    again = client.post("/admin/mfa/verify/", {"code": codes[0]})
    assert again.status_code == 400
    assert client.get("/admin/").status_code == 302
    assert actions()[-1] == "mfa.failed"
    other = client.post("/admin/mfa/verify/", {"code": codes[1]})
    assert other.status_code == 302
    assert StaticToken.objects.filter(device__user=editor).count() == 8


def test_password_reset_does_not_bypass_the_second_factor(client, editor, policy):
    device = enrol_totp(editor)
    response = client.post("/admin/password_reset/", {"email": editor.email})
    assert response.status_code == 302
    link = re.search(r"https?://[^/\s]+(/admin/password_reset/confirm/\S+)", mail.outbox[0].body)
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    new_password = "a fresh and long passphrase 42"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password(new_password)
    # The reset signed nobody in; signing in with the new password still asks the factor.
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    sign_in(client, editor, password=new_password)
    assert client.get("/admin/")["Location"].startswith("/admin/mfa/verify/")
    assert client.post("/admin/mfa/verify/", {"code": totp_code(device)}).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_enrolment_pages_cannot_be_used_to_skip_the_factor(client, editor, policy):
    enrol_totp(editor)
    sign_in(client, editor)
    for path in ["/admin/mfa/", "/admin/mfa/totp/", "/admin/mfa/reauth/"]:
        assert client.get(path)["Location"].startswith("/admin/mfa/verify/")
    client.post("/admin/mfa/recovery-codes/")
    assert not StaticToken.objects.filter(device__user=editor).exists()
    begin = client.post("/admin/mfa/webauthn/registration/begin/", HTTP_ACCEPT="application/json")
    assert begin.status_code == 403
    # Passkeys are a second factor only: no session, no ceremony.
    client.logout()
    anonymous = client.post("/admin/mfa/webauthn/authentication/begin/")
    assert anonymous.status_code in (302, 403)


def test_removing_a_factor_needs_a_recent_password(client, editor, policy):
    device = enrol_totp(editor)
    sign_in(client, editor)
    client.post("/admin/mfa/verify/", {"code": totp_code(device)})
    assert client.get("/admin/").status_code == 200

    first = client.post("/admin/mfa/remove/", {"kind": "totp", "pk": device.pk})
    assert first["Location"].startswith("/admin/mfa/reauth/")
    assert TOTPDevice.objects.filter(pk=device.pk).exists()

    wrong = client.post("/admin/mfa/reauth/", {"password": "not it"})
    assert wrong.status_code == 400
    assert actions()[-1] == "mfa.reauth_failed"
    right = client.post("/admin/mfa/reauth/", {"password": PASSWORD})
    assert right["Location"] == "/admin/mfa/"

    removed = client.post("/admin/mfa/remove/", {"kind": "totp", "pk": device.pk})
    assert removed["Location"] == "/admin/mfa/"
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert "mfa.totp.removed" in actions()
    # With no factor left, the policy sends this editor to enrol again.
    assert client.get("/admin/")["Location"].startswith("/admin/mfa/?next=")


def test_reauth_failures_end_the_session(client, editor, policy):
    device = enrol_totp(editor)
    sign_in(client, editor)
    client.post("/admin/mfa/verify/", {"code": totp_code(device)})
    for _ in range(5):
        client.post("/admin/mfa/reauth/", {"password": "guess"})
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    "data",
    [
        {"code": "\x00" * 10},
        {"code": "9" * 100_000},
        {"code": ["1", "2"]},
        {"code": "²³"},
        {"next": "https://evil.example/"},
    ],
)
def test_hostile_codes_get_a_clear_4xx(client, editor, policy, data):
    enrol_totp(editor)
    sign_in(client, editor)
    response = client.post("/admin/mfa/verify/", data)
    assert response.status_code == 400
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "totp", "pk": "9999999999999999999999999"},
        {"kind": "nonsense", "pk": "1"},
        {"kind": "webauthn", "pk": "²"},
    ],
)
def test_hostile_removals_change_nothing(client, editor, policy, data):
    device = enrol_totp(editor)
    sign_in(client, editor)
    client.post("/admin/mfa/verify/", {"code": totp_code(device)})
    client.post("/admin/mfa/reauth/", {"password": PASSWORD})
    response = client.post("/admin/mfa/remove/", data)
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_a_safe_next_only(client, editor, policy):
    device = enrol_totp(editor)
    sign_in(client, editor)
    response = client.post(
        "/admin/mfa/verify/", {"code": totp_code(device), "next": "//evil.example/admin/"}
    )
    assert response["Location"] == "/admin/"


@pytest.mark.parametrize(
    "body",
    [
        b"[]",
        b"{}",
        b'{"id": 5, "rawId": [1], "response": "x"}',
        b"\xff\xfe",
        b'"text"',
        b"{" * 1000,
    ],
)
@pytest.mark.parametrize("ceremony", ["authentication", "registration"])
def test_hostile_passkey_payloads_get_a_4xx(client, editor, policy, home, body, ceremony):
    sign_in(client, editor)
    if ceremony == "authentication":
        from django_otp_webauthn.models import WebAuthnCredential

        WebAuthnCredential.objects.create(
            user=editor, name="key", credential_id=b"abc", public_key=b"x", sign_count=0
        )
    base = f"/admin/mfa/webauthn/{ceremony}/"
    assert client.post(base + "begin/").status_code == 200
    response = client.post(base + "complete/", body, content_type="application/json")
    assert 400 <= response.status_code < 500, response.content[:300]
    assert client.get("/admin/").status_code == 302
