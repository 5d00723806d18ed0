"""Signing up, double opt-in, preferences and one-click unsubscribe, through real HTTP
requests and a real SMTP server."""

import re
from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from masthead.newsletters import tokens
from masthead.newsletters.models import Subscriber, Subscription
from masthead.newsletters.views import THANKS

ORIGIN = {"HTTP_ORIGIN": "http://testserver"}
URL_RE = re.compile(r"https?://[^\s\"<>]+")


def subscribe(client, email, newsletter, json=False, **extra):
    headers = {**ORIGIN, **extra}
    if json:
        headers["HTTP_ACCEPT"] = "application/json"
    return client.post(
        reverse("newsletters:subscribe"),
        {"email": email, "newsletter": newsletter.slug, "website": extra.pop("website", "")},
        **headers,
    )


def local_path(url):
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


@pytest.fixture
def signup(client, newsletter, django_capture_on_commit_callbacks):
    def run(email, **kw):
        with django_capture_on_commit_callbacks(execute=True):
            return subscribe(client, email, newsletter, **kw)

    return run


def test_signing_up_sends_a_confirmation_and_activates_only_when_confirmed(
    client, newsletter, signup
):
    response = signup("Reader@Example.COM")
    assert response.status_code == 200
    assert THANKS in unescape(response.content.decode())
    subscription = Subscription.objects.get()
    assert subscription.subscriber.email == "reader@example.com"
    assert subscription.status == Subscription.PENDING
    assert len(mail.outbox) == 1
    link = next(u for u in URL_RE.findall(mail.outbox[0].body) if "/confirm/" in u)
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(local_path(link))
    assert page.status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == Subscription.PENDING  # opening the link is not consent
    form = BeautifulSoup(page.content, "html.parser").select_one("form[method=post]")
    done = browser.post(
        form["action"],
        {"csrfmiddlewaretoken": form.select_one("[name=csrfmiddlewaretoken]")["value"]},
    )
    assert done.status_code == 200
    assert "Your subscription to The Morning Briefing is confirmed" in done.content.decode()
    subscription.refresh_from_db()
    assert subscription.status == Subscription.ACTIVE


def test_a_mail_scanner_following_the_confirmation_link_confirms_nothing(newsletter, signup):
    """Issue 12: a GET confirmed, so scanners that fetch every link signed victims up. Only
    the page's button (a POST that passes Django's CSRF check) confirms."""
    signup("scanned@example.com")
    link = next(u for u in URL_RE.findall(mail.outbox[0].body) if "/confirm/" in u)
    scanner = Client(enforce_csrf_checks=True)
    for _ in range(3):
        page = scanner.get(local_path(link), HTTP_USER_AGENT="LinkScanner/1.0")
        assert page.status_code == 200
        assert "Confirm my subscription" in page.content.decode()
    assert scanner.head(local_path(link)).status_code == 200
    assert Subscription.objects.get().status == Subscription.PENDING
    # A cross-site POST (no CSRF token) is refused too.
    assert scanner.post(local_path(link)).status_code == 403
    assert Subscription.objects.get().status == Subscription.PENDING
    assert Subscription.objects.get().confirmed_at is None


def test_a_bad_address_gets_the_message_beside_the_field_and_keeps_what_was_typed(
    client, newsletter
):
    response = subscribe(client, "not-an-address@", newsletter)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Please, enter correct email address" in html
    assert 'value="not-an-address@"' in html
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize(
    "address",
    ["", "a" * 250 + "@example.com", "two@@example.com", "x@localhost", "ü@example.com"],
)
def test_malformed_and_oversized_addresses_are_refused_with_json_for_scripts(
    client, newsletter, address
):
    response = subscribe(client, address, newsletter, json=True)
    assert response.status_code == 400
    assert response.json() == {
        "ok": False,
        "message": "Please, enter correct email address",
        "errors": {"email": ["Please, enter correct email address"]},
    }


def test_an_internationalised_domain_is_stored_in_ascii_and_matches_its_ascii_form(signup):
    signup("reader@пример.укр")
    signup("READER@xn--e1afmkfd.xn--j1amh")
    assert list(Subscriber.objects.values_list("email", flat=True)) == [
        "reader@xn--e1afmkfd.xn--j1amh"
    ]


