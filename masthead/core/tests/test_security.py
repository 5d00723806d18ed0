import pytest
from django.conf import settings
from django.contrib.auth.hashers import identify_hasher, make_password
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_public_pages_send_the_security_headers(client, article):
    response = client.get(article.url)
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "'unsafe-inline'" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


def test_admin_may_frame_its_own_previews_but_nobody_else_may(client, editor):
    client.force_login(editor)
    response = client.get("/admin/")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_404_pages_carry_the_headers_too(client, home):
    response = client.get("/nothing-here/")
    assert response.status_code == 404
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_session_and_csrf_cookies_are_http_only_and_same_site(client, editor):
    client.get("/admin/login/")
    csrf = client.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["httponly"] and csrf["samesite"] == "Lax"
    response = client.post(
        "/admin/login/", {"username": "editor", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["httponly"] and session["samesite"] == "Lax"


def test_passwords_are_hashed_with_argon2():
    from masthead.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        assert identify_hasher(make_password("s3cret-words")).algorithm == "argon2"


def test_unknown_host_is_refused(client, home):
    response = client.get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400


def test_csrf_is_enforced_on_admin_forms(home, editor):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    response = strict.post(f"/admin/pages/add/news/sectionpage/{home.pk}/", {"title": "X"})
    assert response.status_code == 403


def test_production_settings_refuse_to_start_without_a_secret(monkeypatch):
    import importlib
    import sys

    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.delenv("SECRET_KEY", raising=False)
    sys.modules.pop("masthead.settings.production", None)
    with pytest.raises(ImproperlyConfigured):
        importlib.import_module("masthead.settings.production")
