"""The write API at /api/v1/: draft articles and news-feed items from integrations (a wire
desk, a liveblog tool), with a key that has the `write_drafts` or `write_feed` scope.

Each request is one transaction: the item, its revision, its workflow state, its audit entry
and its `Idempotency-Key` record are stored together or not at all. A retry with the same
`Idempotency-Key` (and the same request) gets the first answer again, marked with
`Idempotent-Replayed: true`; the same key with a different request is a 422. Keys are kept
for API_IDEMPOTENCY_HOURS (24).

Registered on the read API's NinjaAPI (one schema, one set of error shapes); urls.py imports
this module before it asks for the API's URLs.
"""

import hashlib
import re
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from ninja.errors import HttpError

from . import schemas, services
from .access import KeyWithScope
from .api import api
from .models import SCOPE_WRITE_DRAFTS, SCOPE_WRITE_FEED, IdempotentWrite

WRITE_ERRORS = {
    400: schemas.InvalidOut,
    401: schemas.ErrorOut,
    403: schemas.ErrorOut,
    413: schemas.ErrorOut,
    415: schemas.ErrorOut,
    422: schemas.ErrorOut,
    429: schemas.ErrorOut,
}
_IDEMPOTENCY_KEY = re.compile(r"[\x21-\x7e]{1,255}")  # visible ASCII, as header values go


def _idempotency_key(request) -> str | None:
    raw = request.headers.get("Idempotency-Key")
    if raw is None:
        return None
    raw = raw.strip().strip('"')
    if not _IDEMPOTENCY_KEY.fullmatch(raw):
        raise HttpError(400, "Idempotency-Key must be 1 to 255 visible ASCII characters.")
    return raw


def _fingerprint(request) -> str:
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    digest.update(request.body)
    return digest.hexdigest()


def _replay(request, stored: IdempotentWrite, fingerprint: str):
    if stored.fingerprint != fingerprint:
        raise HttpError(422, "This Idempotency-Key was already used for a different request.")
    response = api.create_response(request, stored.response, status=stored.status)
    response["Idempotent-Replayed"] = "true"
    return response


def _write(request, create, data, status=201, **arguments):
    """Run ``create`` in one transaction, once per Idempotency-Key."""
    key = request.auth
    idempotency_key = _idempotency_key(request)
    fingerprint = _fingerprint(request) if idempotency_key else ""
    hours = getattr(settings, "API_IDEMPOTENCY_HOURS", 24)
    try:
        with transaction.atomic():
            if idempotency_key:
                IdempotentWrite.objects.filter(
                    key=key, created_at__lt=timezone.now() - timedelta(hours=hours)
                ).delete()
                # Taken first: a concurrent retry waits here until this request commits,
                # then finds the key used (IntegrityError) and replays the answer.
                record = IdempotentWrite.objects.create(
                    key=key,
                    idempotency_key=idempotency_key,
                    fingerprint=fingerprint,
                    status=0,
                    response={},
                )
            try:
                result = create(key=key, data=data, request=request, **arguments)
            except services.NotAllowed as refused:
                raise HttpError(403, str(refused)) from refused
            except services.NotFound as missing:
                raise HttpError(404, str(missing)) from missing
            except services.Conflict as conflict:
                raise HttpError(409, str(conflict)) from conflict
            if idempotency_key:
                record.status, record.response = status, result
                record.save(update_fields=["status", "response"])
    except IntegrityError:
        if not idempotency_key:
            raise
        stored = IdempotentWrite.objects.filter(key=key, idempotency_key=idempotency_key).first()
        if stored is None:
            raise
        return _replay(request, stored, fingerprint)
    return api.create_response(request, result, status=status)


@api.post(
    "/articles/",
    auth=KeyWithScope(SCOPE_WRITE_DRAFTS),
    response={201: schemas.ArticleCreatedOut, **WRITE_ERRORS},
    tags=["write"],
    summary="Create a draft article",
)
def create_article(request, payload: schemas.ArticleIn):
    """A draft article in a section, by the key's owner, sent to the newsroom's review
    workflow (status `in_review`; `draft` where no workflow covers the section). The API
    never publishes an article. Needs the `write_drafts` scope; send `Idempotency-Key` to
    make retries safe."""
    return _write(request, services.article_draft_create, payload)


@api.patch(
    "/articles/{article_id}/",
    auth=KeyWithScope(SCOPE_WRITE_DRAFTS),
    response={
        200: schemas.ArticleCreatedOut,
        404: schemas.ErrorOut,
        409: schemas.ErrorOut,
        **WRITE_ERRORS,
    },
    tags=["write"],
    summary="Change a draft article this key made",
)
def update_article(request, article_id: int, payload: schemas.ArticlePatch):
    """Changes to a draft made with this key, while it is a draft and not being reviewed
    (`409` otherwise: once an editor sends it back, it can change again). Only the fields
    sent change. The new revision goes to review again."""
    if not 0 < article_id < 2**63:
        raise HttpError(404, "This key made no draft with this id.")
    return _write(
        request, services.article_draft_update, payload, status=200, article_id=article_id
    )


@api.post(
    "/feed-items/",
    auth=KeyWithScope(SCOPE_WRITE_FEED),
    response={201: schemas.FeedItemCreatedOut, **WRITE_ERRORS},
    tags=["write"],
    summary="Create a news-feed item",
)
def create_feed_item(request, payload: schemas.FeedItemIn):
    """A news-feed item by the key's owner, sent to review like a reporter's (`in_review`).
    With `publish: true` it goes live at once, where the site allows it
    (API_FEED_ITEMS_MAY_PUBLISH) and the owner may publish feed items; otherwise that is a
    403. Needs the `write_feed` scope."""
    return _write(request, services.feed_item_create, payload)
