"""Public newsletter pages: the list, sign-up, confirmation, preferences, one-click unsubscribe.

Why the sign-up endpoint is CSRF-exempt: its forms sit in the footer and under articles, on
pages served to everyone from a shared cache (Django's cache, Varnish, a CDN), so they cannot
carry a per-visitor CSRF token, and fetching one would cost a request and a cookie for every
reader. What CSRF prevents is a forged request acting with the victim's session; this
endpoint uses no session and changes nothing but "send a confirmation email" (double opt-in:
nothing is active until the address owner clicks). It is protected instead by: an Origin (or
Referer) check against our own origins, a honeypot field, and rate limits per client and per
address. Pages that change state with a signed link (preferences) are never cached and keep
Django's CSRF protection; the RFC 8058 one-click POST must be exempt by definition (a mail
provider sends it, without cookies) and is authorised by its signed token."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from masthead.accounts.languages import reader_language

from . import services, tokens
from .forms import BAD_ADDRESS, PreferencesForm, SubscribeForm
from .models import Newsletter, Subscriber, Subscription
from .selectors import signup_newsletters

# English originals (tests compare with them); readers get gettext(...) of each.
THANKS = gettext_noop(
    "Thank you for signing up for this newsletter. We've sent you a confirmation email."
)
TOO_MANY = gettext_noop("Too many sign-up attempts. Please try again later.")
BAD_ORIGIN = gettext_noop(
    "We could not check where this form was sent from. Please try again from our site."
)


def newsletter_list(request):
    return render(
        request, "newsletters/newsletter_list.html", {"newsletters": signup_newsletters()}
    )


def _origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def _allowed_origins(request) -> set[str]:
    allowed = {_origin_of(settings.SITE_URL), f"{request.scheme}://{request.get_host()}".lower()}
    allowed.update(origin.lower() for origin in settings.CSRF_TRUSTED_ORIGINS)
    return {origin for origin in allowed if origin}


def same_origin(request) -> bool:
    """True when the browser says the form was posted from one of our own pages."""
    origin = request.headers.get("Origin")
    if origin and origin != "null":
        return origin.lower() in _allowed_origins(request)
    referer = request.headers.get("Referer")
    return bool(referer) and _origin_of(referer) in _allowed_origins(request)


def _client(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _answer(request, *, status: int, message: str, form=None, ok=False, newsletter=None):
    message = gettext(message)
    if _wants_json(request):
        errors = {"email": [message]} if not ok else {}
        return JsonResponse({"ok": ok, "message": message, "errors": errors}, status=status)
    context = {
        "ok": ok,
        "message": message,
        "form": form,
        "newsletter": newsletter,
        "newsletters": signup_newsletters(),
        "email_value": (form.data.get("email", "") if form is not None else "")[:254],
    }
    return render(request, "newsletters/subscribe_result.html", context, status=status)


@csrf_exempt  # see the module docstring: cached pages, Origin check + honeypot + rate limits
@require_POST
def subscribe(request):
    form = SubscribeForm(request.POST)
    newsletter = (
        Newsletter.objects.active().filter(slug=request.POST.get("newsletter", "")[:120]).first()
    )
    if not same_origin(request):
        return _answer(request, status=403, message=BAD_ORIGIN, form=form, newsletter=newsletter)
    if form.is_bot:
        # Look exactly like success, so the bot learns nothing; do nothing.
        return _answer(request, status=200, message=THANKS, ok=True, newsletter=newsletter)
    valid = form.is_valid()
    address = form.cleaned_data.get("email") if valid else None
    try:
        services.signup_rate_check(client=_client(request), address=address)
    except services.RateLimited:
        response = _answer(request, status=429, message=TOO_MANY, form=form, newsletter=newsletter)
        response["Retry-After"] = "3600"
        return response
    if not valid:
        message = (
            BAD_ADDRESS
            if "email" in form.errors
            else form.errors.get("newsletter", [BAD_ADDRESS])[0]
        )  # the form's message is already translated; _answer's gettext() leaves it be
        return _answer(request, status=400, message=message, form=form, newsletter=newsletter)
    services.subscription_request(
        email=address, newsletter=form.cleaned_data["newsletter"], language=reader_language()
    )
    return _answer(
        request, status=200, message=THANKS, ok=True, newsletter=form.cleaned_data["newsletter"]
    )


def _bad_link(request, *, expired: bool = False):
    return render(
        request,
        "newsletters/bad_link.html",
        {"expired": expired, "newsletters": signup_newsletters()},
        status=410 if expired else 400,
    )


def _test_link(request):
    """A genuine link from a test send to an address that is not subscribed: nothing to do."""
    return render(
        request,
        "newsletters/bad_link.html",
        {"from_test": True, "newsletters": signup_newsletters()},
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token: str):
    """GET shows a button; only its POST (with Django's CSRF check, as the sign-in links in
    accounts) confirms. Mail scanners follow links, so a GET must not sign anyone up."""
    try:
        subscriber_id, newsletter_id = tokens.read_confirm_token(token)
    except tokens.ExpiredToken:
        return _bad_link(request, expired=True)
    except tokens.BadToken:
        return _bad_link(request)
    if request.method != "POST":
        subscription = (
            Subscription.objects.select_related("newsletter", "subscriber")
            .filter(subscriber_id=subscriber_id, newsletter_id=newsletter_id)
            .first()
        )
        if subscription is None:
            return _bad_link(request)
        return render(
            request,
            "newsletters/confirm_ask.html",
            {"subscription": subscription, "token": token},
        )
    subscription = services.subscription_confirm(
        subscriber_id=subscriber_id, newsletter_id=newsletter_id
    )
    if subscription is None:
        return _bad_link(request)
    return render(
        request,
        "newsletters/confirmed.html",
        {
            "subscription": subscription,
            "manage_token": tokens.manage_token(subscriber_id),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request, token: str):
    try:
        subscriber_id = tokens.read_manage_token(token)
    except tokens.BadToken:
        return _bad_link(request)
    if subscriber_id == tokens.TEST_SUBSCRIBER_ID:
        return _test_link(request)
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return _bad_link(request)
    saved = None
    if request.method == "POST":
        if "unsubscribe_all" in request.POST:
            services.subscriber_unsubscribe_all(subscriber=subscriber)
            saved = gettext("You have been unsubscribed from all our newsletters.")
            form = PreferencesForm(initial=_initial(subscriber))
        else:
            form = PreferencesForm(request.POST)
            if form.is_valid():
                services.preferences_update(
                    subscriber=subscriber,
                    newsletters=list(form.cleaned_data["newsletters"]),
                    paused=form.cleaned_data["paused"],
                )
                subscriber.refresh_from_db()
                saved = gettext("Your preferences are saved.")
                form = PreferencesForm(initial=_initial(subscriber))
    else:
        form = PreferencesForm(initial=_initial(subscriber))
    status = 400 if request.method == "POST" and form.errors else 200
    return render(
        request,
        "newsletters/preferences.html",
        {"form": form, "subscriber": subscriber, "saved": saved},
        status=status,
    )


def _initial(subscriber: Subscriber) -> dict:
    active = subscriber.subscriptions.filter(status=Subscription.ACTIVE).values_list(
        "newsletter_id", flat=True
    )
    return {"newsletters": list(active), "paused": subscriber.paused}


@csrf_exempt  # RFC 8058: the mail provider POSTs without cookies; the signed token authorises
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    try:
        subscriber_id, newsletter_id = tokens.read_unsubscribe_token(token)
    except tokens.BadToken:
        return _bad_link(request)
    if subscriber_id == tokens.TEST_SUBSCRIBER_ID:
        return _test_link(request)
    newsletter = Newsletter.objects.filter(pk=newsletter_id).first()
    if newsletter is None or not Subscriber.objects.filter(pk=subscriber_id).exists():
        return _bad_link(request)
    if request.method == "POST":
        services.subscription_cancel(subscriber_id=subscriber_id, newsletter_id=newsletter_id)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(
                gettext("Unsubscribed.") + "\n", content_type="text/plain; charset=utf-8"
            )
        done = True
    else:
        # A GET never unsubscribes: mail scanners follow links. The page asks for one click.
        done = False
    return render(
        request,
        "newsletters/unsubscribe.html",
        {
            "newsletter": newsletter,
            "done": done,
            "token": token,
            "manage_token": tokens.manage_token(subscriber_id),
        },
    )
