"""The reader's sign-in pages and account page. Every page here is private and uncached."""

import json

from django.contrib import messages
from django.contrib.auth import authenticate, login, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail import hooks

from masthead.caching.limits import allow

from . import conf, lockout, services, tokens
from .forms import (
    DeleteAccountForm,
    EmailLinkForm,
    PasswordSignInForm,
    ProfileForm,
    ReaderPasswordForm,
)
from .languages import reader_language

SIGN_IN_URL = "accounts:sign_in"
# English originals; readers get gettext(...) of each.
LINK_ERRORS = {
    "tampered": gettext_noop(
        "This sign-in link is not valid. It may have been cut short or changed."
    ),
    "expired": gettext_noop("This sign-in link has expired. Links work for {minutes} minutes."),
    "used": gettext_noop("This sign-in link has already been used. Each link works once."),
    "staff": gettext_noop(
        "Staff accounts sign in through the newsroom login, not by emailed link."
    ),
}


def _sign_in_page(request, *, link_form=None, password_form=None, status=200):
    next_url = services.safe_next_url(request.GET.get("next") or request.POST.get("next", ""))
    return render(
        request,
        "accounts/sign_in.html",
        {
            "link_form": link_form or EmailLinkForm(initial={"next": next_url}),
            "password_form": password_form or PasswordSignInForm(initial={"next": next_url}),
        },
        status=status,
    )


@never_cache
def sign_in(request):
    if request.method != "POST":
        if request.user.is_authenticated:
            return redirect("accounts:account")
        return _sign_in_page(request)
    if request.POST.get("method") == "password":
        return _password_sign_in(request)
    form = EmailLinkForm(request.POST)
    if not form.is_valid():
        return _sign_in_page(request, link_form=form, status=400)
    email = services.normalize_email(form.cleaned_data["email"])
    per_address = allow(
        f"sign-in-link:email:{email.lower()}",
        limit=conf.SIGN_IN_REQUESTS_PER_WINDOW,
        window=conf.SIGN_IN_REQUEST_WINDOW,
    )
    per_client = allow(
        f"sign-in-link:ip:{lockout.client_ip(request)}",
        limit=conf.SIGN_IN_REQUESTS_PER_WINDOW * 4,
        window=conf.SIGN_IN_REQUEST_WINDOW,
    )
    if not (per_address and per_client):
        return render(request, "accounts/too_many.html", status=429)
    services.request_sign_in_link(
        email=email, next_url=form.cleaned_data["next"], language=reader_language()
    )
    return redirect("accounts:link_sent")


def _password_sign_in(request):
    form = PasswordSignInForm(request.POST)
    if not form.is_valid():
        return _sign_in_page(request, password_form=form, status=400)
    user = services.find_account(form.cleaned_data["email"])
    username = user.get_username() if user else form.cleaned_data["email"]
    if lockout.is_locked_out(request, username):
        return render(request, "accounts/too_many.html", status=429)
    try:
        authenticated = authenticate(
            request, username=username, password=form.cleaned_data["password"]
        )
    except PermissionDenied:
        authenticated = None
    if authenticated is None or not services.can_use_links(authenticated):
        if user is None:
            # Count guesses at unknown addresses too, so both cases look the same.
            lockout.record_failure(request, username)
        form.add_error(None, gettext("That email address and password do not match."))
        return _sign_in_page(request, password_form=form, status=400)
    login(request, authenticated)
    services.remember_language(user=authenticated, language=reader_language())
    return redirect(services.safe_next_url(form.cleaned_data["next"]) or "accounts:account")


@never_cache
def link_sent(request):
    return render(request, "accounts/link_sent.html", {"minutes": conf.SIGN_IN_LINK_MAX_AGE // 60})


@never_cache
def follow_link(request, token: str):
    """GET shows a button; POST signs in. Mail scanners that fetch links do not use them up."""
    try:
        if request.method == "POST":
            user, next_url = services.sign_in_with_token(request=request, token=token)
            services.remember_language(user=user, language=reader_language())
            return redirect(services.safe_next_url(next_url) or "accounts:account")
        claim = tokens.read_token(token)
    except tokens.InvalidLink as invalid:
        message = gettext(LINK_ERRORS[invalid.reason]).format(
            minutes=conf.SIGN_IN_LINK_MAX_AGE // 60
        )
        return render(
            request,
            "accounts/link_invalid.html",
            {"message": message, "reason": invalid.reason},
            status=400,
        )
    return render(request, "accounts/link_confirm.html", {"email": claim.email})


def account_sections(request) -> list:
    """HTML sections other apps add to the account page through the
    `masthead_account_sections` Wagtail hook: fn(request) -> HTML string or None."""
    sections = []
    for fn in hooks.get_hooks("masthead_account_sections"):
        html = fn(request)
        if html:
            sections.append(mark_safe(html))  # noqa: S308 - rendered by the app's own template
    return sections


def _account_page(request, *, profile_form=None, password_form=None, delete_form=None, status=200):
    return render(
        request,
        "accounts/account.html",
        {
            "profile_form": profile_form or ProfileForm(instance=request.user),
            "password_form": password_form or ReaderPasswordForm(request.user),
            "delete_form": delete_form or DeleteAccountForm(),
            "sections": account_sections(request),
            "is_staff_account": request.user.is_newsroom_staff,
        },
        status=status,
    )


@never_cache
@login_required(login_url=SIGN_IN_URL)
def account(request):
    return _account_page(request)


@never_cache
@require_POST
@login_required(login_url=SIGN_IN_URL)
def update_profile(request):
    form = ProfileForm(request.POST, instance=request.user)
    if not form.is_valid():
        return _account_page(request, profile_form=form, status=400)
    form.save()
    messages.success(request, gettext("Your name is saved."))
    return redirect("accounts:account")


@never_cache
@require_POST
@login_required(login_url=SIGN_IN_URL)
def set_password(request):
    if request.user.is_newsroom_staff:
        raise PermissionDenied
    form = ReaderPasswordForm(request.user, request.POST)
    if not form.is_valid():
        return _account_page(request, password_form=form, status=400)
    form.save()
    update_session_auth_hash(request, request.user)
    messages.success(request, gettext("Your password is set."))
    return redirect("accounts:account")


@never_cache
@require_POST
@login_required(login_url=SIGN_IN_URL)
def export_data(request):
    data = services.export_user_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-masthead-data.json"'
    return response


@never_cache
@require_POST
@login_required(login_url=SIGN_IN_URL)
def delete_account(request):
    if request.user.is_newsroom_staff:
        raise PermissionDenied  # staff accounts are closed by an administrator
    form = DeleteAccountForm(request.POST)
    if not form.is_valid():
        return _account_page(request, delete_form=form, status=400)
    try:
        services.delete_account(user=request.user, request=request)
    except services.AccountDeletionRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("accounts:account")
    return render(request, "accounts/deleted.html")


@require_POST
def sign_out(request):
    from django.contrib.auth import logout

    logout(request)
    return redirect("/")


@never_cache
@require_POST
@login_required(login_url=SIGN_IN_URL)
def sign_out_everywhere(request):
    services.sign_out_everywhere(request=request, user=request.user)
    messages.success(request, gettext("You are signed out on every device."))
    return redirect("accounts:sign_in")
