"""Search snippets with the reader's words marked. Text comes only from what anyone may read
(memberships.access.public_blocks), and every piece is escaped before <mark> is added."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from masthead.memberships.access import public_blocks
from masthead.news.text import body_text

from . import conf
from .stemming import prefix_terms

_WORD = re.compile(r"\w+", re.UNICODE)


def query_terms(query: str, language: str = "") -> list[str]:
    """The distinct words of a query, longest first so that longer matches win. In the
    Ukrainian edition a Ukrainian word is its stem, as the search matched it (stemming.py)."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(query or ""):
        if len(word) > 1 or not word.isascii():
            term = prefix_terms([word], language)[0][0]
            seen.setdefault(term.casefold(), None)
        if len(seen) >= conf.SEARCH_MAX_HIGHLIGHT_TERMS:
            break
    return sorted(seen, key=len, reverse=True)


def _pattern(terms: list[str], whole_words: bool = False) -> re.Pattern | None:
    if not terms:
        return None
    # Word-start match: "bridge" marks "bridges" but not "abridged". With `whole_words` (terms
    # that are stems) the mark covers the rest of the word too: "війн" marks "війною" whole.
    tail = r"\w*" if whole_words else ""
    alternatives = "|".join(re.escape(t) for t in terms)
    return re.compile(rf"(?<!\w)((?:{alternatives}){tail})", re.IGNORECASE)


def mark(text: str, terms: list[str], *, whole_words: bool = False) -> SafeString:
    """Escape `text` and wrap each occurrence of a term in <mark>."""
    pattern = _pattern(terms, whole_words)
    if pattern is None:
        return escape(text)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped above


def public_text(page) -> str:
    """Standfirst and the public part of the body, as one line of plain text."""
    return " ".join([page.standfirst or "", body_text(public_blocks(page)).replace("\n", " ")])


def snippet(
    page, terms: list[str], width: int | None = None, *, whole_words: bool = False
) -> SafeString:
    """About `width` characters of the article's public text around the first match."""
    width = width or conf.SEARCH_SNIPPET_CHARS
    text = public_text(page).strip()
    pattern = _pattern(terms, whole_words)
    found = pattern.search(text) if pattern else None
    start = 0
    if found and found.start() > width // 3:
        start = found.start() - width // 3
        # Begin at a word boundary.
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < found.start() else start
    piece = text[start : start + width]
    if start + width < len(text):
        cut = piece.rfind(" ")
        piece = (piece[:cut] if cut > width // 2 else piece) + " …"
    if start > 0:
        piece = "… " + piece
    return mark(piece, terms, whole_words=whole_words)
