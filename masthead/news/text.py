"""Plain text out of an article body: for word counts, summaries and search."""

import math
import re

from django.utils.html import strip_tags
from django.utils.text import Truncator

WORDS_PER_MINUTE = 220
_SPACE = re.compile(r"\s+")

# Block types whose words a reader reads in the running text.
READ_BLOCKS = {"paragraph", "subheading", "quote", "pull_quote"}


def block_text(block) -> str:
    value = block.value
    if block.block_type == "paragraph":
        return strip_tags(value.source).replace("&nbsp;", " ")
    if block.block_type == "subheading":
        return str(value)
    if block.block_type in ("quote", "pull_quote"):
        return value.get("quote") or value.get("text") or ""
    return ""


def body_text(body) -> str:
    """Every readable sentence of a StreamField body (or a list of its blocks), one block
    per line. For what a given reader may see, pass memberships.access.public_blocks(page)."""
    parts = (block_text(block) for block in body if block.block_type in READ_BLOCKS)
    return "\n".join(_SPACE.sub(" ", part).strip() for part in parts if part.strip())


def word_count(text: str) -> int:
    return len(text.split())


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def summary(text: str, words: int = 30) -> str:
    return Truncator(_SPACE.sub(" ", text).strip()).words(words)
