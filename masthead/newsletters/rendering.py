"""Turning an issue into email: rendered ONCE per issue (HTML with CSS inlined by css-inline,
and a plain-text part), with placeholders where each reader's own links go. Personalising a
message is then a few byte replacements, which is what lets two workers send 100,000
messages a minute.

Article text here comes only from `public_blocks` (and the standfirst): a newsletter never
carries the withheld part of a premium article."""

from __future__ import annotations

import re
import secrets
import textwrap
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import normalize_newlines
from wagtail.rich_text import expand_db_html

from masthead.core import site_url
from masthead.core.mail import header_safe
from masthead.datadesk.charts.render import email_images
from masthead.memberships.access import public_blocks

from . import conf, tokens
from .models import Issue, Newsletter

# Plain ASCII words that survive HTML escaping, CSS inlining and MIME 8bit encoding intact.
UNSUBSCRIBE_MARK = "MHXUNSUBSCRIBEURLXMH"
MANAGE_MARK = "MHXMANAGEURLXMH"
# Lines in an 8bit MIME part must stay under 998 octets; we keep well below.
MAX_LINE = 900

# Seams for other apps, filled in their apps.ready() (analytics: the click redirect).
# link_filters: functions (issue=, html=, text=, skip=) -> (html, text), run once per issue.
# reader_marks: mark -> function(subscriber_id) -> str, put in each reader's copy.
link_filters: list = []
reader_marks: dict = {}


def absolute(path: str) -> str:
    return site_url.absolute_url(path)


def _url_around(name: str, site_url: str) -> tuple[str, str]:
    # Keyed by the active language too: an edition's URLs may carry its prefix (/uk/).
    return _url_around_in(name, site_url, translation.get_language())


@lru_cache(maxsize=16)
def _url_around_in(name: str, site_url: str, language: str | None) -> tuple[str, str]:
    """(before, after) the token in the absolute URL of a view: reverse() once, not per mail."""
    before, _, after = reverse(name, args=["TOKEN"]).partition("TOKEN")
    return f"{site_url}{before}", after


def unsubscribe_url(*, subscriber_id: int, newsletter_id: int) -> str:
    token = tokens.unsubscribe_token(subscriber_id=subscriber_id, newsletter_id=newsletter_id)
    before, after = _url_around("newsletters:unsubscribe", site_url.root())
    return f"{before}{token}{after}"


def manage_url(subscriber_id: int) -> str:
    before, after = _url_around("newsletters:preferences", site_url.root())
    return f"{before}{tokens.manage_token(subscriber_id)}{after}"


def unsubscribe_mailto(*, newsletter: Newsletter, token: str) -> str:
    address = conf.get("UNSUBSCRIBE_MAILTO")
    if not address:
        domain = newsletter.from_email.rpartition("@")[2].rstrip(">") or "localhost"
        address = f"unsubscribe@{domain}"
    return f"mailto:{address}?subject=unsubscribe-{token}"


def _wrap_long_lines(text: str) -> str:
    """Break lines longer than MAX_LINE at a space (HTML treats the newline as a space)."""
    out = []
    for line in text.split("\n"):
        while len(line) > MAX_LINE:
            cut = line.rfind(" ", 0, MAX_LINE)
            if cut <= 0:
                break
            out.append(line[:cut])
            line = line[cut + 1 :]
        out.append(line)
    return "\n".join(out)


def _paragraph_text(block) -> str:
    return " ".join(
        strip_tags(
            str(block.value.source if hasattr(block.value, "source") else block.value)
        ).split()
    )


def story_for(article) -> dict:
    """What an issue shows of one article: headline, standfirst, byline, the first public
    paragraph and its public charts (public_blocks decides what is public)."""
    blocks = list(public_blocks(article))
    paragraphs = [_paragraph_text(block) for block in blocks if block.block_type == "paragraph"]
    section = article.get_parent()
    return {
        "title": article.title,
        "url": site_url.page_url(article) or absolute("/"),
        "standfirst": article.standfirst,
        "section": section.title if section and section.depth > 2 else "",
        "authors": ", ".join(author.name for author in article.authors),
        "paragraphs": [p for p in paragraphs[:1] if p],
        # Charts go as PNG pictures, drawn by the data desk's chart code (no SVG in email).
        "charts": email_images(blocks),
    }


def _text_story(story: dict) -> dict:
    fill = lambda value: textwrap.fill(value, width=76)  # noqa: E731
    return {
        **story,
        "title": fill(story["title"]),
        "standfirst": fill(story["standfirst"]),
        "paragraphs": [fill(p) for p in story["paragraphs"]],
    }


@lru_cache(maxsize=1)
def _inliner():
    # Imported here: only sending and previewing an issue inline CSS (1.6 MB per web worker).
    import css_inline

    return css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)


