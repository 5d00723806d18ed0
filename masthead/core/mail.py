"""Mail header values that come from people's input (a pitch headline, a display name, an
issue subject). Django refuses a header holding CR or LF (BadHeaderError), which made the
whole message fail; a header keeps its meaning with those characters folded to spaces."""

from __future__ import annotations

import re

# Line breaks of every kind (incl. U+2028/2029, NEL), tabs and other control characters.
_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")
_SPACES = re.compile(r"\s{2,}")


def header_safe(value, max_length: int = 200) -> str:
    """`value` as a one-line header: control characters and line breaks become one space,
    runs of spaces shrink to one, and it is cut to `max_length` (on a word where it can)."""
    text = _SPACES.sub(" ", _BREAKS.sub(" ", str(value))).strip()
    if len(text) <= max_length:
        return text
    cut = text[: max_length - 1]
    if " " in cut[max_length // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"
