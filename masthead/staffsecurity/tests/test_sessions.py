"""Staff sessions: listed per user, ended one by one or everywhere, idle expiry for staff."""

import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.test import Client

from masthead.audit.models import AuditEntry
from masthead.staffsecurity import services
from masthead.staffsecurity.models import UserSession

from .helpers import sign_in

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"
)


def staff_client(user, agent, ip):
    client = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=ip)
    sign_in(client, user)
    return client


def key_of(client):
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def session_is_stored(key):
    from django.contrib.sessions.backends.cached_db import KEY_PREFIX

    cached = caches[settings.SESSION_CACHE_ALIAS].get(KEY_PREFIX + key)
    return cached is not None or Session.objects.filter(session_key=key).exists()


def test_a_staff_member_sees_their_sessions_and_ends_one(editor, reporter):
    laptop = staff_client(editor, FIREFOX, "198.51.100.7")
    phone = staff_client(editor, IPHONE, "203.0.113.9")
    other = staff_client(reporter, FIREFOX, "192.0.2.1")
    assert phone.get("/admin/").status_code == 200

    page = laptop.get("/admin/sessions/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Firefox on Linux" in html and "Safari on iOS" in html
    assert "198.51.100.7" in html and "203.0.113.9" in html
    assert "192.0.2.1" not in html  # only their own
    assert html.count("(this session)") == 1
    rows = {row.session_key: row for row in UserSession.objects.filter(user=editor)}
    assert set(rows) == {key_of(laptop), key_of(phone)}

    phone_key = key_of(phone)
    response = laptop.post("/admin/sessions/", {"session": rows[phone_key].pk})
    assert response.status_code == 302
    # Gone from the database and the shared cache: the phone is signed out at once.
    assert not session_is_stored(phone_key)
    assert phone.get("/admin/")["Location"].startswith("/admin/login/")
    assert laptop.get("/admin/").status_code == 200
    assert other.get("/admin/").status_code == 200
    entry = AuditEntry.objects.get(action="session.ended")
    assert entry.actor == editor
    assert entry.data["session_ip"] == "203.0.113.9"


def test_nobody_ends_someone_elses_session(editor, reporter):
    mine = staff_client(editor, FIREFOX, "198.51.100.7")
    theirs = staff_client(reporter, FIREFOX, "192.0.2.1")
    their_row = UserSession.objects.get(user=reporter)
    for value in [their_row.pk, "99999999999999999999999999", "²", ""]:
        response = mine.post("/admin/sessions/", {"session": value})
        assert response.status_code == 302
    assert theirs.get("/admin/").status_code == 200
    assert not AuditEntry.objects.filter(action="session.ended").exists()


def test_sign_out_everywhere_else(editor):
    here = staff_client(editor, FIREFOX, "198.51.100.7")
    others = [staff_client(editor, IPHONE, f"203.0.113.{n}") for n in (1, 2)]
    response = here.post("/admin/sessions/", {"everywhere": "1"})
    assert response.status_code == 302
    for client in others:
        assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert here.get("/admin/").status_code == 200
    assert list(UserSession.objects.values_list("session_key", flat=True)) == [key_of(here)]
    entry = AuditEntry.objects.get(action="session.signed_out_everywhere")
    assert entry.data == {"ended": 2}


def test_ending_this_session_signs_out(editor):
    here = staff_client(editor, FIREFOX, "198.51.100.7")
    row = UserSession.objects.get(user=editor)
    here.post("/admin/sessions/", {"session": row.pk})
    assert here.get("/admin/")["Location"].startswith("/admin/login/")


def _age(client, seconds):
    session = client.session
    session[services.LAST_ACTIVITY_KEY] = time.time() - seconds
    session.save()


def test_staff_sessions_end_after_the_idle_time_readers_do_not(settings, editor):
    from masthead.accounts.tests.factories import UserFactory

    settings.STAFF_SESSION_IDLE_SECONDS = 3600
    staff = staff_client(editor, FIREFOX, "198.51.100.7")
    reader = Client()
    reader.force_login(UserFactory(username="reader-idle"))
    assert reader.get("/account/").status_code == 200

    _age(staff, 3000)  # within the idle time: still signed in
    assert staff.get("/admin/").status_code == 200
    key = key_of(staff)
    _age(staff, 3700)
    assert staff.get("/admin/")["Location"].startswith("/admin/login/")
    assert not session_is_stored(key)
    assert not UserSession.objects.filter(session_key=key).exists()
    assert AuditEntry.objects.filter(action="session.idle_expired").exists()

    _age(reader, 10 * 24 * 3600)  # readers keep their sessions (SESSION_COOKIE_AGE)
    response = reader.get("/account/")
    assert response.status_code == 200
    assert response.wsgi_request.user.is_authenticated


def test_the_index_is_written_at_most_once_a_minute(editor):
    staff = staff_client(editor, FIREFOX, "198.51.100.7")
    first = staff.session[services.LAST_ACTIVITY_KEY]
    staff.get("/admin/")
    assert staff.session[services.LAST_ACTIVITY_KEY] == first  # no session write per request
    _age(staff, 61)
    staff.get("/admin/")
    assert staff.session[services.LAST_ACTIVITY_KEY] > first - 61


def test_stale_index_rows_are_dropped_when_listed(editor):
    here = staff_client(editor, FIREFOX, "198.51.100.7")
    gone = staff_client(editor, IPHONE, "203.0.113.9")
    services.session_store(key_of(gone)).delete()  # expired or flushed elsewhere
    page = here.get("/admin/sessions/")
    assert "Safari on iOS" not in page.content.decode()
    assert UserSession.objects.filter(user=editor).count() == 1


def test_the_end_sessions_command_signs_an_account_out_everywhere(editor):
    from io import StringIO

    from django.core.management import call_command

    clients = [staff_client(editor, FIREFOX, f"198.51.100.{n}") for n in (1, 2)]
    out = StringIO()
    call_command("end_sessions", "editor", stdout=out)
    assert "Ended 2 session(s)" in out.getvalue()
    for client in clients:
        assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert AuditEntry.objects.get(action="session.ended_by_command").data == {"ended": 2}


def test_the_account_page_links_to_sessions_and_sign_in_security(editor):
    here = staff_client(editor, FIREFOX, "198.51.100.7")
    html = here.get("/admin/account/").content.decode()
    assert 'href="/admin/sessions/"' in html
    assert 'href="/admin/mfa/"' in html
