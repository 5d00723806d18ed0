"""The reader account pages and mails of the Ukrainian edition: the sign-in email (through a
real SMTP server) is written in the language the reader asked in, a lock-out warning in the
language of the edition they last signed in from."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from masthead.accounts import conf
from masthead.accounts.models import User
from masthead.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
RIGHT = "correct horse battery staple"
LINK_RE = re.compile(r"http://\S+/account/sign-in/link/(\S+)/")


def page_text(response) -> str:
    from html import unescape

    return unescape(response.content.decode())


def test_a_ukrainian_reader_signs_up_with_a_ukrainian_email(
    client, smtp_inbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), translation.override("uk"):
        response = client.post(
            reverse("accounts:sign_in"), {"method": "link", "email": "olena@example.org"}
        )
    # The task ran after the override ended: the language travelled with it.
    assert response.status_code == 302
    (message,) = smtp_inbox.to("olena@example.org")
    assert message["Subject"].strip().startswith("Створіть обліковий запис на ")
    text = smtp_inbox.text(message)
    assert "щоб створити обліковий запис читача" in text
    assert "Посилання спрацює один раз і діє 15 хвилин." in text
    token = LINK_RE.search(text).group(1)
    with translation.override("uk"):
        confirm = client.get(reverse("accounts:link", args=[token]))
        assert "Увійти як <strong>olena@example.org</strong>?" in page_text(confirm)
        client.post(reverse("accounts:link", args=[token]))
        account = page_text(client.get(reverse("accounts:account")))
    assert "Ваш обліковий запис" in account and "Вийти на всіх пристроях" in account
    assert User.objects.get(email="olena@example.org").language == "uk"


def test_the_english_sign_in_email_is_unchanged(
    client, smtp_inbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:sign_in"), {"method": "link", "email": "a@example.org"})
    (message,) = smtp_inbox.to("a@example.org")
    assert message["Subject"].strip().startswith("Create your ")
    assert "The link works once, for 15 minutes." in smtp_inbox.text(message)


@pytest.mark.parametrize("email", ["not-an-address", "a@", "x" * 300 + "@example.org", ""])
def test_a_bad_address_gets_the_ukrainian_error(client, email):
    with translation.override("uk"):
        response = client.post(reverse("accounts:sign_in"), {"method": "link", "email": email})
        expected = (
            translation.gettext("This field is required.")
            if not email
            else translation.gettext("Enter a valid email address.")
        )
        page = page_text(response)
    assert response.status_code == 400
    assert re.search("[а-яіїєґ]", expected)  # Django's own Ukrainian catalogue is in use
    # Too long an address fails on length first (Django's own, translated, message).
    assert expected in page or len(email) > 254
    assert re.search(r'class="form-error" role="alert">[^<]*[а-яіїєґ]', page)
    assert "Адреса електронної пошти" in page and "Надіслати мені посилання для входу" in page


def test_a_wrong_password_gets_the_ukrainian_message(client):
    UserFactory(email="reader@example.org")
    with translation.override("uk"):
        response = client.post(
            reverse("accounts:sign_in"),
            {"method": "password", "email": "reader@example.org", "password": "nope"},
        )
    assert response.status_code == 400
    assert "Адреса електронної пошти та пароль не збігаються." in page_text(response)


def test_a_bad_link_says_why_in_ukrainian(client):
    with translation.override("uk"):
        response = client.get(reverse("accounts:link", args=["tampered-token"]))
    assert response.status_code == 400
    assert "Це посилання для входу недійсне." in page_text(response)


def test_messages_and_account_deletion_in_ukrainian(client):
    reader = UserFactory(email="reader@example.org")
    client.force_login(reader)
    with translation.override("uk"):
        client.post(reverse("accounts:profile"), {"display_name": "Олена"})
        assert "Ваше ім’я збережено." in page_text(client.get(reverse("accounts:account")))
        refused = client.post(reverse("accounts:delete"), {"confirm": "так"})
        assert refused.status_code == 400
        assert "Введіть слово «видалити»" in page_text(refused)
        deleted = client.post(reverse("accounts:delete"), {"confirm": " Видалити "})
    assert "Ваш обліковий запис видалено" in page_text(deleted)
    assert not User.objects.filter(pk=reader.pk).exists()


def test_a_lock_out_warning_follows_the_readers_edition(smtp_inbox):
    UserFactory(email="reader@example.org", language="uk")
    attacker = Client(REMOTE_ADDR="198.51.100.66")
    data = {"method": "password", "email": "reader@example.org", "password": "guess"}
    for _ in range(conf.LOGIN_FAILURE_LIMIT + 1):
        attacker.post(reverse("accounts:sign_in"), data)
    (message,) = smtp_inbox.to("reader@example.org")
    assert message["Subject"].strip().startswith("Невдалі спроби входу")
    text = smtp_inbox.text(message)
    assert "198.51.100.66" in text and "щонайбільше на 15 хвилин" in text


@pytest.mark.parametrize(
    ("minutes", "word"), [(1, "хвилину"), (2, "хвилини"), (5, "хвилин"), (21, "хвилину")]
)
def test_minutes_take_the_right_plural_form(minutes, word):
    with translation.override("uk"):
        sent = render_to_string("accounts/link_sent.html", {"minutes": minutes})
        mail = render_to_string(
            "accounts/email/sign_in.txt", {"minutes": minutes, "site_name": "Редакція"}
        )
    assert f"діє {minutes} {word}." in sent
    assert f"діє {minutes} {word}." in mail
