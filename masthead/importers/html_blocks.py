"""An imported post's HTML as the article body's StreamField blocks (masthead/news/blocks.py).

Paragraphs, headings, lists, quotes, pull quotes, pictures (with caption and credit) and
embeds become their own blocks. What no block can hold (a table, code, a form, an unknown
widget) is kept as a paragraph of sanitised HTML and listed, so an editor can find and fix
it; nothing is dropped without a word. Everything leaves through nh3: scripts, event
attributes and ``javascript:`` links never reach the database, and the conversion says what
it removed, so the report can name the post that carried them.

Pictures are left as ``ImageRef`` placeholders (their ``src``): the writer imports the file
and puts the image's id in their place.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import nh3

# What a paragraph block holds (masthead/core/blocks.py BODY_RICH_TEXT_FEATURES).
RICH_TAGS = {"b", "i", "a", "br", "ol", "ul", "li"}
RICH_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Formatting that rich text spells another way.
SYNONYMS = {"strong": "b", "em": "i"}
# Wrappers that carry no meaning of their own: their content is kept, they are not.
TRANSPARENT = {"span", "font", "div", "section", "article", "main", "header", "center"}
# Dropped with their content (and reported): active content, never text.
HOSTILE = {"script", "style", "object", "embed", "applet", "noscript", "template", "iframe"}
VOID = {"br", "img", "hr", "wbr", "source", "input", "meta", "link", "col", "area", "embed"}
BLOCK_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "figure", "img",
    "hr", "table", "pre", "iframe", "dl", "form", "aside", "details", "video", "audio",
    "nav", "footer", "div", "section", "article", "main", "header", "center",
}  # fmt: skip
# What a kept raw paragraph may contain: nh3's safe defaults minus images (a remote picture
# in a page would load from its old host) and anything that could submit or frame.
RAW_TAGS = (nh3.ALLOWED_TAGS - {"img", "area", "map"}) | {"figure", "figcaption"}
SUBHEADING_MAX, QUOTE_MAX, PULL_QUOTE_MAX, CAPTION_MAX, CREDIT_MAX = 200, 2000, 400, 500, 255
_CREDIT_IN_CAPTION = re.compile(
    r"^(?P<caption>.*?)[\s(\[|—–-]*(?:photo(?:graph)?|picture|image|credit|©)\s*(?:by|:)?\s*"
    r"(?P<credit>[^()\[\]]{2,120}?)[)\]]?\s*$",
    re.IGNORECASE | re.DOTALL,
)
_BARE_URL = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class ImageRef:
    """A picture of the body, by the address its HTML used; resolved by the writer."""

    src: str
    alt: str = ""


@dataclass
class Conversion:
    blocks: list[dict] = field(default_factory=list)
    # What no block could hold, kept as sanitised HTML: one short description each.
    raw_kept: list[str] = field(default_factory=list)
    # Hostile content removed: "script element", "onerror attribute", "javascript: link".
    removed: list[str] = field(default_factory=list)
    # Anything else changed on the way (a caption shortened): said in the report.
    notes: list[str] = field(default_factory=list)


# --- a small tree of the HTML --------------------------------------------------------------


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list = field(default_factory=list)  # Node or str

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find_all(self, tag: str):
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag:
                    yield child
                yield from child.find_all(tag)

    def find(self, tag: str):
        return next(self.find_all(tag), None)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class _TreeBuilder(HTMLParser):
    """Builds a Node tree; forgiving like a browser (unclosed tags close with their parent)
    and noting what is hostile as it goes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]
        self.removed: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if self.skipping:
            if tag not in VOID:
                self.skipping += 1
            return
        clean = {}
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.removed.append(f"{name} attribute")
                continue
            if name in {"href", "src", "action", "formaction", "xlink:href"} and _unsafe_url(value):
                self.removed.append(f"{value.split(':', 1)[0].strip().lower()}: link")
                continue
            clean[name] = value
        if tag in HOSTILE and tag != "iframe":
            self.removed.append(f"{tag} element")
            if tag not in VOID:
                self.skipping = 1
            return
        node = Node(tag, clean)
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and not self.skipping and self.stack[-1].tag == tag:
            self.stack.pop()
        elif tag not in VOID and self.skipping:
            self.skipping -= 1

    def handle_endtag(self, tag):
        if self.skipping:
            self.skipping -= 1
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        if not self.skipping:
            self.stack[-1].children.append(data)


