"""Email providers' tracking webhooks (bounces, complaints), through django-anymail's views,
which normalise Amazon SES, Postmark, Mailgun, SendGrid and the rest into one event signal
(`anymail.signals.tracking`, handled in signal_handlers.py). Each view is mounted at
/newsletters/webhooks/<provider>/tracking/ inside a guard that keeps our promises anymail leaves
open: no secret configured -> 503 instead of accepting anyone (anymail only warns); bad basic
auth or signature -> 401; a body anymail cannot parse -> 400 instead of a 500."""

from __future__ import annotations

import logging
from functools import cache, wraps

from anymail.exceptions import AnymailWebhookValidationFailure
from anymail.utils import get_anymail_setting
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

logger = logging.getLogger(__name__)

_SUFFIX = "_tracking_webhook"


def webhook_secret() -> list[str]:
    """The accepted "user:password" pairs (ANYMAIL_WEBHOOK_SECRET, the setting anymail reads)."""
    secret = get_anymail_setting("webhook_secret", default=[])
    if isinstance(secret, str):
        secret = [secret] if secret else []
    return [value for value in secret if value]


def _guarded(view, provider: str):
    @csrf_exempt  # providers post without cookies; basic auth (and signatures) authorise
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not webhook_secret():
            return JsonResponse(
                {"error": "Email provider webhooks are not configured (ANYMAIL_WEBHOOK_SECRET)."},
                status=503,
            )
        try:
            return view(request, *args, **kwargs)
        except AnymailWebhookValidationFailure:
            response = JsonResponse({"error": "Not authorised."}, status=401)
            response["WWW-Authenticate"] = 'Basic realm="webhooks"'
            return response
        except ImproperlyConfigured as error:  # e.g. a provider's signing key is not set
            logger.warning("%s webhook not usable: %s", provider, error)
            return JsonResponse({"error": f"Not configured: {error}"}, status=503)
        except (ValueError, KeyError, TypeError, IndexError, AttributeError) as error:
            # anymail's parsers assume the provider's shape; anything else is the sender's error
            logger.info("Malformed %s webhook: %r", provider, error)
            return JsonResponse({"error": "Malformed payload."}, status=400)

    return guarded


@cache
def _tracking_views() -> dict:
    """provider -> anymail's tracking webhook view. Read on the first webhook, not at start:
    anymail's URL module imports every provider's module, boto3 and botocore included,
    about 17 MB in each server process that never receives a webhook."""
    from anymail import urls as anymail_urls

    views = {}
    for pattern in anymail_urls.urlpatterns:
        name = pattern.name or ""
        if name.endswith(_SUFFIX):
            provider = name.removesuffix(_SUFFIX)
            views[provider] = _guarded(pattern.callback, provider)
    return views


@csrf_exempt  # providers post without cookies; basic auth (and signatures) authorise
def tracking_webhook(request, provider: str):
    view = _tracking_views().get(provider)
    if view is None:
        raise Http404("No such email provider.")
    return view(request)


urlpatterns = [
    path(
        "newsletters/webhooks/<slug:provider>/tracking/",
        tracking_webhook,
        name="tracking_webhook",
    )
]