def test_signing_up_twice_creates_nothing_new_and_answers_the_same(signup, client, newsletter):
    first = signup("twice@example.com")
    Subscription.objects.update(status=Subscription.ACTIVE)
    mail.outbox.clear()
    second = signup("twice@example.com")
    assert first.status_code == second.status_code == 200
    assert THANKS in unescape(second.content.decode())
    assert Subscriber.objects.count() == 1 and Subscription.objects.count() == 1
    assert mail.outbox == []  # active already: nothing to confirm, and nothing said about it


def test_the_honeypot_looks_like_success_but_stores_nothing(client, newsletter):
    response = client.post(
        reverse("newsletters:subscribe"),
        {"email": "bot@example.com", "newsletter": newsletter.slug, "website": "http://spam"},
        **ORIGIN,
    )
    assert response.status_code == 200
    assert THANKS in unescape(response.content.decode())
    assert not Subscriber.objects.exists()


def test_a_post_from_another_site_is_refused(client, newsletter):
    response = client.post(
        reverse("newsletters:subscribe"),
        {"email": "victim@example.com", "newsletter": newsletter.slug},
        HTTP_ORIGIN="https://evil.example",
    )
    assert response.status_code == 403
    assert not Subscriber.objects.exists()
    no_origin = client.post(
        reverse("newsletters:subscribe"), {"email": "v@example.com", "newsletter": newsletter.slug}
    )
    assert no_origin.status_code == 403


def test_a_post_with_a_same_site_referer_and_no_origin_is_accepted(client, newsletter):
    response = client.post(
        reverse("newsletters:subscribe"),
        {"email": "ref@example.com", "newsletter": newsletter.slug},
        HTTP_REFERER="http://testserver/war/some-story/",
    )
    assert response.status_code == 200


def test_too_many_attempts_for_one_address_get_429(settings, signup):
    settings.NEWSLETTER_RATE_PER_ADDRESS = 2
    assert signup("often@example.com").status_code == 200
    assert signup("often@example.com").status_code == 200
    response = signup("often@example.com")
    assert response.status_code == 429
    assert "Too many" in response.content.decode()


def test_too_many_attempts_from_one_client_get_429_even_with_bad_input(
    settings, client, newsletter
):
    settings.NEWSLETTER_RATE_PER_CLIENT = 3
    codes = [subscribe(client, f"bad{i}", newsletter).status_code for i in range(4)]
    assert codes == [400, 400, 400, 429]


def test_an_unknown_newsletter_is_a_clear_400(client, newsletter):
    response = client.post(
        reverse("newsletters:subscribe"),
        {"email": "a@example.com", "newsletter": "<script>alert(1)</script>"},
        **ORIGIN,
    )
    assert response.status_code == 400
    assert "<script>alert(1)" not in response.content.decode()


def test_get_on_the_subscribe_endpoint_is_405(client):
    assert client.get(reverse("newsletters:subscribe")).status_code == 405


def test_a_tampered_confirmation_link_shows_a_clear_page(client, newsletter, signup):
    signup("t@example.com")
    token = tokens.confirm_token(
        subscriber_id=Subscriber.objects.get().pk, newsletter_id=newsletter.pk
    )
    forged = token.replace(token.split(":")[0], "99-1", 1)
    response = client.get(reverse("newsletters:confirm", args=[forged]))
    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    assert Subscription.objects.get().status == Subscription.PENDING


def test_an_expired_confirmation_link_shows_a_clear_page(client, settings, newsletter, signup):
    signup("late@example.com")
    token = tokens.confirm_token(
        subscriber_id=Subscriber.objects.get().pk, newsletter_id=newsletter.pk
    )
    settings.NEWSLETTER_CONFIRM_MAX_AGE = -1
    response = client.get(reverse("newsletters:confirm", args=[token]))
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert Subscription.objects.get().status == Subscription.PENDING


def test_a_manage_token_is_not_accepted_as_a_confirmation(client, newsletter, signup):
    signup("kinds@example.com")
    subscriber = Subscriber.objects.get()
    token = signing.Signer(salt="masthead.newsletters.manage").sign(
        f"{subscriber.pk}-{newsletter.pk}"
    )
    assert client.get(reverse("newsletters:confirm", args=[token])).status_code == 400


