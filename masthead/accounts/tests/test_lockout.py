"""The staff login (Wagtail's) locks out after repeated failures."""

import pytest
from django.test import Client

from masthead.accounts import conf

pytestmark = pytest.mark.django_db
RIGHT = "correct horse battery staple"


def attempt(client, username, password):
    return client.post("/admin/login/", {"username": username, "password": password})


def test_repeated_failures_lock_the_staff_login_even_for_the_right_password(client, editor):
    for _ in range(conf.LOGIN_FAILURE_LIMIT):
        response = attempt(client, "editor", "guess")
        assert response.status_code == 200  # Wagtail's form, with its error

    locked = attempt(client, "editor", RIGHT)
    assert locked.status_code == 429
    assert b"too many failed sign-in attempts" in locked.content
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_from_another_client_address(editor):
    for _ in range(conf.LOGIN_FAILURE_LIMIT):
        attempt(Client(REMOTE_ADDR="10.0.0.1"), "editor", "guess")
    other = Client(REMOTE_ADDR="10.0.0.2")
    assert attempt(other, "editor", RIGHT).status_code == 429


def test_failures_below_the_limit_do_not_lock_and_success_resets_the_count(client, editor):
    for _ in range(conf.LOGIN_FAILURE_LIMIT - 1):
        attempt(client, "editor", "guess")
    assert attempt(client, "editor", RIGHT).status_code == 302
    client.logout()
    for _ in range(conf.LOGIN_FAILURE_LIMIT - 1):
        attempt(client, "editor", "guess")
    assert attempt(client, "editor", RIGHT).status_code == 302


def test_one_address_guessing_many_names_is_locked_out(client, editor):
    for n in range(conf.LOGIN_FAILURE_LIMIT_PER_IP):
        attempt(client, f"nobody{n}", "guess")
    assert attempt(client, "editor", RIGHT).status_code == 429


def test_reader_passwords_share_the_lock_out(client):
    from masthead.accounts.tests.factories import UserFactory

    UserFactory(email="reader@example.org")
    data = {"method": "password", "email": "reader@example.org"}
    for _ in range(conf.LOGIN_FAILURE_LIMIT):
        response = client.post("/account/sign-in/", {**data, "password": "guess"})
        assert response.status_code == 400
    response = client.post("/account/sign-in/", {**data, "password": RIGHT})
    assert response.status_code == 429
