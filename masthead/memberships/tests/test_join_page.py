"""The Join page: plans and the donation form, hidden without keys, CSRF, bad input."""

import re
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from masthead.memberships.models import Donation, Membership

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_the_join_page_offers_each_plan_and_a_donation_form(client, stripe_keys, plans, home):
    page = soup(client.get("/membership/"))
    plan_values = [i["value"] for i in page.select("form input[name=plan]")]
    assert plan_values == ["monthly", "yearly"]
    assert page.select_one("form[action='/membership/donate/'] input[name=amount]")
    assert not page.select_one(".staff-notice")


def test_a_plan_without_a_stripe_price_is_not_offered(client, stripe_keys, plans, home):
    plans["yearly"].stripe_price_id = ""
    plans["yearly"].save()
    page = soup(client.get("/membership/"))
    assert [i["value"] for i in page.select("input[name=plan]")] == ["monthly"]


def test_without_keys_readers_see_no_payment_forms(client, no_stripe_keys, plans, home):
    response = client.get("/membership/")
    page = soup(response)
    assert response.status_code == 200
    assert not page.select("form[action='/membership/checkout/']")
    assert not page.select("form[action='/membership/donate/']")
    assert "open soon" in page.get_text()
    assert not page.select_one(".staff-notice")


def test_without_keys_the_join_page_from_a_premium_story_says_what_readers_can_do(
    client, no_stripe_keys, premium_article
):
    story = soup(client.get(premium_article.url))
    join_url = story.select_one(".join-prompt a.button")["href"]
    page = soup(client.get(join_url))
    options = page.select_one(".membership__closed")
    links = {a.get_text(strip=True): a["href"] for a in options.select("a")}
    story_path = premium_article.url
    assert links["Sign in"] == "/account/sign-in/?" + urlencode({"next": story_path})
    assert links["sign up to our newsletters"] == "/newsletters/"
    assert links["Go back to the story"] == story_path
    assert "/" in links.values()
    assert not page.select_one(".staff-notice")


def test_without_keys_a_signed_in_reader_is_not_asked_to_sign_in(
    client, no_stripe_keys, reader, home
):
    client.force_login(reader)
    options = soup(client.get("/membership/")).select_one(".membership__closed")
    assert "Sign in" not in options.get_text()
    assert options.select_one("a[href='/newsletters/']")


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:x"])
def test_the_join_page_links_back_only_to_this_site(client, no_stripe_keys, home, target):
    page = soup(client.get("/membership/", {"next": target}))
    assert "evil" not in str(page.select_one(".membership__closed"))
    assert "javascript" not in str(page.select_one(".membership__closed"))


def test_without_keys_staff_are_told_payments_are_not_configured(
    client, no_stripe_keys, editor, home
):
    client.force_login(editor)
    notice = soup(client.get("/membership/")).select_one(".staff-notice")
    assert notice is not None
    assert "payments are not configured" in notice.get_text()
    assert "STRIPE_SECRET_KEY" in notice.get_text()
    assert "STRIPE_WEBHOOK_SECRET" in notice.get_text()


def test_staff_are_told_which_payment_setting_is_still_missing(
    client, no_stripe_keys, settings, editor, home
):
    settings.STRIPE_SECRET_KEY = "sk_test_masthead"
    client.force_login(editor)
    notice = soup(client.get("/membership/")).select_one(".staff-notice").get_text()
    assert "STRIPE_WEBHOOK_SECRET" in notice and "STRIPE_SECRET_KEY" not in notice


def test_the_join_page_is_titled_as_membership_not_as_the_jobs_page(client, stripe_keys, home):
    page = soup(client.get("/membership/"))
    assert page.title.get_text().startswith("Become a member |")
    assert "Join the Team" not in page.get_text()


def test_without_keys_the_admin_dashboard_says_payments_are_not_configured(
    client, no_stripe_keys, admin_user
):
    client.force_login(admin_user)
    assert b"Payments are not configured" in client.get("/admin/").content


def test_with_keys_the_admin_dashboard_has_no_payments_notice(client, stripe_keys, admin_user):
    client.force_login(admin_user)
    assert b"Payments are not configured" not in client.get("/admin/").content


def test_without_keys_posting_a_donation_stores_nothing_and_calls_nobody(
    client, no_stripe_keys, home
):
    response = client.post("/membership/donate/", {"amount": "20"})
    assert response.status_code == 503
    assert b"not available" in response.content
    assert not Donation.objects.exists()