@dataclass
class RenderedIssue:
    """One issue, rendered, with UNSUBSCRIBE_MARK / MANAGE_MARK in place of each reader's links."""

    issue_id: int
    newsletter_id: int
    subject: str
    html: str
    text: str
    from_email: str
    reply_to: list[str]
    list_id: str
    mailto_prefix: str
    domain: str
    language: str = "en"
    _mime: tuple[bytes, list] | None = field(default=None, repr=False)
    # (before, after) the token in the unsubscribe and preferences URLs, resolved once in the
    # issue's language (an edition's URLs may carry its prefix), not once per message.
    _around: tuple[tuple[str, str], tuple[str, str]] | None = field(default=None, repr=False)

    def personal(self, *, subscriber_id: int) -> tuple[str, str]:
        if self._around is None:
            with translation.override(self.language):
                root = site_url.root()
                self._around = (
                    _url_around("newsletters:unsubscribe", root),
                    _url_around("newsletters:preferences", root),
                )
        (u_before, u_after), (m_before, m_after) = self._around
        unsubscribe = tokens.unsubscribe_token(
            subscriber_id=subscriber_id, newsletter_id=self.newsletter_id
        )
        return (
            f"{u_before}{unsubscribe}{u_after}",
            f"{m_before}{tokens.manage_token(subscriber_id)}{m_after}",
        )

    def headers(self, *, subscriber_id: int, unsubscribe: str) -> dict[str, str]:
        token = unsubscribe.rstrip("/").rpartition("/")[2]
        mailto = f"{self.mailto_prefix}{token}"
        return {
            "List-Id": self.list_id,
            "List-Unsubscribe": f"<{unsubscribe}>, <{mailto}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Message-ID": self.message_id(subscriber_id),
        }

    def message_id(self, subscriber_id: int) -> str:
        return f"<{self.issue_id}.{subscriber_id}.{secrets.token_hex(8)}@{self.domain}>"

    def _reader_values(self, subscriber_id: int) -> list[tuple[str, str]]:
        return [
            (mark, value(subscriber_id))
            for mark, value in reader_marks.items()
            if mark in self.html or mark in self.text
        ]

    def email(self, *, to: str, subscriber_id: int, connection=None) -> EmailMultiAlternatives:
        """A complete Django message for this reader (works with every email backend)."""
        unsubscribe, manage = self.personal(subscriber_id=subscriber_id)
        text, html = self.text, self.html
        for mark, value in self._reader_values(subscriber_id):
            text, html = text.replace(mark, value), html.replace(mark, value)
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=text.replace(UNSUBSCRIBE_MARK, unsubscribe).replace(MANAGE_MARK, manage),
            from_email=self.from_email,
            to=[to],
            reply_to=self.reply_to,
            headers=self.headers(subscriber_id=subscriber_id, unsubscribe=unsubscribe),
            connection=connection,
        )
        message.attach_alternative(
            html.replace(UNSUBSCRIBE_MARK, unsubscribe).replace(MANAGE_MARK, manage),
            "text/html",
        )
        return message

    def fast_email(self, *, to: str, subscriber_id: int) -> PrebuiltEmail:
        """The same message as `email()`, assembled from MIME bytes built once per issue.
        For SMTP backends, which send `message().as_bytes()` as it is."""
        return PrebuiltEmail(
            self.raw(to=to, subscriber_id=subscriber_id), from_email=self.from_email, to=[to]
        )

    def raw(self, *, to: str, subscriber_id: int) -> bytes:
        """The complete RFC 5322 message for one reader, as bytes (CRLF line ends): the
        issue's MIME bytes, built once, joined with this reader's headers and links."""
        if self._mime is None:
            self._mime = self._mime_template()
        head, pieces = self._mime
        unsubscribe, manage = self.personal(subscriber_id=subscriber_id)
        token = unsubscribe.rstrip("/").rpartition("/")[2]
        personal = (
            f"To: {to}\r\n"
            f"Date: {_date_header()}\r\n"
            f"Message-ID: {self.message_id(subscriber_id)}\r\n"
            f"List-Unsubscribe: <{unsubscribe}>,\r\n <{self.mailto_prefix}{token}>\r\n"
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n\r\n"
        ).encode("ascii")
        links = (
            unsubscribe.encode(),
            manage.encode(),
            *(value.encode() for _, value in self._reader_values(subscriber_id)),
        )
        # pieces: body text, mark, body text, mark, ..., body text (see _mime_template)
        chunks = [head, personal]
        for index, piece in enumerate(pieces):
            chunks.append(links[piece] if index % 2 else piece)
        return b"".join(chunks)

    def _mime_template(self) -> tuple[bytes, list]:
        """(head, pieces): the issue's header block without the per-reader headers, and its
        body cut at the marks; pieces alternate body bytes and a link number (0: unsubscribe,
        1: manage)."""
        template = EmailMultiAlternatives(
            subject=self.subject,
            body=self.text,
            from_email=self.from_email,
            to=["template@localhost"],
            reply_to=self.reply_to,
            headers={"List-Id": self.list_id},
        )
        template.attach_alternative(self.html, "text/html")
        message = template.message()
        for name in ("To", "Date", "Message-ID"):
            del message[name]
        raw = message.as_bytes(linesep="\r\n")
        head, _, body = raw.partition(b"\r\n\r\n")
        extra = [mark.encode() for mark in reader_marks if mark in self.html or mark in self.text]
        marks = (UNSUBSCRIBE_MARK.encode(), MANAGE_MARK.encode(), *extra)
        # Both parts must be 8bit (not quoted-printable or base64) for the marks to survive.
        if body.count(marks[0]) != 2 or body.count(marks[1]) != 2:
            raise ValueError("The issue's MIME parts were re-encoded; cannot personalise fast.")
        pieces = re.split(b"(" + b"|".join(marks) + b")", body)
        for index in range(1, len(pieces), 2):
            pieces[index] = marks.index(pieces[index])
        return head + b"\r\n", pieces


