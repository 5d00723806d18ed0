"""The reader-facing endpoints: the view beacon, the narration beacon, the newsletter click
redirect and the open pixel. None reads or sets a cookie, none stores an address."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from django.core import signing
from django.db.models import F
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from masthead.core import site_url
from masthead.news import popular

from . import classify, conf, recording
from .models import IssueLink, IssueOpens, SubscriberClick
from .newsletter_links import OPEN_SALT, read_click_token, read_reader_token

MAX_BEACON_BYTES = 300
_PAGE_ID = re.compile(r"^[1-9][0-9]{0,11}$")
_QUARTILES = {"0": 0, "25": 25, "50": 50, "75": 75, "100": 100}
# A transparent 1x1 GIF.
PIXEL = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


class BadBeacon(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def _fields(request) -> dict[str, str]:
    """The beacon's fields (form-encoded; a bare id as plain text is accepted too)."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise BadBeacon("Bad Content-Length.") from None
    if declared > MAX_BEACON_BYTES:
        raise BadBeacon("A beacon is a few bytes.", 413)
    body = request.read(MAX_BEACON_BYTES + 1)
    if len(body) > MAX_BEACON_BYTES:
        raise BadBeacon("A beacon is a few bytes.", 413)
    try:
        text = body.decode("ascii")
    except UnicodeDecodeError:
        raise BadBeacon("Send id=<article id>.") from None
    if "=" not in text:
        return {"id": text.strip()}
    parsed = parse_qs(text, max_num_fields=6)
    if any(len(values) != 1 for values in parsed.values()):
        raise BadBeacon("Send each field once.")
    return {name: values[0] for name, values in parsed.items()}


def _article_id(fields: dict[str, str]) -> int:
    raw = fields.get("id", "")
    if not _PAGE_ID.match(raw):
        raise BadBeacon("Send id=<article id>.")
    page_id = int(raw)
    if not popular.is_countable(page_id):
        raise BadBeacon("No such article.", 404)
    return page_id


def _own_hosts(request) -> set[str]:
    hosts = {classify.clean_host(urlsplit(site_url.root()).hostname or "")}
    hosts.add(classify.clean_host(request.get_host()))
    return hosts


def _beacon(request, handle):
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return HttpResponse("Counted from this site only.", status=403)
    try:
        fields = _fields(request)
        page_id = _article_id(fields)
        agent = request.headers.get("User-Agent", "")
        if not popular.is_bot(agent):
            handle(request, fields, page_id, agent)
    except BadBeacon as error:
        return HttpResponse(str(error), status=error.status, content_type="text/plain")
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response


def _count_view(request, fields, page_id, agent):
    newsletter = fields.get("src") == "newsletter"
    host = classify.clean_host(fields.get("ref", ""))
    recording.record_view(
        article_id=page_id,
        address=request.META.get("REMOTE_ADDR", ""),
        user_agent=agent,
        referrer=classify.referrer_class(
            host, own_hosts=_own_hosts(request), newsletter=newsletter
        ),
        host=host,
        device=classify.device_class(agent),
    )


def _count_listen(request, fields, page_id, agent):
    quartile = _QUARTILES.get(fields.get("q", ""))
    if quartile is None:
        raise BadBeacon("Send q=0 (a play), 25, 50, 75 or 100.")
    recording.record_listen(
        article_id=page_id,
        quartile=quartile,
        address=request.META.get("REMOTE_ADDR", ""),
        user_agent=agent,
    )


@csrf_exempt  # a beacon carries no token and changes nothing but a counter
@require_POST
def view_beacon(request):
    """Count one article view (js/popular.js): referrer host and class, device class."""
    return _beacon(request, _count_view)


@csrf_exempt
@require_POST
def listen_beacon(request):
    """Count a narration play or a quartile reached (js/audio-player.js)."""
    return _beacon(request, _count_listen)


def _no_store(response):
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _forward_url(url: str) -> str:
    """Links to this site say they came from a newsletter, so the view beacon can tell."""
    parts = urlsplit(url)
    if parts.hostname and parts.hostname == urlsplit(site_url.root()).hostname:
        query = parts.query + ("&" if parts.query else "") + urlencode({"utm_medium": "email"})
        return urlunsplit(parts._replace(query=query))
    return url


def _bad_click_link() -> HttpResponse:
    message = gettext("This link is not valid.")
    return _no_store(HttpResponse(message, status=404))


@require_GET
def newsletter_click(request, token: str):
    """Count a click on a newsletter link and forward to it; only to links of that issue."""
    found = read_click_token(token, max_age=conf.click_max_age_days() * 86400)
    if found is None:
        return _bad_click_link()
    issue_id, url = found
    link = (
        IssueLink.objects.filter(issue_id=issue_id, url=url)
        .select_related("issue__newsletter")
        .first()
    )
    if link is None:
        # Said in the language of the issue the reader clicked in.
        from masthead.newsletters.models import Issue

        # A newsletter's language is its edition's (Newsletter.locale), not a field of its own.
        language = (
            Issue.objects.filter(pk=issue_id)
            .values_list("newsletter__locale__language_code", flat=True)
            .first()
        )
        with translation.override(language or translation.get_language()):
            return _bad_click_link()
    IssueLink.objects.filter(pk=link.pk).update(clicks=F("clicks") + 1)
    if link.issue.newsletter.record_subscriber_clicks:
        subscriber_id = read_reader_token(request.GET.get("r", ""))
        if (
            subscriber_id is not None
            and link.issue.deliveries.filter(subscriber_id=subscriber_id).exists()
        ):
            SubscriberClick.objects.create(
                link=link, subscriber_id=subscriber_id, at=timezone.now()
            )
    return _no_store(HttpResponseRedirect(_forward_url(link.url)))


@require_GET
def newsletter_open(request, token: str):
    """The open pixel: counted only for newsletters that track opens."""
    try:
        issue_id = signing.loads(token, salt=OPEN_SALT, max_age=timedelta(days=400))
    except (signing.BadSignature, ValueError, TypeError):
        issue_id = None
    if isinstance(issue_id, int):
        from masthead.newsletters.models import Issue

        issue = Issue.objects.filter(pk=issue_id, newsletter__track_opens=True).first()
        if issue is not None:
            opens, _ = IssueOpens.objects.get_or_create(issue=issue)
            IssueOpens.objects.filter(pk=opens.pk).update(opens=F("opens") + 1)
    return _no_store(HttpResponse(PIXEL, content_type="image/gif"))
