"""The Join page (plans and donations), Checkout and billing-portal redirects, and the Stripe
webhook endpoint."""

from __future__ import annotations

import json
import logging

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from masthead.core.models import SiteSettings
from masthead.core.site_url import absolute_url

from . import conf, services, webhooks
from .forms import DonationForm, JoinForm
from .models import Membership, Plan

logger = logging.getLogger(__name__)

# Stripe's events are a few kilobytes; anything far larger is not from Stripe.
MAX_WEBHOOK_BYTES = 256 * 1024


class _SeeOther(HttpResponseRedirect):
    status_code = 303


def _membership(user) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user).select_related("plan").first()


def _return_to(request) -> str:
    """The page the reader came from (the join prompt of a premium story passes it), if it is
    a path on this site; empty otherwise."""
    target = request.GET.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def _join_page(request, *, join_form=None, donation_form=None, error="", status=200):
    return_to = _return_to(request)
    sign_in = resolve_url(settings.LOGIN_URL) + "?" + urlencode({"next": return_to or request.path})
    return render(
        request,
        "memberships/join.html",
        {
            "plans": [plan for plan in Plan.objects.filter(is_active=True) if plan.offered],
            "join_form": join_form or JoinForm(),
            "donation_form": donation_form or DonationForm(),
            "membership": _membership(request.user),
            "payments_configured": conf.payments_configured(),
            "missing_settings": conf.missing_settings(),
            "currency": conf.currency().upper(),
            "error": error,
            "return_to": return_to,
            "sign_in_href": sign_in,
        },
        status=status,
    )


@require_GET
@never_cache  # personal (membership state) and carries a CSRF token: never a shared copy
def join(request):
    return _join_page(request)


def _absolute(request, name: str, query: str = "") -> str:
    return absolute_url(reverse(name)) + query


def _not_configured(request):
    return _join_page(
        request, error=gettext("Payments are not available on this site yet."), status=503
    )


@require_POST
def membership_checkout(request):
    if not conf.payments_configured():
        return _not_configured(request)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("memberships:join"))
    form = JoinForm(request.POST)
    if not form.is_valid():
        return _join_page(request, join_form=form, status=400)
    try:
        url = services.membership_checkout_start(
            user=request.user,
            plan=form.cleaned_data["plan"],
            success_url=_absolute(request, "memberships:thanks", "?kind=membership"),
            cancel_url=_absolute(request, "memberships:join"),
        )
    except services.AlreadyMember:
        return _join_page(
            request,
            error=gettext("You are already a member: manage your membership below."),
            status=409,
        )
    except services.PaymentProviderError as error:
        return _join_page(request, join_form=form, error=str(error), status=502)
    return _SeeOther(url)


@require_POST
def donate(request):
    if not conf.payments_configured():
        return _not_configured(request)
    form = DonationForm(request.POST)
    if not form.is_valid():
        return _join_page(request, donation_form=form, status=400)
    try:
        _, url = services.donation_checkout_start(
            amount=form.cleaned_data["amount"],
            user=request.user,
            success_url=_absolute(request, "memberships:thanks", "?kind=donation"),
            cancel_url=_absolute(request, "memberships:join"),
            newsroom_name=SiteSettings.for_request(request).newsroom_name,
        )
    except services.PaymentProviderError as error:
        return _join_page(request, donation_form=form, error=str(error), status=502)
    return _SeeOther(url)


@require_POST
def billing_portal(request):
    if not conf.payments_configured():
        return _not_configured(request)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("memberships:join"))
    try:
        url = services.billing_portal_start(
            user=request.user, return_url=_absolute(request, "memberships:join")
        )
    except services.NoBillingAccount:
        return _join_page(
            request,
            error=gettext("There is no membership to manage yet: join below."),
            status=409,
        )
    except services.PaymentProviderError as error:
        return _join_page(request, error=str(error), status=502)
    return _SeeOther(url)


@require_GET
@never_cache
def thanks(request):
    kind = "donation" if request.GET.get("kind") == "donation" else "membership"
    return render(
        request,
        "memberships/thanks.html",
        {"kind": kind, "membership": _membership(request.user)},
    )


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe calls this with signed events. Answers 2xx once an event is applied or known,
    4xx for anything unsigned or unusable (Stripe retries non-2xx answers)."""
    secret = conf.webhook_secret()
    if not secret:
        return JsonResponse({"error": "Stripe webhooks are not configured."}, status=503)
    if len(request.body) > MAX_WEBHOOK_BYTES:
        return JsonResponse({"error": "Payload too large."}, status=413)
    signature = request.headers.get("Stripe-Signature", "")
    if not signature:
        return JsonResponse({"error": "Missing Stripe-Signature header."}, status=400)
    import stripe  # only webhook requests need it (masthead/memberships/stripe_api.py)

    try:
        payload = request.body.decode("utf-8")
        # Verify, then parse ourselves: stripe's construct_event assumes the body is an object
        # and fails with AttributeError on a signed JSON list (issue 12).
        stripe.WebhookSignature.verify_header(
            payload, signature, secret, tolerance=stripe.Webhook.DEFAULT_TOLERANCE
        )
        event = json.loads(payload)
    except stripe.SignatureVerificationError:
        return JsonResponse({"error": "Invalid signature."}, status=400)
    except (UnicodeDecodeError, ValueError):
        return JsonResponse({"error": "Invalid payload."}, status=400)
    if not isinstance(event, dict):
        return JsonResponse({"error": "Invalid payload: an event is a JSON object."}, status=400)
    try:
        outcome = webhooks.stripe_event_apply(event)
    except webhooks.MalformedEvent as error:
        logger.warning("Unusable Stripe event %s: %s", event.get("id"), error)
        return JsonResponse({"error": "Unusable event."}, status=400)
    return JsonResponse({"status": outcome})
