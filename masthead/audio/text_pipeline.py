"""What every language's text preparation shares: the pipeline a line goes through, the
pauses punctuation becomes, when a run of digits is a code rather than an amount, and how
numbers reach num2words. Each language brings its own tables and steps: English (and any
language without its own rules) in text.py, Ukrainian in text_uk.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

SPACE = re.compile(r"[ \t]+")
# Longer digit runs are codes or serial numbers, not amounts (and num2words stops at 10**66).
LONGEST_AMOUNT = 15
# Markup characters a listener should not hear: each becomes a space.
MARKUP = r"*_#<>{}\[\]|\\^~"


def number_words(number: int, **kwargs) -> str:
    """num2words, imported here: only the narration worker reads numbers aloud (4.5 MB per
    process)."""
    from num2words import num2words

    return num2words(number, **kwargs)


def is_code(digits: str) -> bool:
    """Whether the whole part of a number is a code read digit by digit: longer than any
    amount, or with a leading zero ("0800")."""
    return len(digits) > LONGEST_AMOUNT or (len(digits) > 1 and digits.startswith("0"))


def longest_first(words: Iterable[str]) -> str:
    """A regex alternation of `words`, the longest first so that "km/h" wins over "km"."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def pauses(text: str, *, markup: str = MARKUP) -> str:
    """Dashes, brackets and markup as the reader's pauses: commas, or nothing."""
    text = text.replace("…", "...")
    # Dashes between words are a pause; between numbers they are ranges (each language
    # reads those in its own steps).
    text = re.sub(r"\s*[—―]\s*", ", ", text)
    text = re.sub(r"(?<=[^\W\d])\s+[–-]\s+(?=\w)", ", ", text)
    text = re.sub(r"\s*\(\s*", ", ", text)
    text = re.sub(r"\s*\)", ",", text)
    text = re.sub(rf"[{markup}]", " ", text)
    text = re.sub(r"\s+,", ",", text)
    return re.sub(r",\s*([,.!?;:])", r"\1", text)


def prepare(
    text: str, *, punctuation: Callable[[str], str], steps: Iterable[Callable[[str], str]]
) -> str:
    """One line through a language's punctuation and then its steps, in order, with the
    spacing and the stray commas at either end tidied."""
    text = punctuation(text)
    text = SPACE.sub(" ", text).strip()
    for step in steps:
        text = step(text)
    text = SPACE.sub(" ", text)
    return re.sub(r"^[,\s]+|[,\s]+$", "", text)
