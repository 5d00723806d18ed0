"""Making, finding and revoking API keys. Wagtail's APIToken makes the key (with a checksum,
so a mistyped or made-up key is refused without a query), keeps only its HMAC and shows it
once; an ApiKey beside it holds Masthead's scopes and rate limit."""

from django.db import transaction
from django.utils import timezone
from wagtail.models import APIToken

from masthead.audit.log import record

from .models import ApiKey

# last_used_at is written at most this often per key: a busy key costs no write per request.
LAST_USED_RESOLUTION_SECONDS = 60


def api_key_create(
    *, name: str, owner, scopes: list[str], created_by, request=None, rate_per_minute: int = 600
):
    """(the key's row, the key itself: show it now, it cannot be shown again)."""
    with transaction.atomic():
        token, raw = APIToken.create_token(user=owner, name=name)
        key = ApiKey.objects.create(
            token=token,
            scopes=sorted(set(scopes)),
            rate_per_minute=rate_per_minute,
            created_by=created_by,
        )
        record(
            "api.key.created",
            request=request,
            target=key,
            scopes=key.scopes,
            owner=owner.get_username(),
        )
    return key, raw


def api_key_revoke(*, key: ApiKey, request=None) -> None:
    if key.token.revoked_at is not None:
        return
    with transaction.atomic():
        key.token.revoke()
        record("api.key.revoked", request=request, target=key)


def find_key(raw: str) -> ApiKey | None:
    """The active key this string is, or None."""
    if not raw or len(raw) > 100 or not APIToken.validate_token_format(raw):
        return None
    key = (
        ApiKey.objects.active()
        .select_related("token__user")
        .filter(token__key_hash__in=APIToken.candidate_key_hashes(raw))
        .first()
    )
    if key is None or not key.token.user.is_active:
        return None
    token, now = key.token, timezone.now()
    if (
        token.last_used_at is None
        or (now - token.last_used_at).total_seconds() > LAST_USED_RESOLUTION_SECONDS
    ):
        APIToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return key
