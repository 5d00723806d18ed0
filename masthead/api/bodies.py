"""Article bodies sent to the write API, made into StreamField data the editor can open.

Two ways in: `body`, a JSON list of `{"type": ..., "value": ...}` blocks of the article's own
types (news/blocks.py), and `body_html`, HTML split into blocks. All HTML that reaches a
rich-text value goes through nh3 with the editor's own features only (bold, italic, links,
lists): rich text is stored as HTML and rendered as stored, so a `<script>`, an `on*`
attribute or a `javascript:` link would otherwise reach readers once an editor publishes.
Plain-text values (subheadings, quotes) are escaped by the templates and need no cleaning.
"""

import html as html_module
import re
from html.parser import HTMLParser

import nh3
from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock

# What the body's rich text may hold (core/blocks.py BODY_RICH_TEXT_FEATURES, as HTML).
RICH_TEXT_TAGS = {"p", "b", "i", "strong", "em", "a", "ol", "ul", "li", "br"}
RICH_TEXT_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Also understood in body_html, where they become blocks of their own.
HTML_BLOCK_TAGS = {"h2", "h3", "h4", "h5", "h6", "blockquote"}
SUBHEADING_MAX = 200  # core/blocks.py's intent (its Meta.max_length is not enforced)
_BOLD_ITALIC = re.compile(r"<(/?)(strong|em)>")


