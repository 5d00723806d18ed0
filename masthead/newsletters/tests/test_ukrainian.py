"""The Ukrainian edition's newsletter text: pages, form errors, the confirmation email (in
the language of the edition the reader signed up in, whatever is active when it is sent)
and an issue's header and footer (in its newsletter's edition language)."""

import re
from html import unescape

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from masthead.newsletters.models import Subscription
from masthead.newsletters.rendering import render_issue

from .factories import make_issue

ORIGIN = {"HTTP_ORIGIN": "http://testserver"}
URL_RE = re.compile(r"https?://[^\s\"<>]+")


def post_signup(client, email, newsletter, **headers):
    return client.post(
        reverse("newsletters:subscribe"),
        {"email": email, "newsletter": newsletter.slug, "website": ""},
        **ORIGIN,
        **headers,
    )


def local_path(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_a_ukrainian_sign_up_gets_a_ukrainian_confirmation_with_a_working_link(
    client, newsletter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), translation.override("uk"):
        response = post_signup(client, "chytach@example.com", newsletter)
    # The email was built after the override ended: its language came from the subscription.
    assert response.status_code == 200
    assert "Дякуємо за підписку" in unescape(response.content.decode())
    subscription = Subscription.objects.get()
    assert subscription.language == "uk"
    [message] = mail.outbox
    assert message.subject == "Підтвердьте підписку на «The Morning Briefing»"
    assert "Щоб підтвердити, відкрийте це посилання (воно діє 3 дні):" in message.body
    assert "Confirm" not in message.body
    html = message.alternatives[0][0]
    assert '<html lang="uk">' in html
    assert "Підтвердити підписку" in html
    link = next(u for u in URL_RE.findall(message.body) if "/confirm/" in u)
    browser = Client(enforce_csrf_checks=True)
    with translation.override("uk"):
        page = browser.get(local_path(link))
        assert page.status_code == 200
        assert "Підтвердьте підписку" in page.content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
        done = browser.post(local_path(link), {"csrfmiddlewaretoken": token.group(1)})
    assert done.status_code == 200
    assert "Вашу підписку на «The Morning Briefing» підтверджено" in unescape(done.content.decode())
    subscription.refresh_from_db()
    assert subscription.status == Subscription.ACTIVE


def test_an_english_sign_up_stays_english(client, newsletter, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_signup(client, "reader@example.com", newsletter)
    assert Subscription.objects.get().language == "en"
    [message] = mail.outbox
    assert message.subject == "Confirm your subscription to The Morning Briefing"
    assert "Confirm by opening this link (it works for 3 days):" in message.body


def test_asking_again_from_the_other_edition_switches_the_email_language(
    client, newsletter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_signup(client, "reader@example.com", newsletter)
    with django_capture_on_commit_callbacks(execute=True), translation.override("uk"):
        post_signup(client, "reader@example.com", newsletter)
    assert Subscription.objects.get().language == "uk"
    assert [m.subject.startswith("Підтвердьте") for m in mail.outbox] == [False, True]


@pytest.mark.parametrize(
    "email", ["not-an-address", "", "a@b", "x" * 300 + "@example.com", "<script>@x.y"]
)
def test_a_bad_address_gets_the_ukrainian_error(client, newsletter, email):
    with translation.override("uk"):
        page = post_signup(client, email, newsletter)
        answer = post_signup(client, email, newsletter, HTTP_ACCEPT="application/json")
    error = "Будь ласка, введіть правильну адресу електронної пошти"
    assert page.status_code == 400
    assert error in unescape(page.content.decode())
    assert answer.status_code == 400
    assert answer.json()["errors"]["email"] == [error]
    assert not Subscription.objects.exists()
    assert not mail.outbox


def test_the_english_error_is_unchanged(client, newsletter):
    answer = post_signup(client, "nope", newsletter, HTTP_ACCEPT="application/json")
    assert answer.json()["message"] == "Please, enter correct email address"


def test_the_newsletter_list_and_forms_are_ukrainian(client, newsletter):
    from wagtail.models import Locale

    # The Ukrainian edition lists its own newsletters only: this one is in it.
    newsletter.locale = Locale.objects.get_or_create(language_code="uk")[0]
    newsletter.save()
    with translation.override("uk"):
        page = unescape(client.get(reverse("newsletters:list")).content.decode())
    for text in ("Розсилки", "Адреса електронної пошти", "Підписатися", "Щодня", "Веде: "):
        assert text in page
    assert "Subscribe</button>" not in page


@pytest.mark.parametrize(
    ("days", "phrase"), [(1, "1 день"), (2, "2 дні"), (5, "5 днів"), (21, "21 день")]
)
def test_days_take_the_right_plural_form(newsletter, days, phrase):
    context = {"newsletter": newsletter, "newsroom_name": "Редакція", "confirm_url": "x"}
    with translation.override("uk"):
        text = render_to_string("newsletters/email/confirm.txt", {**context, "days": days})
        html = render_to_string("newsletters/email/confirm.html", {**context, "days": days})
    assert f"(воно діє {phrase}):" in text
    assert f"Посилання діє {phrase}." in html


def test_an_issue_has_the_header_and_footer_of_its_newsletters_edition(newsletter):
    from wagtail.models import Locale

    newsletter.locale = Locale.objects.get_or_create(language_code="uk")[0]
    newsletter.save()
    rendered = render_issue(make_issue(newsletter))
    assert "Керувати розсилками:" in rendered.text
    assert "Відписатися:" in rendered.text
    assert "Ви отримуєте розсилку «The Morning Briefing»" in rendered.text
    assert '<html lang="uk">' in rendered.html
    message = rendered.email(to="chytach@example.com", subscriber_id=1)
    assert "/unsubscribe/" in message.body  # each reader's links are filled in


def test_an_english_issue_is_unchanged_while_ukrainian_is_active(newsletter):
    with translation.override("uk"):
        rendered = render_issue(make_issue(newsletter))
    assert "Manage your newsletters:" in rendered.text
    assert '<html lang="en">' in rendered.html
