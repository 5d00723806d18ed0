"""Sign-in and sign-up by emailed link, through a real SMTP server on loopback."""

import re
import time

import pytest
from django.core import signing
from django.urls import reverse

from masthead.accounts import tokens
from masthead.accounts.models import User
from masthead.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LINK_RE = re.compile(r"http://\S+/account/sign-in/link/(\S+)/")


def ask_for_link(client, django_capture_on_commit_callbacks, address, **extra):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            reverse("accounts:sign_in"), {"method": "link", "email": address, **extra}
        )


def link_in(inbox, address) -> str:
    (message,) = inbox.to(address)
    match = LINK_RE.search(inbox.text(message))
    assert match, inbox.text(message)
    return match.group(1)


def test_a_new_reader_signs_up_by_following_the_emailed_link(
    client, smtp_inbox, django_capture_on_commit_callbacks
):
    response = ask_for_link(client, django_capture_on_commit_callbacks, "Olena@Example.ORG")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:link_sent")
    (message,) = smtp_inbox.to("Olena@example.org")
    assert "Create your" in message["Subject"]
    token = link_in(smtp_inbox, "Olena@example.org")

    # Following the link (GET) asks first: mail scanners that fetch links do not use them.
    confirm = client.get(reverse("accounts:link", args=[token]))
    assert confirm.status_code == 200
    assert not User.objects.filter(email__iexact="olena@example.org").exists()

    response = client.post(reverse("accounts:link", args=[token]))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:account")
    user = User.objects.get(email="Olena@example.org")
    assert not user.has_usable_password()
    assert client.get(reverse("accounts:account")).status_code == 200


def test_an_existing_reader_signs_in_and_lands_on_the_page_they_came_from(
    client, smtp_inbox, django_capture_on_commit_callbacks
):
    reader = UserFactory(email="mykola@example.org")
    ask_for_link(
        client, django_capture_on_commit_callbacks, "mykola@example.org", next="/comments/5/"
    )
    token = link_in(smtp_inbox, "mykola@example.org")
    response = client.post(reverse("accounts:link", args=[token]))
    assert response["Location"] == "/comments/5/"
    assert client.session["_auth_user_id"] == str(reader.pk)
    assert User.objects.count() == 1


def test_the_answer_is_the_same_whether_or_not_the_address_has_an_account(
    client, smtp_inbox, django_capture_on_commit_callbacks
):
    UserFactory(email="known@example.org")
    known = ask_for_link(client, django_capture_on_commit_callbacks, "known@example.org")
    unknown = ask_for_link(client, django_capture_on_commit_callbacks, "unknown@example.org")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    page = client.get(known["Location"]).content
    assert b"If that address can receive mail" in page
    assert len(smtp_inbox.to("known@example.org")) == len(smtp_inbox.to("unknown@example.org"))


def test_an_open_redirect_in_next_is_dropped(
    client, smtp_inbox, django_capture_on_commit_callbacks
):
    UserFactory(email="r@example.org")
    ask_for_link(client, django_capture_on_commit_callbacks, "r@example.org", next="//evil.test/")
    token = link_in(smtp_inbox, "r@example.org")
    response = client.post(reverse("accounts:link", args=[token]))
    assert response["Location"] == reverse("accounts:account")


def test_a_staff_address_gets_pointed_to_the_staff_login_not_a_link(
    client, smtp_inbox, django_capture_on_commit_callbacks, editor
):
    editor.email = "desk@example.org"
    editor.save()
    ask_for_link(client, django_capture_on_commit_callbacks, "desk@example.org")
    (message,) = smtp_inbox.to("desk@example.org")
    body = smtp_inbox.text(message)
    assert "/admin/login/" in body
    assert not LINK_RE.search(body)


def test_a_used_link_cannot_sign_in_again(client, smtp_inbox, django_capture_on_commit_callbacks):
    UserFactory(email="once@example.org")
    ask_for_link(client, django_capture_on_commit_callbacks, "once@example.org")
    token = link_in(smtp_inbox, "once@example.org")
    assert client.post(reverse("accounts:link", args=[token])).status_code == 302
    client.logout()

    for method in (client.get, client.post):
        response = method(reverse("accounts:link", args=[token]))
        assert response.status_code == 400
        assert b"already been used" in response.content
    assert "_auth_user_id" not in client.session