def test_without_keys_the_call_to_action_is_hidden(client, no_stripe_keys, rf):
    from django.template.loader import render_to_string

    assert "Become a member" not in render_to_string(
        "memberships/cta.html", {}, request=rf.get("/")
    )


def test_with_keys_the_call_to_action_links_to_the_join_page(stripe_keys, rf):
    from django.template.loader import render_to_string

    html = render_to_string("memberships/cta.html", {}, request=rf.get("/"))
    assert "Become a member" in html and "Join the Team" not in html
    assert 'href="/membership/"' in html


def csrf_client():
    return Client(enforce_csrf_checks=True)


def test_the_donation_form_is_refused_without_a_csrf_token(stripe_keys, home):
    response = csrf_client().post("/membership/donate/", {"amount": "20"})
    assert response.status_code == 403
    assert not Donation.objects.exists()
    assert stripe_keys.requests == []


def test_the_join_form_is_refused_without_a_csrf_token(stripe_keys, plans, reader):
    client = csrf_client()
    client.force_login(reader)
    response = client.post("/membership/checkout/", {"plan": "monthly"})
    assert response.status_code == 403
    assert stripe_keys.requests == []


def test_the_billing_portal_form_is_refused_without_a_csrf_token(stripe_keys, reader):
    Membership.objects.create(user=reader, status="active", stripe_customer_id="cus_1")
    client = csrf_client()
    client.force_login(reader)
    assert client.post("/membership/billing/").status_code == 403


def test_the_donation_form_works_with_the_token_from_the_page(stripe_keys, home):
    client = csrf_client()
    page = client.get("/membership/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.content).group(1)
    response = client.post(
        "/membership/donate/", {"amount": "20", "csrfmiddlewaretoken": token.decode()}
    )
    assert response.status_code == 303


def test_the_stripe_webhook_needs_no_csrf_token(stripe_keys, reader):
    from .conftest import Events

    events = Events(csrf_client())
    assert events.post(events.subscription(user=reader)).status_code == 200


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("", "Enter an amount."),
        ("twenty", "Enter the amount as a number"),
        ("12,50", "Enter the amount as a number"),
        ("NaN", "Enter the amount as a number"),
        ("Infinity", "Enter the amount as a number"),
        ("-5", "The smallest donation is 1"),
        ("0", "The smallest donation is 1"),
        ("0.50", "The smallest donation is 1"),
        ("10001", "The largest donation we take online is 10000"),
        ("1e9", "too large"),
        ("99999999999999999999", "too large"),
        ("12.345", "at most two decimal places"),
        ("<script>alert(1)</script>", "Enter the amount as a number"),
    ],
)
def test_a_bad_donation_amount_gets_a_clear_message_and_nothing_is_stored(
    client, stripe_keys, amount, message
):
    response = client.post("/membership/donate/", {"amount": amount})
    assert response.status_code == 400
    errors = " ".join(e.get_text() for e in soup(response).select(".membership__error"))
    assert message in errors
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert not Donation.objects.exists()
    assert stripe_keys.requests == []


@pytest.mark.parametrize("plan", ["gold", "", "monthly' OR 1=1 --", "<b>x</b>", "x" * 500])
def test_an_unknown_plan_gets_a_clear_message(client, stripe_keys, plans, reader, plan):
    client.force_login(reader)
    response = client.post("/membership/checkout/", {"plan": plan})
    assert response.status_code == 400
    assert "Choose" in " ".join(e.get_text() for e in soup(response).select(".membership__error"))
    assert stripe_keys.requests == []


def test_an_inactive_plan_cannot_be_bought(client, stripe_keys, plans, reader):
    plans["monthly"].is_active = False
    plans["monthly"].save()
    client.force_login(reader)
    assert client.post("/membership/checkout/", {"plan": "monthly"}).status_code == 400


def test_the_join_page_shows_a_member_their_membership_and_the_billing_button(
    client, stripe_keys, plans, reader
):
    Membership.objects.create(
        user=reader, status="active", plan=plans["monthly"], stripe_customer_id="cus_1"
    )
    client.force_login(reader)
    page = soup(client.get("/membership/"))
    assert "Active" in page.select_one(".membership-panel").get_text()
    assert page.select_one("form[action='/membership/billing/']")
    assert not page.select("form[action='/membership/checkout/']")
