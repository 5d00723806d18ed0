"""Links in newsletter issues go through a signed redirect that counts and forwards.

A token signs (issue id, URL) with the site's secret; the redirect forwards only if the
signature holds AND the URL is one of that issue's links (IssueLink rows written when the
issue is rendered), so a token can never send a reader anywhere the issue did not. Without
the newsletter's `record_subscriber_clicks`, a link is the same for every reader and says
nothing about who clicked."""

from __future__ import annotations

import html as html_lib
import re

from django.core import signing
from django.urls import reverse

from masthead.core import site_url

from .models import IssueLink

CLICK_SALT = "masthead.analytics.newsletter-click"
OPEN_SALT = "masthead.analytics.newsletter-open"
READER_SALT = "masthead.analytics.newsletter-reader"
# Replaced per reader, like the unsubscribe link, when the newsletter keeps who clicked.
READER_MARK = "MHXREADERXMH"

_HREF = re.compile(r'href="(https?://[^"<>\s]+)"', re.IGNORECASE)
_TEXT_URL = re.compile(r"https?://[^\s<>\"]+")


def _trim(url: str) -> tuple[str, str]:
    """(url, punctuation after it): in prose, "see https://x.example/a." ends the sentence."""
    kept = url.rstrip(".,;:!?)'")
    return kept, url[len(kept) :]


def click_token(*, issue_id: int, url: str) -> str:
    return signing.dumps([issue_id, url], salt=CLICK_SALT, compress=True)


def read_click_token(token: str, *, max_age: int) -> tuple[int, str] | None:
    try:
        value = signing.loads(token, salt=CLICK_SALT, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not isinstance(value[0], int)
        or not isinstance(value[1], str)
    ):
        return None
    return value[0], value[1]


def reader_token(subscriber_id: int) -> str:
    return signing.dumps(subscriber_id, salt=READER_SALT)


def read_reader_token(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=READER_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return value if isinstance(value, int) else None


def click_url(*, issue_id: int, url: str, per_reader: bool) -> str:
    path = reverse("analytics:newsletter_click", args=[click_token(issue_id=issue_id, url=url)])
    return site_url.absolute_url(path) + (f"?r={READER_MARK}" if per_reader else "")


def open_pixel(issue_id: int) -> str:
    token = signing.dumps(issue_id, salt=OPEN_SALT)
    src = site_url.absolute_url(reverse("analytics:newsletter_open", args=[token]))
    return f'<img src="{src}" width="1" height="1" alt="" style="display:block;border:0">'


def track_links(*, issue, html: str, text: str, skip: tuple[str, ...]) -> tuple[str, str]:
    """The issue's HTML and text with every outgoing link sent through the click redirect
    (links containing any of `skip`, the per-reader unsubscribe and manage marks, are left
    alone) and, if the newsletter counts opens, a pixel. Side effect: the issue's links are
    recorded as IssueLink rows, the list the redirect forwards to."""
    newsletter = issue.newsletter
    per_reader = newsletter.record_subscriber_clicks
    # HTML attributes are escaped (&amp;); the link a reader is sent to is the real one.
    urls = {html_lib.unescape(u) for u in _HREF.findall(html)}
    urls |= {_trim(u)[0] for u in _TEXT_URL.findall(text)}
    urls = {u for u in urls if len(u) <= 2000 and not any(mark in u for mark in skip)}
    if issue.pk is None or not urls:
        return html, text
    IssueLink.objects.bulk_create(
        [IssueLink(issue=issue, url=u) for u in sorted(urls)], ignore_conflicts=True
    )
    tracked = {u: click_url(issue_id=issue.pk, url=u, per_reader=per_reader) for u in urls}

    def swap_href(match):
        url = html_lib.unescape(match.group(1))
        return f'href="{tracked[url]}"' if url in tracked else match.group(0)

    def swap_text(match):
        url, tail = _trim(match.group(0))
        return tracked.get(url, url) + tail

    html = _HREF.sub(swap_href, html)
    text = _TEXT_URL.sub(swap_text, text)
    if newsletter.track_opens:
        pixel = open_pixel(issue.pk)
        html = html.replace("</body>", pixel + "</body>", 1) if "</body>" in html else html + pixel
    return html, text