def _unsafe_url(value: str) -> bool:
    scheme = re.sub(r"[\s\x00-\x1f]", "", value).split(":", 1)
    return len(scheme) == 2 and scheme[0].lower() in {"javascript", "vbscript", "data"}


def parse(html: str) -> tuple[Node, list[str]]:
    builder = _TreeBuilder()
    builder.feed(html or "")
    builder.close()
    return builder.root, builder.removed


# --- the conversion -----------------------------------------------------------------------


def convert(html: str, *, pull_quotes: bool = True) -> Conversion:
    """The blocks of ``html``. ``pull_quotes=False`` for pages, whose body has none (they
    become quotes). No side effects."""
    root, removed = parse(html)
    out = Conversion(removed=list(dict.fromkeys(removed)))
    _Converter(out, pull_quotes).run(root)
    return out


def _block(kind: str, value) -> dict:
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def rich_text(html: str) -> str:
    """Sanitised to what a paragraph block holds."""
    return nh3.clean(
        html,
        tags=RICH_TAGS,
        attributes=RICH_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        clean_content_tags=HOSTILE - {"iframe"},
    ).strip()


def raw_html(html: str) -> str:
    """Sanitised with the broad, safe set: what a kept raw paragraph holds."""
    return nh3.clean(
        html,
        tags=RAW_TAGS,
        url_schemes=URL_SCHEMES,
        clean_content_tags=HOSTILE - {"iframe"},
    ).strip()


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


