"""Premium articles: who reads what, the paywall markup, caching, the account hooks, admin."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from masthead.memberships.access import article_parts
from masthead.memberships.models import Donation, Membership

from .conftest import SECRET, premium_body

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def json_ld(response) -> dict:
    for script in soup(response).select("script[type='application/ld+json']"):
        data = json.loads(script.string)
        if data.get("@type") == "NewsArticle":
            return data
    raise AssertionError("no NewsArticle JSON-LD")


def make_member(user, **fields):
    return Membership.objects.create(user=user, status=Membership.ACTIVE, **fields)


def test_a_member_reads_a_premium_article_in_full(client, reader, premium_article):
    make_member(reader)
    client.force_login(reader)
    response = client.get(premium_article.url)
    page = soup(response)
    premium = page.select_one(".article__body .article__premium")
    assert SECRET in premium.get_text()
    assert "Open paragraph number 0." not in premium.get_text()
    assert not page.select_one(".join-prompt")


def test_a_members_full_page_is_never_stored_in_a_shared_cache(client, reader, premium_article):
    make_member(reader)
    client.force_login(reader)
    response = client.get(premium_article.url)
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "max-age=0"} <= directives
    assert "public" not in directives
    assert "Cookie" in response["Vary"]


def test_an_editor_reading_a_premium_article_gets_a_private_page(client, editor, premium_article):
    client.force_login(editor)
    response = client.get(premium_article.url)
    assert SECRET in response.content.decode()
    assert "private" in response["Cache-Control"]


def test_the_anonymous_premium_page_stays_cacheable(client, premium_article):
    response = client.get(premium_article.url)
    assert "private" not in response.get("Cache-Control", "")


def test_every_page_for_a_signed_in_member_is_private(client, reader, article, settings):
    settings.PAGE_CACHE_ENABLED = True  # as in production
    # The site-wide rule (masthead/caching/pages.py): a signed-in reader's page is never
    # shared, so a member's page cannot reach anyone else, whatever it contains.
    make_member(reader)
    client.force_login(reader)
    assert "private" in client.get(article.url).get("Cache-Control", "")


def test_a_non_member_sees_the_free_paragraphs_and_a_join_prompt(client, reader, premium_article):
    client.force_login(reader)
    page = soup(client.get(premium_article.url))
    body = page.select_one(".article__body").get_text()
    assert all(f"Open paragraph number {i}." in body for i in range(3))
    assert SECRET not in page.get_text()
    assert page.select_one(".article__premium") is None
    prompt = page.select_one(".join-prompt")
    assert prompt.select_one(f"a[href='/membership/?next={premium_article.url}']")
    assert page.select_one("h1").get_text() == "Inside the depots"
    assert page.select_one(".article__standfirst")


@pytest.mark.parametrize(
    "state",
    [
        {"status": Membership.CANCELLED},
        {"status": Membership.INCOMPLETE},
        {"status": Membership.PAST_DUE, "past_due_since": timezone.now() - timedelta(days=30)},
    ],
)
def test_a_lapsed_membership_does_not_unlock_premium(client, reader, premium_article, state):
    Membership.objects.create(user=reader, **state)
    client.force_login(reader)
    assert SECRET not in client.get(premium_article.url).content.decode()


def test_a_past_due_member_within_grace_keeps_reading(client, reader, premium_article):
    Membership.objects.create(
        user=reader, status=Membership.PAST_DUE, past_due_since=timezone.now() - timedelta(days=2)
    )
    client.force_login(reader)
    assert SECRET in client.get(premium_article.url).content.decode()


def test_the_number_of_free_paragraphs_is_a_setting(settings, client, make_article):
    settings.PREMIUM_FREE_PARAGRAPHS = 1
    page = make_article(title="Short free part", slug="short", body=premium_body(), is_premium=True)
    body = soup(client.get(page.url)).select_one(".article__body").get_text()
    assert "Open paragraph number 0." in body
    assert "Open paragraph number 1." not in body


def test_premium_json_ld_marks_the_paywalled_part_for_search_engines(client, premium_article):
    data = json_ld(client.get(premium_article.url))
    assert data["isAccessibleForFree"] is False
    assert data["hasPart"] == {
        "@type": "WebPageElement",
        "isAccessibleForFree": False,
        "cssSelector": ".article__premium",
    }
    assert "articleBody" not in data


def test_the_json_ld_selector_names_the_element_members_receive(client, reader, premium_article):
    make_member(reader)
    client.force_login(reader)
    response = client.get(premium_article.url)
    selector = json_ld(response)["hasPart"]["cssSelector"]
    assert SECRET in soup(response).select_one(selector).get_text()
    assert SECRET not in json.dumps(json_ld(response))


def test_a_free_article_is_marked_accessible_for_free(client, article):
    data = json_ld(client.get(article.url))
    assert data["isAccessibleForFree"] is True
    assert "hasPart" not in data


def test_article_parts_give_non_members_nothing_after_the_free_paragraphs(premium_article, reader):
    open_part, members_part, withheld = article_parts(premium_article, reader)
    assert [b.block_type for b in open_part] == ["paragraph"] * 3
    assert members_part == [] and withheld


def test_the_account_panel_shows_the_state_and_a_billing_button(rf, reader, stripe_keys, plans):
    from django.template.loader import render_to_string

    make_member(reader, plan=plans["yearly"], stripe_customer_id="cus_1")
    request = rf.get("/account/")
    request.user = reader
    html = render_to_string("memberships/account_panel.html", {}, request=request)
    assert "Active" in html and "Yearly member" in html
    assert 'action="/membership/billing/"' in html


def test_the_account_panel_invites_a_reader_without_membership(rf, reader, stripe_keys):
    from django.template.loader import render_to_string

    request = rf.get("/account/")
    request.user = reader
    html = render_to_string("memberships/account_panel.html", {}, request=request)
    assert 'href="/membership/"' in html
    assert "billing" not in html


def test_export_includes_membership_and_donations(reader, plans):
    from masthead.memberships.privacy import export_user_data

    make_member(reader, plan=plans["monthly"], stripe_customer_id="cus_1")
    Donation.objects.create(user=reader, amount=Decimal("15"), currency="eur", status="paid")
    data = export_user_data(reader)
    json.dumps(data)  # JSON-ready
    assert data["membership"]["status"] == "active"
    assert data["membership"]["plan"] == "Monthly member"
    assert data["donations"][0]["amount"] == "15.00"


def test_deleting_a_reader_forgets_them_but_keeps_donation_totals(reader):
    from masthead.memberships.privacy import delete_user_data, export_user_data

    make_member(reader)
    Donation.objects.create(
        user=reader, email="reader@example.org", amount=Decimal("15"), currency="eur", status="paid"
    )
    delete_user_data(reader)
    assert not Membership.objects.filter(user=reader).exists()
    donation = Donation.objects.get()
    assert (donation.user, donation.email) == (None, "")
    assert Donation.objects.totals_by_currency()[0]["total"] == Decimal("15.00")
    assert export_user_data(reader) == {"membership": None, "donations": []}


def test_the_admin_report_shows_member_counts_and_donation_totals(
    client, admin_user, reader, plans
):
    make_member(reader, plan=plans["monthly"])
    Donation.objects.create(amount=Decimal("15"), currency="eur", status="paid")
    Donation.objects.create(amount=Decimal("10.50"), currency="eur", status="paid")
    Donation.objects.create(amount=Decimal("99"), currency="eur", status="pending")
    client.force_login(admin_user)
    response = client.get("/admin/memberships/report/")
    assert response.status_code == 200
    totals = [td.get_text() for td in soup(response).select(".donation-total")]
    assert totals == ["25.50"]
    assert "Reading premium in full now" in response.content.decode()


def test_the_admin_lists_members_and_donations(client, admin_user, reader):
    make_member(reader)
    Donation.objects.create(amount=Decimal("15"), currency="eur", status="paid")
    client.force_login(admin_user)
    assert b"reader" in client.get("/admin/snippets/memberships/membership/").content
    assert b"15.00" in client.get("/admin/snippets/memberships/donation/").content


def test_nobody_edits_membership_state_by_hand_in_the_admin(client, admin_user, reader):
    membership = make_member(reader)
    client.force_login(admin_user)
    edit = client.get(f"/admin/snippets/memberships/membership/edit/{membership.pk}/")
    assert edit.status_code in (302, 403)
    add = client.get("/admin/snippets/memberships/membership/add/")
    assert add.status_code in (302, 403)


def test_a_reporter_cannot_see_the_revenue_report(client, reporter):
    client.force_login(reporter)
    assert client.get("/admin/memberships/report/").status_code in (302, 403)


def test_an_anonymous_reader_is_offered_sign_in_back_to_the_article(client, premium_article):
    prompt = soup(client.get(premium_article.url)).select_one(".join-prompt")
    links = [a["href"] for a in prompt.select("a")]
    assert f"/membership/?next={premium_article.url}" in links
    assert any(f"next={premium_article.url.replace('/', '%2F')}" in href for href in links)
