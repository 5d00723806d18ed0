"""Who may write, and whether a write request is one the API reads at all.

Writes take a key only (`Authorization: Bearer ...`): a session cookie never authenticates
one, so a signed-in browser cannot be made to write (no CSRF to worry about). The checks run
before django-ninja parses the body, in this order: key (401), scope (403), the key's rate
limit, shared with its reads (429), content type (415), size (413), JSON (400) and NUL
characters (400: PostgreSQL refuses them in text). The parsed JSON is kept on the request
for the API's parser (`PreParsedJSON`), so the body is read once.
"""

import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from ninja.errors import HttpError
from ninja.parser import Parser
from ninja.security import HttpBearer

from masthead.caching import limits

from .keys import find_key


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        self.retry_after = retry_after


class Invalid(Exception):
    """A 400 naming the fields at fault: (field, message) pairs."""

    def __init__(self, problems: list[tuple[str, str]], detail: str = "Invalid request."):
        super().__init__(detail)
        self.detail = detail
        self.problems = problems


def max_write_bytes() -> int:
    return getattr(settings, "API_WRITE_MAX_BYTES", 1_000_000)


def count_request(key) -> None:
    """One more request on the key's budget (reads and writes share it); 429 past it."""
    if not limits.allow(f"api:key:{key.pk}", limit=key.rate_per_minute, window=60):
        raise RateLimited(60)


def _reject_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _nul_paths(value, path: str = "") -> list[str]:
    if isinstance(value, str):
        return [path or "(body)"] if "\x00" in value else []
    if isinstance(value, dict):
        found = []
        for name, inner in value.items():
            where = f"{path}.{name}" if path else str(name)
            found += [where] if "\x00" in str(name) else _nul_paths(inner, where)
        return found
    if isinstance(value, list):
        return [p for i, inner in enumerate(value) for p in _nul_paths(inner, f"{path}.{i}")]
    return []


def read_json(request) -> dict:
    """The request's JSON object, or the 4xx that says what is wrong with it."""
    if request.content_type != "application/json":
        raise HttpError(415, "Send the request as JSON (Content-Type: application/json).")
    limit = max_write_bytes()
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise HttpError(413, f"The request is larger than {limit} bytes.")
    try:
        body = request.body
    except RequestDataTooBig as error:
        raise HttpError(413, f"The request is larger than {limit} bytes.") from error
    if len(body) > limit:
        raise HttpError(413, f"The request is larger than {limit} bytes.")
    try:
        # JSON is UTF-8 (RFC 8259), whatever charset the header names.
        data = json.loads(body.decode("utf-8"), parse_constant=_reject_constant)
    except ValueError as error:
        raise Invalid([("(body)", str(error))], detail="Malformed JSON.") from error
    except RecursionError as error:
        raise Invalid([("(body)", "Nested too deeply.")], detail="Malformed JSON.") from error
    if not isinstance(data, dict):
        raise Invalid([("(body)", "Send one JSON object.")], detail="Malformed JSON.")
    nul = _nul_paths(data)
    if nul:
        raise Invalid([(path, "May not contain NUL characters.") for path in nul])
    return data


class KeyWithScope(HttpBearer):
    """ninja auth for a write endpoint: the request's key if it has ``scope``; see the
    module's docstring for what else is checked before the body is parsed."""

    def __init__(self, scope: str):
        super().__init__()
        self.scope = scope

    def __call__(self, request):
        scheme, _, raw = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
        if scheme.lower() != "bearer" or not raw.strip():
            raise HttpError(
                401, f"Writing needs an API key with the `{self.scope}` scope (Bearer)."
            )
        return self.authenticate(request, raw.strip())

    def authenticate(self, request, token):
        key = find_key(token)
        if key is None:
            raise HttpError(401, "Unknown or revoked API key.")
        if not key.has_scope(self.scope):
            raise HttpError(403, f"This key does not have the `{self.scope}` scope.")
        count_request(key)
        request.api_key = key
        request.api_json = read_json(request)
        return key


class PreParsedJSON(Parser):
    """The body as the write gate parsed it (see KeyWithScope), else parsed here."""

    def parse_body(self, request):
        if hasattr(request, "api_json"):
            return request.api_json
        return super().parse_body(request)