class _Converter:
    def __init__(self, out: Conversion, pull_quotes: bool):
        self.out = out
        self.pull_quotes = pull_quotes
        self.inline: list = []  # inline content waiting to become a paragraph

    def run(self, root: Node) -> None:
        self.children(root.children)
        self.flush()

    def children(self, nodes) -> None:
        for node in nodes:
            if isinstance(node, str):
                self.text(node)
            elif node.tag in BLOCK_TAGS:
                self.flush()
                self.element(node)
            else:
                self.inline.append(node)

    def text(self, text: str) -> None:
        # Top-level text follows WordPress's rule (wpautop): a blank line ends a paragraph,
        # a single line break is a <br>.
        parts = re.split(r"\n\s*\n", text)
        for index, part in enumerate(parts):
            if index:
                self.flush()
            self.inline.append(part)

    def flush(self) -> None:
        nodes, self.inline = self.inline, []
        if not "".join(n if isinstance(n, str) else to_html(n) for n in nodes).strip():
            return
        self.paragraph(Node("p", {}, nodes), autop=True)

    # Each element kind ---------------------------------------------------------------

    def element(self, node: Node) -> None:
        tag = node.tag
        if tag == "p":
            self.paragraph(node)
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.heading(node)
        elif tag in {"ul", "ol"}:
            self.rich_or_raw(node, f"{'numbered' if tag == 'ol' else 'bulleted'} list")
        elif tag == "blockquote":
            self.blockquote(node)
        elif tag == "figure":
            self.figure(node)
        elif tag == "img":
            self.image(node, caption="")
        elif tag == "iframe":
            self.iframe(node, caption="")
        elif tag in TRANSPARENT:
            self.children(node.children)
            self.flush()
        else:
            self.raw(node, f"<{tag}>")

    def paragraph(self, node: Node, autop: bool = False) -> None:
        content = [c for c in node.children if not (isinstance(c, str) and not c.strip())]
        # A paragraph holding only a picture (WordPress wraps them so), or a link around one.
        if len(content) == 1 and isinstance(content[0], Node):
            only = content[0]
            if only.tag == "img":
                return self.image(only, caption="")
            if (
                only.tag == "a"
                and [c for c in only.children if isinstance(c, Node)]
                and all(
                    isinstance(c, Node) and c.tag == "img" or isinstance(c, str) and not c.strip()
                    for c in only.children
                )
            ):
                return self.image(only.find("img"), caption="")
        text = _squash(node.text())
        # A bare address on its own line: WordPress and Ghost show it as an embed.
        if _BARE_URL.match(text) and not node.find("a") and embed_url(text):
            self.out.blocks.append(_block("embed", {"embed": embed_url(text), "caption": ""}))
            return
        if node.find("img"):
            # Pictures inside running text: each becomes its own block after the words.
            pictures = list(node.find_all("img"))
            _remove(node, "img")
            self.paragraph(node, autop=autop)
            for picture in pictures:
                self.image(picture, caption="")
            return
        inner = "".join(to_html(c) for c in node.children)
        if autop:
            inner = inner.strip().replace("\n", "<br>")
        self.rich_or_raw(Node("p", {}, [_Raw(inner)]), "paragraph formatting", source=node)

    def rich_or_raw(self, node: Node, what: str, source: Node | None = None) -> None:
        """A paragraph block if rich text holds all of ``node``; else kept raw."""
        source = source or node
        lost = sorted(_tags_in(source) - RICH_TAGS - set(SYNONYMS) - TRANSPARENT - {"p"})
        html = to_html(node)
        if lost:
            kept = raw_html(html)
            if _squash(nh3.clean(kept, tags=set())):
                self.out.blocks.append(_block("paragraph", kept))
                self.out.raw_kept.append(f"{what} with {', '.join(f'<{t}>' for t in lost)}")
            return
        for old, new in SYNONYMS.items():
            html = re.sub(rf"<(/?){old}\b", rf"<\1{new}", html)
        value = rich_text(html)
        if not _squash(nh3.clean(value, tags=set())):
            return
        if node.tag in {"ul", "ol"} or not value.startswith("<p>"):
            value = value if node.tag in {"ul", "ol"} else f"<p>{value}</p>"
        self.out.blocks.append(_block("paragraph", value))

    def heading(self, node: Node) -> None:
        text = _squash(node.text())
        if not text:
            return
        if len(text) > SUBHEADING_MAX:
            self.out.blocks.append(_block("paragraph", f"<p><b>{escape(text)}</b></p>"))
            self.out.notes.append("a heading too long for a subheading kept as a bold paragraph")
            return
        self.out.blocks.append(_block("subheading", text))

    def blockquote(self, node: Node) -> None:
        classes = node.classes
        if classes & {"twitter-tweet", "instagram-media", "tiktok-embed"}:
            links = [a.attrs.get("href", "") for a in node.find_all("a")]
            url = next((u for u in reversed(links) if embed_url(u)), "")
            if url:
                self.out.blocks.append(_block("embed", {"embed": embed_url(url), "caption": ""}))
                return
        attribution = ""
        for tag in ("cite", "footer"):
            found = node.find(tag)
            if found is not None:
                attribution = _squash(found.text())
                _remove(node, tag)
                break
        paragraphs = [_squash(p.text()) for p in node.find_all("p")] or [_squash(node.text())]
        text = "\n\n".join(p for p in paragraphs if p)
        if not text:
            return
        pull = bool(classes & {"pullquote", "wp-block-pullquote", "kg-blockquote-alt"})
        value = {"attribution": attribution[: CREDIT_MAX - 55]}
        if pull and self.pull_quotes and len(text) <= PULL_QUOTE_MAX:
            self.out.blocks.append(_block("pull_quote", {"text": text, **value}))
        elif len(text) <= QUOTE_MAX:
            self.out.blocks.append(_block("quote", {"quote": text, **value}))
        else:
            self.raw(node, "a quotation longer than a quote block holds")

    def figure(self, node: Node) -> None:
        caption_node = node.find("figcaption")
        caption, credit = "", ""
        if caption_node is not None:
            caption, credit = split_credit(caption_node)
            _remove(node, "figcaption")
        classes = node.classes
        if classes & {"wp-block-pullquote"} or node.find("blockquote") is not None:
            quote = node.find("blockquote")
            if classes & {"wp-block-pullquote"}:
                quote.attrs["class"] = quote.attrs.get("class", "") + " pullquote"
            return self.blockquote(quote)
        picture = node.find("img")
        if picture is not None and not node.find("table"):
            return self.image(picture, caption=caption, credit=credit)
        frame = node.find("iframe")
        if frame is not None:
            return self.iframe(frame, caption=caption)
        url = _squash(node.text())
        is_embed = classes & {"wp-block-embed", "kg-embed-card"} or _BARE_URL.match(url)
        if is_embed and embed_url(url):
            value = {"embed": embed_url(url), "caption": caption[:CAPTION_MAX]}
            self.out.blocks.append(_block("embed", value))
            return
        if caption_node is not None:
            node.children.append(caption_node)
        self.raw(node, "<figure>")

    def image(self, node: Node, *, caption: str, credit: str = "") -> None:
        src = node.attrs.get("src", "").strip()
        if not src:
            self.out.notes.append("a picture without an address left out")
            return
        if len(caption) > CAPTION_MAX:
            self.out.notes.append("a caption longer than 500 characters shortened")
            caption = caption[: CAPTION_MAX - 1] + "…"
        value = {
            "image": ImageRef(src=src, alt=node.attrs.get("alt", "")),
            "caption": caption,
            "credit": credit[:CREDIT_MAX],
        }
        self.out.blocks.append(_block("image", value))

    def iframe(self, node: Node, *, caption: str) -> None:
        src = node.attrs.get("src", "")
        url = embed_url(src)
        if url:
            value = {"embed": url, "caption": caption[:CAPTION_MAX]}
            self.out.blocks.append(_block("embed", value))
            return
        # A frame from a host no embed provider knows: kept as a link to it, and said.
        link = f'<p><a href="{escape(src)}">{escape(src)}</a></p>' if src else ""
        kept = raw_html(link)
        if kept:
            self.out.blocks.append(_block("paragraph", kept))
        self.out.raw_kept.append(f"an <iframe> from an unknown host ({src[:80]}) kept as a link")

    def raw(self, node: Node, what: str) -> None:
        kept = raw_html(to_html(node))
        if not _squash(nh3.clean(kept, tags=set())) and "<hr" not in kept:
            if node.find("img") is not None:
                for picture in node.find_all("img"):
                    self.image(picture, caption="")
                return
            return
        self.out.blocks.append(_block("paragraph", kept))
        self.out.raw_kept.append(what)
        for picture in node.find_all("img"):
            self.image(picture, caption="")


