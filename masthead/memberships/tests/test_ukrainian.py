"""The membership pages of the Ukrainian edition: the Join page, its form errors (to the
bone: empty, malformed, hostile, too large), the paywall prompt, the account panel."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone, translation
from wagtail.models import Locale

from masthead.editions.services import start_edition
from masthead.memberships.models import Donation, Membership

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return unescape(response.content.decode())


def test_the_join_page_is_ukrainian(client, stripe_keys, plans, home):
    with translation.override("uk"):
        page = text(client.get("/uk/membership/"))
    for phrase in (
        "Підтримайте незалежну журналістику",
        "8,00 EUR</strong> / місяць",  # Ukrainian decimal comma
        "80,00 EUR</strong> / рік",
        "Приєднатися помісячно",
        "Приєднатися на рік",
        "Зробити разовий внесок",
        "Сума (EUR)",
    ):
        assert phrase in page, phrase
    assert "Join monthly" not in page


def test_the_english_join_page_is_unchanged(client, stripe_keys, plans, home):
    page = text(client.get("/membership/"))
    assert "Join monthly" in page and "Join yearly" in page and "/ month</p>" in page


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("", "Введіть суму."),
        ("abc", "Введіть суму числом, наприклад 25 або 12.50."),
        ("<script>", "Введіть суму числом, наприклад 25 або 12.50."),
        ("NaN", "Введіть суму числом"),
        ("0.5", "Найменший внесок — "),
        ("99999999", "Ця сума завелика."),
        ("10.555", "Використовуйте не більше двох знаків після крапки."),
    ],
)
def test_a_bad_donation_amount_gets_a_ukrainian_error(client, stripe_keys, home, amount, message):
    with translation.override("uk"):
        response = client.post("/uk/membership/donate/", {"amount": amount})
    assert response.status_code == 400
    assert message in text(response)
    assert not Donation.objects.exists()
    assert not stripe_keys.calls("/v1/checkout/sessions")


def test_a_donation_is_named_in_ukrainian_at_stripe(client, stripe_keys, home):
    with translation.override("uk"):
        response = client.post("/uk/membership/donate/", {"amount": "25"})
    assert response.status_code == 303
    [session] = stripe_keys.calls("/v1/checkout/sessions")
    assert session["line_items[0][price_data][product_data][name]"].startswith(
        "Внесок на підтримку "
    )


def test_an_unknown_plan_gets_a_ukrainian_error(client, stripe_keys, plans, reader, home):
    client.force_login(reader)
    with translation.override("uk"):
        response = client.post("/uk/membership/checkout/", {"plan": "../../etc"})
    assert response.status_code == 400
    assert "Оберіть один із тарифів на цій сторінці." in text(response)


def test_without_keys_the_closed_page_is_ukrainian(client, no_stripe_keys, home):
    with translation.override("uk"):
        page = text(client.get("/uk/membership/"))
    assert "Членство й разові внески — незабаром" in page
    assert "підпишіться на наші розсилки" in page
    assert '<a href="/uk/">Читайте сьогоднішні матеріали</a>' in page


def test_the_paywall_prompt_is_ukrainian(client, no_stripe_keys, premium_article):
    # The story's Ukrainian translation, under the Ukrainian edition's home, at /uk/...
    start_edition("uk", title="Мастхед")
    uk = Locale.objects.get(language_code="uk")
    translated = premium_article.copy_for_translation(uk, copy_parents=True)
    translated.save_revision().publish()
    translated.refresh_from_db()
    url = translated.specific.url
    assert url.startswith("/uk/")
    with translation.override("uk"):
        page = text(client.get(url))
    assert "Продовження цього матеріалу — для членів спільноти" in page
    assert re.search(
        r"Уже член спільноти\? <a href=\"/uk/account/sign-in/\?next=[^\"]+\">Увійдіть", page
    )


def test_the_account_panel_says_the_renewal_date_in_ukrainian(reader, plans):
    Membership.objects.create(
        user=reader,
        plan=plans["monthly"],
        status=Membership.ACTIVE,
        current_period_end=timezone.now().replace(month=12, day=5) + timedelta(days=0),
    )
    request = RequestFactory().get("/account/")
    request.user = reader
    with translation.override("uk"):
        html = render_to_string("memberships/account_panel.html", {"request": request})
    assert "Членство: <strong>Активне</strong> (Monthly member)." in html
    assert "Поновлюється 5 грудня" in html
