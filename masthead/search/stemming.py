"""Matching across word forms in the Ukrainian edition.

Neither engine stems Ukrainian: SQLite's FTS5 (unicode61 tokenizer) only folds case and
diacritics, and PostgreSQL has no Ukrainian snowball configuration (nor do the snowball
stemmers on PyPI: snowballstemmer and PyStemmer have Russian, not Ukrainian). So the index
keeps the words as written, and a query word is cut to its stem here and searched as a
prefix ("війна" -> "війн*", which finds "війни", "війною", "війні"). Both engines search
prefixes through their index (FTS5 prefix queries, `:*` in a PostgreSQL tsquery), and the
snippets mark the whole original word that begins with the stem (highlight.py).

The stemmer is light: it removes one inflectional ending (and a reflexive -ся/-сь), never
leaving fewer than three letters. It does not undo vowel or consonant alternations ("міст"
/ "мосту", "рука" / "руці", "Київ" / "Києва"): those forms are not found from each other.
"""

from __future__ import annotations

import re

# Inflectional endings of nouns, adjectives, participles and verbs, longest first.
_ENDINGS = sorted(
    {
        # adjectives and participles
        "ого",
        "ому",
        "ими",
        "іми",
        "ий",
        "ій",
        "ої",
        "ою",
        "ею",
        "ая",
        "яя",
        "ее",
        "ую",
        "юю",
        "их",
        "іх",
        "им",
        "ім",
        "ього",
        "ьому",
        "ьої",
        # nouns
        "ами",
        "ями",
        "ьми",
        "ах",
        "ях",
        "ам",
        "ям",
        "ом",
        "ем",
        "єм",
        "ів",
        "їв",
        "ей",
        "ові",
        "еві",
        "єві",
        "єю",
        # verbs (present, infinitive, past)
        "ати",
        "яти",
        "ити",
        "іти",
        "ють",
        "ять",
        "уть",
        "ать",
        "ить",
        "іть",
        "ємо",
        "емо",
        "имо",
        "ете",
        "єте",
        "ите",
        # one letter
        "а",
        "е",
        "є",
        "и",
        "і",
        "ї",
        "о",
        "у",
        "ю",
        "я",
        "ь",
        "й",
    },  # fmt: skip
    key=len,
    reverse=True,
)
_REFLEXIVE = ("ся", "сь")
MIN_STEM = 3
_CYRILLIC = re.compile(r"[а-яіїєґ]", re.IGNORECASE)
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"})


def is_cyrillic(word: str) -> bool:
    return bool(_CYRILLIC.search(word))


def stem_uk(word: str) -> str:
    """The stem of a Ukrainian word, lower-cased; other words are returned lower-cased."""
    word = word.lower().translate(_APOSTROPHES)
    if not is_cyrillic(word) or len(word) <= MIN_STEM:
        return word
    for reflexive in _REFLEXIVE:
        if word.endswith(reflexive) and len(word) - len(reflexive) >= MIN_STEM + 1:
            word = word[: -len(reflexive)]
            break
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def prefix_terms(words: list[str], language: str) -> list[tuple[str, bool]]:
    """Each query word as (term, is_prefix) for `language`'s edition: a Ukrainian word
    longer than two letters becomes its stem, searched as a prefix; other words (English,
    numbers, very short words) are searched as they are."""
    if (language or "").lower().split("-")[0] != "uk":
        return [(word, False) for word in words]
    terms = []
    for word in words:
        if is_cyrillic(word) and len(word) > 2:
            terms.append((stem_uk(word), True))
        else:
            terms.append((word.lower(), False))
    return terms