class _Raw(str):
    """Already-HTML text inside a Node (to_html leaves it as it is)."""


def to_html(node) -> str:
    if isinstance(node, _Raw):
        return str(node)
    if isinstance(node, str):
        return escape(node, quote=False)
    attrs = "".join(f' {k}="{escape(v)}"' for k, v in node.attrs.items())
    inner = "".join(to_html(child) for child in node.children)
    if node.tag in VOID:
        return f"<{node.tag}{attrs}>"
    return f"<{node.tag}{attrs}>{inner}</{node.tag}>"


def _tags_in(node: Node) -> set[str]:
    found = set()
    for child in node.children:
        if isinstance(child, Node):
            found.add(child.tag)
            found |= _tags_in(child)
    return found


def _remove(node: Node, tag: str) -> None:
    node.children = [c for c in node.children if not (isinstance(c, Node) and c.tag == tag)]
    for child in node.children:
        if isinstance(child, Node):
            _remove(child, tag)


def split_credit(caption_node: Node) -> tuple[str, str]:
    """(caption, credit) from a figcaption: a <cite>, <small> or .credit inside it is the
    credit; else a trailing "Photo: …" or "© …"."""
    for child in caption_node.find_all("cite"):
        return _without(caption_node, child), _squash(child.text())
    for child in caption_node.find_all("small"):
        return _without(caption_node, child), _squash(child.text())
    for child in caption_node.find_all("span"):
        if "credit" in child.classes:
            return _without(caption_node, child), _squash(child.text())
    text = _squash(caption_node.text())
    match = _CREDIT_IN_CAPTION.match(text)
    if match and match.group("credit").strip():
        return match.group("caption").strip(" .,;—–-|"), match.group("credit").strip(" .")
    return text, ""


def _without(node: Node, child: Node) -> str:
    node.children = [c for c in node.children if c is not child]
    for sub in node.children:
        if isinstance(sub, Node):
            sub.children = [c for c in sub.children if c is not child]
    return _squash(node.text()).strip(" .,;—–-|")


_YOUTUBE_EMBED = re.compile(r"^/embed/([\w-]{6,})")
_VIMEO_PLAYER = re.compile(r"^/video/(\d+)")


def embed_url(url: str) -> str:
    """The address to embed for ``url`` (a page or a player's frame address) if an embed
    provider Wagtail knows serves it, else ""."""
    url = (url or "").strip()
    if url.startswith("//"):
        url = "https:" + url
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return ""
    host = parts.netloc.lower().removeprefix("www.")
    if host in {"youtube.com", "youtube-nocookie.com"}:
        match = _YOUTUBE_EMBED.match(parts.path)
        if match:
            url = f"https://www.youtube.com/watch?v={match.group(1)}"
        elif parts.path == "/watch" and not parse_qs(parts.query).get("v"):
            return ""
    elif host == "player.vimeo.com":
        match = _VIMEO_PLAYER.match(parts.path)
        url = f"https://vimeo.com/{match.group(1)}" if match else ""
    return url if url and _provider_accepts(url) else ""


def _provider_accepts(url: str) -> bool:
    from wagtail.embeds.finders.oembed import OEmbedFinder

    global _finder
    if _finder is None:
        _finder = OEmbedFinder()
    return _finder.accept(url)


_finder = None
