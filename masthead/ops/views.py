"""Health and metrics endpoints. None of them touches the session, so none sets a cookie."""

import hmac
import uuid

from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from masthead.caching.store import shared

from . import conf
from .selectors import live_workers, workers_needed


@never_cache
def healthz(request):
    """Liveness: the process answers. Touches nothing else, so a database outage does not get
    every web process restarted."""
    return HttpResponse("ok\n", content_type="text/plain")


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return f"failing: {error.__class__.__name__}"
    return "ok"


def _check_cache() -> str:
    key, value = "readyz:probe", uuid.uuid4().hex
    shared().set(key, value, 10)
    return "ok" if shared().get(key) == value else "failing"


def _check_worker() -> str:
    if not workers_needed():
        return "ok (tasks run in process)"
    try:
        count = live_workers().count()
    except DatabaseError:
        return "failing: database"
    return f"ok ({count} live)" if count else "failing: no worker heartbeat"


@never_cache
def readyz(request):
    """Readiness: database, cache and task workers. 503 when a required check fails."""
    checks = {
        "database": _check_database(),
        "cache": _check_cache(),
        "worker": _check_worker(),
    }
    required = conf.readyz_required()
    ready = all(checks[name].startswith("ok") for name in required if name in checks)
    return JsonResponse(
        {"status": "ready" if ready else "unavailable", "checks": checks},
        status=200 if ready else 503,
    )


@never_cache
def metrics(request):
    """Prometheus exposition, for a scraper holding ``METRICS_TOKEN`` as a bearer token.
    Without a token configured the endpoint does not exist."""
    from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

    from .metrics import registry

    token = conf.metrics_token()
    if not token:
        raise Http404
    given = request.headers.get("Authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        response = HttpResponse("unauthorised\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(generate_latest(registry()), content_type=CONTENT_TYPE_LATEST)
