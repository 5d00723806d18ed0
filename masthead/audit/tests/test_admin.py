"""The Audit log report: administrators only, searchable, filterable, CSV with no formulas,
and nothing in the admin that edits or deletes an entry; retention by `audit_prune`."""

import csv
import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from masthead.audit.log import record
from masthead.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(rf, editor, reporter):
    def made(action, user, ip, **data):
        request = rf.post("/admin/", REMOTE_ADDR=ip)
        request.user = user
        return record(action, request=request, target=user, **data)

    return [
        made("comments.reject", editor, "203.0.113.1", ids=[4]),
        made("newsletters.send", editor, "203.0.113.2"),
        made("audio.regenerate", reporter, "198.51.100.9"),
        made("comments.ban", reporter, "198.51.100.9", reason='=HYPERLINK("http://x")'),
    ]


def _listing(client, **params):
    """The text of the listing's table rows (not the filter's options)."""
    from bs4 import BeautifulSoup

    response = client.get(reverse("audit_log"), params)
    assert response.status_code == 200
    rows = BeautifulSoup(response.content, "html.parser").select("table tbody tr")
    return "\n".join(" ".join(row.get_text(" ").split()) for row in rows)


def test_only_administrators_and_superusers_see_the_report(client, editor, admin_user, roles):
    from django.contrib.auth.models import Group

    client.force_login(editor)
    assert client.get(reverse("audit_log")).status_code == 403
    assert client.get(reverse("audit_log"), {"export": "csv"}).status_code == 403
    assert client.get(reverse("audit_log_results")).status_code == 403
    assert "Audit log" not in client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(admin_user)
    page = client.get(reverse("audit_log")).content.decode()
    assert reverse("wagtailadmin_reports:site_history") in page  # Wagtail's own log, linked
    assert "export=csv" in page

    editor.groups.add(Group.objects.get(name="Administrator"))
    client.force_login(editor)
    assert client.get(reverse("audit_log")).status_code == 200
    assert reverse("audit_log") in client.get(reverse("wagtailadmin_home")).content.decode()


def test_search_matches_actor_action_target_and_address(client, admin_user, entries):
    client.force_login(admin_user)
    by_ip = _listing(client, q="198.51.100.9")
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", by_ip)  # exact times, not "just now"
    assert "audio.regenerate" in by_ip and "comments.ban" in by_ip
    assert "newsletters.send" not in by_ip
    by_action = _listing(client, q="newsletters")
    assert "newsletters.send" in by_action and "comments.reject" not in by_action
    by_actor = _listing(client, q="reporter")
    assert "audio.regenerate" in by_actor and "newsletters.send" not in by_actor


def test_filters_by_action_actor_and_date(client, admin_user, entries):
    client.force_login(admin_user)
    html = _listing(client, action="comments.reject")
    assert "comments.reject" in html and "newsletters.send" not in html
    assert "203.0.113.1" in html and "198.51.100.9" not in html
    html = _listing(client, actor="reporter")
    assert "audio.regenerate" in html and "203.0.113.2" not in html
    # Dates are read in the staff member's zone: a day either side is safe in any zone.
    today = timezone.now().date()
    yesterday = (today - datetime.timedelta(days=1)).isoformat()
    assert "comments.ban" in _listing(client, timestamp_from=yesterday)
    later = (today + datetime.timedelta(days=2)).isoformat()
    assert "198.51.100.9" not in _listing(client, timestamp_from=later)
    assert "198.51.100.9" not in _listing(client, timestamp_to=yesterday)
    # A bad filter value is a form error, not a 500.
    assert client.get(reverse("audit_log"), {"action": "x" * 500}).status_code == 200
    assert client.get(reverse("audit_log"), {"timestamp_from": "not a date"}).status_code == 200
    for params in (
        {"q": "\x00"},
        {"q": "x" * 100_000},
        {"p": "9" * 30},
        {"p": "-1"},
        {"actor": ["reporter", "editor"]},
        {"timestamp_to": "9" * 30},
        {"export": "csv", "q": "\x00"},
    ):
        # 414: a query string over 8 KB (core's RequestLimitsMiddleware).
        assert client.get(reverse("audit_log"), params).status_code in (200, 404, 414), params


def test_the_listing_is_paginated(client, admin_user, rf):
    for n in range(60):
        record("auth.sign_in.failed", username=f"guess{n}")
    client.force_login(admin_user)
    first = _listing(client, action="auth.sign_in.failed")
    assert "username=guess59" in first and "username=guess0\n" not in first + "\n"
    assert first.count("auth.sign_in.failed") == 50
    second = _listing(client, action="auth.sign_in.failed", p=2)
    assert "username=guess0" in second and second.count("auth.sign_in.failed") == 10


def test_csv_export_follows_the_filters_and_defuses_formulas(client, admin_user, entries):
    client.force_login(admin_user)
    response = client.get(reverse("audit_log"), {"export": "csv", "actor": "reporter"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["When (UTC)", "Who", "Action"]
    assert sorted(row[2] for row in rows[1:]) == ["audio.regenerate", "comments.ban"]
    details = next(row for row in rows[1:] if row[2] == "comments.ban")[-1]
    assert details.startswith("reason=")
    # A cell that starts with a formula character gets a leading quote.
    record("x", username="=1+1")
    record("+cmd|' /C calc'!A0")
    rows = list(
        csv.reader(
            io.StringIO(
                b"".join(
                    client.get(reverse("audit_log"), {"export": "csv"}).streaming_content
                ).decode()
            )
        )
    )
    actions = [row[2] for row in rows[1:]]
    assert "'+cmd|' /C calc'!A0" in actions
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows[1:] for cell in row)


def test_no_admin_view_edits_or_deletes_entries(client, admin_user, entries):
    client.force_login(admin_user)
    entry = entries[0]
    for url in (
        f"/admin/snippets/audit/auditentry/edit/{entry.pk}/",
        f"/admin/snippets/audit/auditentry/delete/{entry.pk}/",
        f"/admin/audit-log/{entry.pk}/delete/",
        "/django-admin/audit/auditentry/",
    ):
        assert client.post(url).status_code == 404, url
    response = client.get(reverse("audit_log"))
    assert "/delete/" not in response.content.decode() and "/edit/" not in response.content.decode()
    count = AuditEntry.objects.count()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists() and AuditEntry.objects.count() == count


def _age(entry, days):
    with connection.cursor() as cursor:  # timestamps are auto_now_add: set one in SQL
        cursor.execute(
            "UPDATE audit_auditentry SET timestamp = %s WHERE id = %s",
            [timezone.now() - datetime.timedelta(days=days), entry.pk],
        )


def test_retention_deletes_only_entries_older_than_the_setting(settings, entries):
    AuditEntry.objects.exclude(pk__in=[e.pk for e in entries]).delete_older_than(timezone.now())
    _age(entries[0], 800)
    _age(entries[1], 731)
    _age(entries[2], 10)
    out = io.StringIO()
    call_command("audit_prune", stdout=out)
    assert "Deleted 2" in out.getvalue()
    assert set(AuditEntry.objects.values_list("pk", flat=True)) == {entries[2].pk, entries[3].pk}

    settings.AUDIT_LOG_RETENTION_DAYS = 5
    call_command("audit_prune", "--dry-run", stdout=out)
    assert AuditEntry.objects.count() == 2
    call_command("audit_prune", stdout=out)
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [entries[3].pk]