class BodyError(Exception):
    """Problems with the body, as (field path, message) pairs."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__(problems)
        self.problems = problems


def clean_rich_text(html: str) -> str:
    """HTML for a paragraph: only the editor's tags, only web and mail links."""
    cleaned = nh3.clean(
        html,
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    # The editor's bold and italic are <b> and <i>; nh3's output has no attributes on these.
    return _BOLD_ITALIC.sub(lambda m: f"<{m[1]}{'b' if m[2] == 'strong' else 'i'}>", cleaned)


# --- body: JSON blocks ------------------------------------------------------------------


def _sanitised(block, raw, path: str):
    """``raw`` with every rich-text value in it cleaned; refuses shapes the block cannot
    hold (a list where a text goes, an unknown field of a struct)."""
    if isinstance(block, blocks.RichTextBlock):
        if not isinstance(raw, str):
            raise BodyError([(path, "Must be a string of HTML.")])
        return clean_rich_text(raw)
    if isinstance(block, blocks.StructBlock):
        if not isinstance(raw, dict):
            fields = ", ".join(block.child_blocks)
            raise BodyError([(path, f"Must be an object with the fields {fields}.")])
        unknown = sorted(set(raw) - set(block.child_blocks))
        if unknown:
            fields = ", ".join(block.child_blocks)
            raise BodyError([(path, f"Unknown fields: {', '.join(unknown)}. Known: {fields}.")])
        return {
            name: _sanitised(block.child_blocks[name], value, f"{path}.{name}")
            for name, value in raw.items()
        }
    if isinstance(block, blocks.ListBlock):
        if not isinstance(raw, list):
            raise BodyError([(path, "Must be a list.")])
        return [_sanitised(block.child_block, v, f"{path}.{i}") for i, v in enumerate(raw)]
    if isinstance(block, blocks.ChooserBlock):
        # An id the database can hold: PostgreSQL aborts the transaction on an overflow.
        if raw is not None and (type(raw) is not int or not 0 < raw < 2**31):
            raise BodyError([(path, "Must be the id (a positive number) of what it shows.")])
        return raw
    if raw is not None and not isinstance(raw, str | int | float | bool):
        raise BodyError([(path, "Must be a single value (text, number or id), not a list.")])
    return raw


def _flatten(data: dict, path: str) -> list[tuple[str, str]]:
    """Wagtail's block error data (as_json_data) as (path, message) pairs."""
    found = [(path, str(message)) for message in data.get("messages", [])]
    nested = data.get("blockErrors") or {}
    items = nested.items() if isinstance(nested, dict) else enumerate(nested)
    for name, inner in items:
        if inner:
            found += _flatten(inner, f"{path}.{name}")
    return found


def _block_errors(error: ValidationError, path: str) -> list[tuple[str, str]]:
    if hasattr(error, "as_json_data"):
        return _flatten(error.as_json_data(), path) or [(path, "Invalid value.")]
    return [(path, message) for message in error.messages]


def _check_embed(raw, path: str) -> None:
    # Not the block's clean: that asks the provider over the network. The URL's form is
    # checked here; an editor sees the embed itself in review.
    url = raw.get("embed") if isinstance(raw, dict) else None
    if not isinstance(url, str) or not re.match(r"https?://[^\s/]+\.[^\s]+$", url):
        raise BodyError([(f"{path}.embed", "Must be an http(s) link to the embedded item.")])
    if len(url) > 1000:
        raise BodyError([(f"{path}.embed", "Must be at most 1000 characters.")])


def blocks_from_json(raw_blocks, stream_block, *, max_blocks: int) -> list[dict]:
    """The `body` list as StreamField data, each block checked as the editor checks it."""
    if not isinstance(raw_blocks, list):
        raise BodyError([("body", "Must be a list of blocks.")])
    if len(raw_blocks) > max_blocks:
        raise BodyError([("body", f"At most {max_blocks} blocks.")])
    known = stream_block.child_blocks
    problems, data = [], []
    for index, item in enumerate(raw_blocks):
        path = f"body.{index}"
        if not isinstance(item, dict) or set(item) - {"type", "value"} or "type" not in item:
            problems.append((path, 'Each block is {"type": ..., "value": ...}.'))
            continue
        kind = item["type"]
        if not isinstance(kind, str) or kind not in known:
            problems.append((f"{path}.type", f"Unknown block type. Known: {', '.join(known)}."))
            continue
        block = known[kind]
        try:
            value = _sanitised(block, item.get("value"), f"{path}.value")
            if isinstance(block, EmbedBlock) or "embed" in getattr(block, "child_blocks", {}):
                _check_embed(value, f"{path}.value")
                block.child_blocks["caption"].clean(value.get("caption") or "")
            else:
                block.clean(block.to_python(value))
            if kind == "subheading" and len(value or "") > SUBHEADING_MAX:
                raise BodyError([(f"{path}.value", f"At most {SUBHEADING_MAX} characters.")])
        except BodyError as error:
            problems += error.problems
            continue
        except ValidationError as error:
            problems += _block_errors(error, f"{path}.value")
            continue
        except (TypeError, ValueError, AttributeError, KeyError, LookupError, OverflowError):
            problems.append((f"{path}.value", f"Not a valid value for a {kind} block."))
            continue
        data.append({"type": kind, "value": value})
    if problems:
        raise BodyError(problems)
    return data


# --- body_html: HTML split into blocks ----------------------------------------------------


class _TopLevel(HTMLParser):
    """Splits sanitised HTML into its top-level elements (and loose text between them)."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.parts: list[tuple[str | None, str]] = []  # (top-level tag or None, html)
        self._depth = 0
        self._tag = None
        self._buffer: list[str] = []

    def _flush_loose(self):
        text = "".join(self._buffer)
        if text.strip():
            self.parts.append((None, text))
        self._buffer = []

    def handle_starttag(self, tag, attrs):
        if self._depth == 0 and tag not in ("b", "i", "strong", "em", "a", "br"):
            self._flush_loose()
            self._tag = tag
        if self._tag is not None and tag != "br":
            self._depth += 1
        self._buffer.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self._buffer.append(f"</{tag}>")
        if self._tag is not None and tag != "br":
            self._depth -= 1
            if self._depth == 0:
                self.parts.append((self._tag, "".join(self._buffer)))
                self._buffer, self._tag = [], None

    def handle_data(self, data):
        self._buffer.append(data)

    def handle_entityref(self, name):
        self._buffer.append(f"&{name};")

    def handle_charref(self, name):
        self._buffer.append(f"&#{name};")

    def close(self):
        super().close()
        if self._tag is not None:
            self.parts.append((self._tag, "".join(self._buffer)))
            self._buffer, self._tag = [], None
        self._flush_loose()


def _unescape(text: str) -> str:
    return html_module.unescape(text).strip()


def blocks_from_html(html: str, *, max_blocks: int) -> list[dict]:
    """`body_html` as blocks: paragraphs and lists become paragraph blocks, headings
    subheadings, blockquotes quotes. Cleaned first, so nothing hostile is even split."""
    cleaned = nh3.clean(
        html,
        tags=RICH_TEXT_TAGS | HTML_BLOCK_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    parser = _TopLevel()
    parser.feed(cleaned)
    parser.close()
    data = []
    for tag, part in parser.parts:
        if tag in ("h2", "h3", "h4", "h5", "h6"):
            text = _unescape(nh3.clean(part, tags=set()))
            if text:
                data.append({"type": "subheading", "value": text[:200]})
        elif tag == "blockquote":
            text = _unescape(nh3.clean(part.replace("</p>", "</p>\n"), tags=set()))
            if text:
                data.append({"type": "quote", "value": {"quote": text[:2000], "attribution": ""}})
        else:
            if tag in ("ol", "ul", "p"):
                rich = clean_rich_text(part)
            else:
                rich = clean_rich_text(f"<p>{part.strip()}</p>")
            if _unescape(nh3.clean(rich, tags=set())):
                data.append({"type": "paragraph", "value": rich})
    if len(data) > max_blocks:
        raise BodyError([("body_html", f"At most {max_blocks} blocks.")])
    return data
