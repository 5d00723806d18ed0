"""A comment's text as safe HTML: escaped plain text, paragraphs, and links made clickable.

Readers write plain text. We never trust any markup in it: every character is escaped,
then only our own <p>, <br> and <a href="http(s)://..."> are added, and the result goes
through nh3 as a second line of defence."""

import functools
import re

import nh3
from django.utils.html import escape

# http(s) URLs and bare www. addresses; stops at whitespace, quotes and angle brackets.
URL_RE = re.compile(r"""(?:\bhttps?://|\bwww\.)[^\s<>"'`]+""", re.IGNORECASE)
TRAILING = ".,;:!?)]}*_"
ALLOWED_TAGS = {"p", "br", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
LINK_REL = "nofollow ugc noopener noreferrer"


def find_links(text: str) -> list[str]:
    return [match.group(0).rstrip(TRAILING) for match in URL_RE.finditer(text)]


def _linkify(line: str) -> str:
    out, last = [], 0
    for match in URL_RE.finditer(line):
        url = match.group(0).rstrip(TRAILING)
        if not url or url.lower() in ("www.", "http://", "https://"):
            continue
        start, end = match.start(), match.start() + len(url)
        href = url if url.lower().startswith("http") else f"https://{url}"
        out.append(escape(line[last:start]))
        out.append(f'<a href="{escape(href)}">{escape(url)}</a>')
        last = end
    out.append(escape(line[last:]))
    return "".join(out)


@functools.lru_cache(maxsize=1024)
def render_body(text: str) -> str:
    """A comment's text as safe HTML (paragraphs, line breaks, links). Remembered for the
    texts rendered most lately: the block renders every comment on each request."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()) if p]
    html = "".join(
        "<p>" + "<br>".join(_linkify(line) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
    )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel=LINK_REL,
    )