def _active(email, *newsletters):
    subscriber = Subscriber.objects.create(email=email)
    for newsletter in newsletters:
        Subscription.objects.create(
            subscriber=subscriber, newsletter=newsletter, status=Subscription.ACTIVE
        )
    return subscriber


def test_the_preference_page_picks_newsletters_and_pauses(client, newsletter, other_newsletter):
    subscriber = _active("prefs@example.com", newsletter)
    url = reverse("newsletters:preferences", args=[tokens.manage_token(subscriber.pk)])
    page = client.get(url)
    assert page.status_code == 200 and "prefs@example.com" in page.content.decode()
    response = client.post(url, {"newsletters": [other_newsletter.pk], "paused": "on"})
    assert response.status_code == 200
    states = dict(subscriber.subscriptions.values_list("newsletter__slug", "status"))
    assert states == {"morning": "unsubscribed", "analysis": "active"}
    subscriber.refresh_from_db()
    assert subscriber.paused


def test_unsubscribe_all_from_the_preference_page(client, newsletter, other_newsletter):
    subscriber = _active("all@example.com", newsletter, other_newsletter)
    url = reverse("newsletters:preferences", args=[tokens.manage_token(subscriber.pk)])
    response = client.post(url, {"unsubscribe_all": "1"})
    assert "unsubscribed from all" in response.content.decode()
    assert set(subscriber.subscriptions.values_list("status", flat=True)) == {"unsubscribed"}


def test_the_preference_page_keeps_csrf_protection(newsletter):

    subscriber = _active("csrf@example.com", newsletter)
    url = reverse("newsletters:preferences", args=[tokens.manage_token(subscriber.pk)])
    response = Client(enforce_csrf_checks=True).post(url, {"unsubscribe_all": "1"})
    assert response.status_code == 403
    assert subscriber.subscriptions.get().status == "active"


def test_a_forged_preference_link_is_refused(client, db):
    assert client.get(reverse("newsletters:preferences", args=["1:forged"])).status_code == 400


def test_one_click_post_unsubscribes_without_a_page(newsletter, other_newsletter):

    subscriber = _active("oneclick@example.com", newsletter, other_newsletter)
    token = tokens.unsubscribe_token(subscriber_id=subscriber.pk, newsletter_id=newsletter.pk)
    response = Client(enforce_csrf_checks=True).post(
        reverse("newsletters:unsubscribe", args=[token]), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    states = dict(subscriber.subscriptions.values_list("newsletter__slug", "status"))
    assert states == {"morning": "unsubscribed", "analysis": "active"}


def test_opening_the_unsubscribe_link_asks_before_unsubscribing(client, newsletter):
    subscriber = _active("ask@example.com", newsletter)
    token = tokens.unsubscribe_token(subscriber_id=subscriber.pk, newsletter_id=newsletter.pk)
    url = reverse("newsletters:unsubscribe", args=[token])
    page = client.get(url)
    assert (
        page.status_code == 200
        and "Unsubscribe from The Morning Briefing?" in page.content.decode()
    )
    assert subscriber.subscriptions.get().status == "active"
    done = client.post(url)
    assert "You are unsubscribed" in done.content.decode()
    assert subscriber.subscriptions.get().status == "unsubscribed"


def test_the_newsletters_page_lists_every_newsletter_with_a_form(
    client, newsletter, other_newsletter
):
    html = client.get(reverse("newsletters:list")).content.decode()
    assert html.count("data-newsletter-form") >= 2
    assert "The Morning Briefing" in html and "Analysis Weekly" in html
    assert "* indicates required" in html.replace(
        '<span class="nl-form__star" aria-hidden="true">*</span>', "*"
    )


def test_the_article_page_has_a_signup_form_and_the_footer_has_all_of_them(
    client, article, newsletter, other_newsletter
):
    html = client.get(article.url).content.decode()
    assert 'aria-label="Newsletter sign-up"' in html
    assert html.count('name="newsletter" value="morning"') == 2  # article end + footer
    assert 'name="newsletter" value="analysis"' in html
    assert "js/newsletters.js" in html
    assert "csrfmiddlewaretoken" not in html  # cacheable: nothing per visitor
    assert "<script>" not in html