def test_an_expired_link_is_refused_with_a_clear_page(client, settings, monkeypatch):
    UserFactory(email="late@example.org")
    # A link signed 16 minutes ago (links last 15).
    sixteen_minutes_ago = signing.b62_encode(int(time.time()) - 16 * 60)
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: sixteen_minutes_ago)
    token = tokens.make_token(email="late@example.org")
    monkeypatch.undo()

    response = client.post(reverse("accounts:link", args=[token]))
    assert response.status_code == 400
    assert b"has expired" in response.content
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-3] + ("AAA" if not t.endswith("AAA") else "BBB"),  # signature changed
        lambda t: t.replace(t.split(":")[0], signing.b64_encode(b'{"e":"x@example.org"}').decode()),
        lambda t: "not-a-token",
        lambda t: t[: len(t) // 2],
    ],
    ids=["signature", "payload", "garbage", "truncated"],
)
def test_a_tampered_link_is_refused_with_a_clear_page(client, mangle):
    UserFactory(email="victim@example.org")
    token = mangle(tokens.make_token(email="victim@example.org"))
    response = client.post(reverse("accounts:link", args=[token]))
    assert response.status_code == 400
    assert b"not valid" in response.content
    assert "_auth_user_id" not in client.session


def test_a_link_for_another_purpose_signed_with_the_same_key_is_refused(client):
    UserFactory(email="victim@example.org")
    forged = signing.TimestampSigner(salt="something.else").sign_object(
        {"e": "victim@example.org", "n": "abc", "x": ""}, compress=True
    )
    assert client.post(reverse("accounts:link", args=[forged])).status_code == 400


def test_asking_for_links_too_often_answers_429(client, django_capture_on_commit_callbacks):
    for _ in range(5):
        response = ask_for_link(client, django_capture_on_commit_callbacks, "busy@example.org")
        assert response.status_code == 302
    response = ask_for_link(client, django_capture_on_commit_callbacks, "busy@example.org")
    assert response.status_code == 429
    assert b"Too many attempts" in response.content


def test_a_malformed_address_gets_a_message_not_an_error(client):
    response = client.post(reverse("accounts:sign_in"), {"method": "link", "email": "nope@"})
    assert response.status_code == 400
    assert b"valid email address" in response.content


def test_a_reader_can_set_a_password_and_sign_in_with_it(client):
    reader = UserFactory(email="pw@example.org")
    reader.set_unusable_password()
    reader.save()
    client.force_login(reader)
    new = "a long memorable phrase 42"
    response = client.post(
        reverse("accounts:password"), {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:account")
    client.logout()

    wrong = client.post(
        reverse("accounts:sign_in"),
        {"method": "password", "email": "pw@example.org", "password": "nope"},
    )
    assert wrong.status_code == 400
    assert b"do not match" in wrong.content
    right = client.post(
        reverse("accounts:sign_in"),
        {"method": "password", "email": "PW@example.org", "password": new},
    )
    assert right.status_code == 302, right.content.decode()[-2500:]
    assert client.session["_auth_user_id"] == str(reader.pk)


def test_signing_out_everywhere_ends_every_session_of_that_reader(client, django_user_model):
    from django.test import Client

    reader = UserFactory(email="two@example.org")
    phone, laptop = Client(), Client()
    phone.force_login(reader)
    laptop.force_login(reader)
    assert laptop.get(reverse("accounts:account")).status_code == 200

    response = phone.post(reverse("accounts:sign_out_everywhere"))
    assert response.status_code == 302
    assert laptop.get(reverse("accounts:account")).status_code == 302  # sent to sign in
    assert phone.get(reverse("accounts:account")).status_code == 302
    # The old sessions stay dead after signing in again.
    reader.refresh_from_db()
    phone.force_login(reader)
    assert phone.get(reverse("accounts:account")).status_code == 200
    assert laptop.get(reverse("accounts:account")).status_code == 302


def test_the_display_name_is_saved_and_control_characters_refused(client):
    reader = UserFactory(email="name@example.org")
    client.force_login(reader)
    assert (
        client.post(reverse("accounts:profile"), {"display_name": " Oksana  K. "}).status_code
        == 302
    )
    reader.refresh_from_db()
    assert reader.display_name == "Oksana K."
    bad = client.post(reverse("accounts:profile"), {"display_name": "a\x07b"})
    assert bad.status_code == 400