_date_cache: tuple[int, str] = (0, "")


def _date_header() -> str:
    """RFC 5322 date of now (UTC), formatted once per second rather than once per message."""
    global _date_cache
    now = int(time.time())
    if _date_cache[0] != now:
        _date_cache = (now, formatdate(now))
    return _date_cache[1]


class _RawMessage:
    def __init__(self, raw: bytes):
        self.raw = raw

    def as_bytes(self, linesep: str = "\r\n") -> bytes:
        return self.raw

    def get_charset(self):
        return None


class PrebuiltEmail(EmailMultiAlternatives):
    """An EmailMessage whose MIME form is already built (SMTP-family backends only)."""

    def __init__(self, raw: bytes, **kwargs):
        super().__init__(**kwargs)
        self.raw = raw

    def message(self, *args, **kwargs):
        return _RawMessage(self.raw)


def newsroom_name() -> str:
    from wagtail.models import Site

    from masthead.core.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return settings.WAGTAIL_SITE_NAME
    return SiteSettings.for_site(site).newsroom_name or settings.WAGTAIL_SITE_NAME


def issue_articles(issue: Issue) -> list:
    from masthead.news.models import ArticlePage

    ids = list(issue.items.order_by("sort_order").values_list("article_id", flat=True))
    articles = (
        ArticlePage.objects.live().filter(pk__in=ids).prefetch_related("article_authors__author")
    )
    by_id = {article.pk: article for article in articles}
    return [by_id[pk] for pk in ids if pk in by_id]


def render_issue(issue: Issue) -> RenderedIssue:
    """Render an issue once, in its newsletter's edition language: HTML (CSS inlined, long
    lines wrapped) and plain text. Readers' links are made in the sending code, under the
    same language (see RenderedIssue.personal)."""
    with translation.override(issue.newsletter.language):
        rendered = _render_issue(issue)
    rendered.language = issue.newsletter.language
    return rendered


def _render_issue(issue: Issue) -> RenderedIssue:
    newsletter = issue.newsletter
    stories = [story_for(article) for article in issue_articles(issue)]
    # Rich-text links to pages are paths; an email client has no site to resolve them against.
    intro_html = site_url.absolute_links(expand_db_html(issue.intro)) if issue.intro else ""
    intro_text = textwrap.fill(
        " ".join(strip_tags(re.sub(r"</p>|<br\s*/?>", " \n", intro_html)).split()), width=76
    )
    context = {
        "issue": issue,
        "newsroom_name": newsroom_name(),
        "site_url": site_url.root(),
        "unsubscribe_url": UNSUBSCRIBE_MARK,
        "manage_url": MANAGE_MARK,
    }
    html = render_to_string(
        "newsletters/email/issue.html",
        {**context, "stories": stories, "intro": mark_safe(intro_html)},  # noqa: S308 - rich text
    )
    html = _wrap_long_lines(_inliner().inline(html))
    text = render_to_string(
        "newsletters/email/issue.txt",
        {**context, "stories": [_text_story(s) for s in stories], "intro_text": intro_text},
    )
    text = normalize_newlines(re.sub(r"\n{3,}", "\n\n", text)).strip() + "\n"
    for link_filter in link_filters:
        html, text = link_filter(
            issue=issue, html=html, text=text, skip=(UNSUBSCRIBE_MARK, MANAGE_MARK)
        )
    domain = urlsplit(site_url.root()).hostname or "localhost"
    return RenderedIssue(
        issue_id=issue.pk,
        newsletter_id=newsletter.pk,
        subject=header_safe(issue.subject),
        html=html,
        text=text,
        from_email=newsletter.from_email,
        reply_to=[newsletter.reply_to] if newsletter.reply_to else [],
        list_id=f"{header_safe(newsletter.name, 100)} <{newsletter.slug}.{domain}>",
        mailto_prefix=unsubscribe_mailto(newsletter=newsletter, token=""),
        domain=domain,
    )
