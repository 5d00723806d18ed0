"""Reader account actions: sign-in links, sessions, data export and account deletion."""

import importlib
import logging
import secrets
from collections.abc import Iterator
from types import ModuleType

from django.apps import apps
from django.conf import settings
from django.contrib.auth import login, logout
from django.contrib.auth.base_user import BaseUserManager
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme

from masthead.audit.log import record
from masthead.audit.middleware import current_request
from masthead.core.mail import header_safe
from masthead.core.site_url import absolute_url

from . import conf, tokens
from .models import UsedSignInToken, User

logger = logging.getLogger(__name__)
LINK_BACKEND = "django.contrib.auth.backends.ModelBackend"


class AccountDeletionRefused(Exception):
    """An app's privacy hook cannot forget the reader yet (e.g. their membership could not be
    cancelled at the payment provider). Nothing was deleted; the message is for the reader."""


def normalize_email(email: str) -> str:
    return BaseUserManager.normalize_email(email.strip())


def find_account(email: str) -> User | None:
    """The active account for an address (the oldest, if staff once made duplicates)."""
    return (
        User.objects.filter(email__iexact=normalize_email(email), is_active=True)
        .order_by("pk")
        .first()
    )


def can_use_links(user: User) -> bool:
    """Staff sign in through the admin login (with its lock-out), never by emailed link."""
    return user.is_active and not user.is_newsroom_staff


def safe_next_url(url: str) -> str:
    if (
        url
        and url_has_allowed_host_and_scheme(url, allowed_hosts=None, require_https=False)
        and url.startswith("/")
        and not url.startswith("//")
    ):
        return url
    return ""


def request_sign_in_link(*, email: str, next_url: str = "", language: str = "en") -> None:
    """Queue the email with a sign-in link (after commit). The caller answers the same way
    whatever the address: whether an account exists is only told to the inbox's owner.
    `language`: the edition the reader asked from; the email is written in it."""
    from .tasks import send_sign_in_email

    email = normalize_email(email)
    next_url = safe_next_url(next_url)
    transaction.on_commit(
        lambda: send_sign_in_email.enqueue(email=email, next_url=next_url, language=language)
    )


def send_sign_in_email_now(*, email: str, next_url: str = "", language: str = "en") -> None:
    """Send one sign-in (or sign-up) email to `email`. Side effect: one email sent.
    A staff address gets a note pointing to the staff login instead of a link. Written in
    `language` (the link too, where URLs carry the edition)."""
    with translation.override(language):
        _send_sign_in_email(email=email, next_url=next_url)


def _send_sign_in_email(*, email: str, next_url: str) -> None:
    user = find_account(email)
    context = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "minutes": conf.SIGN_IN_LINK_MAX_AGE // 60,
        "is_new": user is None,
        "is_staff": bool(user and not can_use_links(user)),
        "staff_login_url": absolute_url(reverse("wagtailadmin_login")),
    }
    if not context["is_staff"]:
        token = tokens.make_token(email=email, next_url=next_url)
        context["link"] = absolute_url(reverse("accounts:link", args=[token]))
    subject = header_safe(render_to_string("accounts/email/sign_in_subject.txt", context))
    body = render_to_string("accounts/email/sign_in.txt", context)
    send_mail(subject, body, None, [email])


def sign_in_with_token(*, request, token: str) -> tuple[User, str]:
    """Use a sign-in link: create the reader's account if it is new, start a session.
    Raises tokens.InvalidLink for a bad, expired or used link. Returns (user, next url)."""
    with transaction.atomic():
        claim = tokens.use_token(token)
        user = find_account(claim.email)
        if user is None:
            user = User(username=f"reader-{secrets.token_hex(6)}", email=claim.email)
            user.set_unusable_password()
            user.save()
        elif not can_use_links(user):
            raise tokens.InvalidLink("staff")
    login(request, user, backend=LINK_BACKEND)
    return user, claim.next_url


def remember_language(*, user: User, language: str) -> None:
    """Keep the edition a reader last signed in from: mail sent to them later (lock-out
    warnings) is written in it. Side effect: one UPDATE, only when it changed."""
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def sign_out_everywhere(*, request, user: User) -> None:
    """End every session of `user`, on every device, including this one."""
    user.rotate_session_salt()
    user.save(update_fields=["session_salt"])
    logout(request)


def forget_used_tokens() -> int:
    """Delete records of links that have expired anyway. Returns how many."""
    cutoff = timezone.now() - timezone.timedelta(seconds=conf.SIGN_IN_LINK_MAX_AGE * 2)
    deleted, _ = UsedSignInToken.objects.filter(used_at__lt=cutoff).delete()
    return deleted


def privacy_modules() -> Iterator[tuple[str, ModuleType]]:
    """Each Masthead app's `privacy` module, if it has one: (app label, module)."""
    for app_config in apps.get_app_configs():
        if not app_config.name.startswith("masthead."):
            continue
        module_name = f"{app_config.name}.privacy"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue
            raise
        yield app_config.label, module


def export_user_data(*, user: User) -> dict:
    """Everything Masthead stores about `user`, one key per app. No side effects."""
    data = {"generated_at": timezone.now().isoformat()}
    for label, module in privacy_modules():
        export = getattr(module, "export_user_data", None)
        if export:
            data[label] = export(user)
    record(
        "privacy.export",
        request=current_request(),
        actor=_actor(user),
        target=user,
        apps=sorted(k for k in data if k != "generated_at"),
    )
    return data


def _actor(user):
    """Who asked: the signed-in request's user (the reader, or staff acting for them)."""
    request = current_request()
    signed_in = getattr(request, "user", None)
    return signed_in if signed_in is not None and signed_in.is_authenticated else user


def delete_account(*, user: User, request=None) -> None:
    """Delete a reader and their data. Each app's `privacy.delete_user_data(user)` runs first
    (comments are anonymised or removed, as the site is set), then the account itself.
    Signs the request's session out. Raises AccountDeletionRefused, deleting nothing, when a
    hook cannot let the reader go yet."""
    with transaction.atomic():
        hooks = []
        for label, module in privacy_modules():
            delete = getattr(module, "delete_user_data", None)
            if delete and label != "accounts":
                delete(user)
                hooks.append(label)
        # Written in the same transaction: a deletion that rolls back leaves no entry.
        record(
            "privacy.delete",
            request=request or current_request(),
            actor=_actor(user),
            target=user,
            apps=hooks,
        )
        user.delete()
    if request is not None:
        logout(request)


def send_lockout_email_now(*, user_id: int, ip: str, scope: str) -> None:
    """Email the owner of `user_id` that failed sign-ins delay their account. Side effect:
    one email (none if the account is gone or has no address)."""
    user = User._default_manager.filter(pk=user_id).first()
    if user is None or not user.email:
        return
    context = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "user": user,
        "ip": ip,
        "spread_out": scope == "account",
        "minutes": conf.LOGIN_LOCKOUT_SECONDS // 60,
        "staff_login_url": absolute_url(reverse("wagtailadmin_login")),
    }
    with translation.override(user.language):
        subject = render_to_string("accounts/email/locked_out_subject.txt", context).strip()
        body = render_to_string("accounts/email/locked_out.txt", context)
    send_mail(subject, body, None, [user.email])
