"""Password guessing is slowed per (account, address) pair, per address and per account, and a
flood from one address never stops the owner signing in from another (accounts/lockout.py)."""

import pytest
from django.test import Client

from masthead.accounts import conf, lockout
from masthead.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
RIGHT = "correct horse battery staple"


def attempt(client, username, password):
    return client.post("/admin/login/", {"username": username, "password": password})


def signed_in(response, client) -> bool:
    return response.status_code == 302 and "_auth_user_id" in client.session


class Clock:
    """lockout's clock, moved by hand: waits are checked against it, not slept through."""

    def __init__(self, monkeypatch):
        import time

        self.now = time.time()
        monkeypatch.setattr(lockout.time, "time", lambda: self.now)

    def advance(self, seconds):
        self.now += seconds


def test_repeated_failures_delay_this_address_even_for_the_right_password(client, editor):
    for _ in range(conf.LOGIN_FAILURE_LIMIT):
        response = attempt(client, "editor", "guess")
        assert response.status_code == 200  # Wagtail's form, with its error

    locked = attempt(client, "editor", RIGHT)
    assert locked.status_code == 429
    assert b"too many failed sign-in attempts" in locked.content
    assert int(locked["Retry-After"]) == conf.LOGIN_DELAY_BASE
    assert "_auth_user_id" not in client.session


def test_a_flood_from_one_address_does_not_stop_the_owner_elsewhere(editor):
    attacker = Client(REMOTE_ADDR="198.51.100.66")
    # Far past every threshold: the pair's, the address's and the account's ceiling.
    for n in range(conf.LOGIN_ACCOUNT_SLOW_AFTER + 10):
        attempt(attacker, "editor", f"guess {n}")
    assert attempt(attacker, "editor", RIGHT).status_code == 429

    owner = Client(REMOTE_ADDR="203.0.113.7")
    assert signed_in(attempt(owner, "editor", RIGHT), owner)


def test_delays_grow_with_each_failure_and_are_capped(client, editor, monkeypatch):
    clock = Clock(monkeypatch)
    for _ in range(conf.LOGIN_FAILURE_LIMIT):
        attempt(client, "editor", "guess")
    waits = []
    for _ in range(8):
        waits.append(lockout.retry_after(client_request(client), "editor"))
        clock.advance(waits[-1] + 1)  # wait it out, then fail again
        assert attempt(client, "editor", "guess").status_code == 200
    base, cap = conf.LOGIN_DELAY_BASE, conf.LOGIN_LOCKOUT_SECONDS
    assert waits == [min(base * 2**n, cap) for n in range(8)]
    assert waits[-1] == cap


def client_request(client):
    from django.test import RequestFactory

    return RequestFactory().get("/", REMOTE_ADDR=client.defaults.get("REMOTE_ADDR", "127.0.0.1"))


def test_failures_below_the_limit_do_not_delay_and_success_resets_the_pair(client, editor):
    for _ in range(conf.LOGIN_FAILURE_LIMIT - 1):
        attempt(client, "editor", "guess")
    assert signed_in(attempt(client, "editor", RIGHT), client)
    client.logout()
    for _ in range(conf.LOGIN_FAILURE_LIMIT - 1):
        attempt(client, "editor", "guess")
    assert signed_in(attempt(client, "editor", RIGHT), client)


def test_one_address_guessing_many_names_is_delayed(client, editor):
    for n in range(conf.LOGIN_FAILURE_LIMIT_PER_IP):
        attempt(client, f"nobody{n}", "guess")
    assert attempt(client, "editor", RIGHT).status_code == 429
    other = Client(REMOTE_ADDR="203.0.113.8")
    assert signed_in(attempt(other, "editor", RIGHT), other)


def test_a_spread_out_attack_slows_every_address_but_locks_nobody_out(editor):
    for n in range(conf.LOGIN_ACCOUNT_SLOW_AFTER + 1):
        attempt(Client(REMOTE_ADDR=f"198.51.100.{n + 1}"), "editor", "guess")
    # Past the account's ceiling a new address gets one free failure, not LOGIN_FAILURE_LIMIT.
    fresh = Client(REMOTE_ADDR="192.0.2.200")
    assert attempt(fresh, "editor", "guess").status_code == 200
    assert attempt(fresh, "editor", RIGHT).status_code == 429
    # ... while the owner's first attempt from their own address still works.
    owner = Client(REMOTE_ADDR="192.0.2.10")
    assert signed_in(attempt(owner, "editor", RIGHT), owner)


def test_the_owner_is_emailed_once_and_the_lock_out_is_audited(editor, smtp_inbox):
    editor.email = "editor@newsroom.example"
    editor.save()
    attacker = Client(REMOTE_ADDR="198.51.100.66")
    for n in range(conf.LOGIN_FAILURE_LIMIT + 3):
        attempt(attacker, "editor", f"guess {n}")
    other = Client(REMOTE_ADDR="198.51.100.67")
    for n in range(conf.LOGIN_FAILURE_LIMIT):
        attempt(other, "editor", f"guess {n}")

    mails = smtp_inbox.to("editor@newsroom.example")
    assert len(mails) == 1  # once per lock period, however many addresses
    text = smtp_inbox.text(mails[0])
    assert "198.51.100.66" in text and "not affected" in text
    entries = AuditEntry.objects.filter(action="auth.locked_out")
    assert entries.count() == 1
    entry = entries.get()
    assert (entry.target_id, entry.ip, entry.data["scope"]) == (
        str(editor.pk),
        "198.51.100.66",
        "pair",
    )


def test_guesses_at_unknown_names_email_and_audit_nobody(client, smtp_inbox):
    for n in range(conf.LOGIN_FAILURE_LIMIT + 1):
        attempt(client, "ghost", f"guess {n}")
    assert smtp_inbox.messages == []
    assert not AuditEntry.objects.filter(action="auth.locked_out").exists()


def test_reader_passwords_share_the_lock_out(client):
    from masthead.accounts.tests.factories import UserFactory

    UserFactory(email="reader@example.org")
    data = {"method": "password", "email": "reader@example.org"}
    for _ in range(conf.LOGIN_FAILURE_LIMIT):
        response = client.post("/account/sign-in/", {**data, "password": "guess"})
        assert response.status_code == 400
    response = client.post("/account/sign-in/", {**data, "password": RIGHT})
    assert response.status_code == 429
    elsewhere = Client(REMOTE_ADDR="203.0.113.9")
    assert elsewhere.post("/account/sign-in/", {**data, "password": RIGHT}).status_code == 302


def test_staff_password_reset_emails_are_limited_per_account(editor, smtp_inbox):
    editor.email = "editor@newsroom.example"
    editor.save()
    for n in range(conf.PASSWORD_RESETS_PER_ACCOUNT + 2):
        response = Client(REMOTE_ADDR=f"203.0.113.{n + 1}").post(
            "/admin/password_reset/", {"email": "editor@newsroom.example"}
        )
        assert response.status_code == 302  # same answer whether sent or not
    assert len(smtp_inbox.to("editor@newsroom.example")) == conf.PASSWORD_RESETS_PER_ACCOUNT
    assert AuditEntry.objects.filter(action="auth.password_reset.limited").count() == 2


def test_staff_password_reset_is_limited_per_address(client):
    for n in range(conf.PASSWORD_RESETS_PER_IP):
        response = client.post("/admin/password_reset/", {"email": f"someone{n}@example.org"})
        assert response.status_code == 302
    response = client.post("/admin/password_reset/", {"email": "another@example.org"})
    assert response.status_code == 429
