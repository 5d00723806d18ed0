"""The text a narration engine receives: headline, standfirst and the public body, with
numbers, dates, times, money, abbreviations, quotes and dashes written out as a newsreader
would say them. Engines are left only plain words and sentence punctuation."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from django.utils.html import strip_tags
from num2words import num2words

# Blocks read aloud; images (captions), embeds and related-article cards are skipped.
SPOKEN_BLOCKS = {"paragraph", "subheading", "quote", "pull_quote"}

MONTHS = {
    "jan": "January",
    "feb": "February",
    "mar": "March",
    "apr": "April",
    "may": "May",
    "jun": "June",
    "jul": "July",
    "aug": "August",
    "sep": "September",
    "sept": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}
_MONTH_NAMES = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)

# Abbreviations a listener should hear in full (or letter by letter). Order matters only
# where one is a prefix of another; each is matched as a whole word.
ABBREVIATIONS = {
    "U.S.": "U S",
    "U.K.": "U K",
    "U.N.": "U N",
    "E.U.": "E U",
    "D.C.": "D C",
    "Gen.": "General",
    "Lt.": "Lieutenant",
    "Col.": "Colonel",
    "Maj.": "Major",
    "Capt.": "Captain",
    "Sgt.": "Sergeant",
    "Cpl.": "Corporal",
    "Adm.": "Admiral",
    "Gov.": "Governor",
    "Sen.": "Senator",
    "Rep.": "Representative",
    "Pres.": "President",
    "Amb.": "Ambassador",
    "Dr.": "Doctor",
    "Prof.": "Professor",
    "Mr.": "Mister",
    "Mrs.": "Missus",
    "St.": "Saint",
    "Mt.": "Mount",
    "vs.": "versus",
    "etc.": "et cetera",
    "approx.": "approximately",
    "e.g.": "for example",
    "i.e.": "that is",
}
UNITS = {
    "km": "kilometers",
    "m": "meters",
    "kg": "kilograms",
    "mm": "millimeters",
    "cm": "centimeters",
    "km/h": "kilometers per hour",
    "mph": "miles per hour",
    "MW": "megawatts",
    "GW": "gigawatts",
}
CURRENCIES = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "€": ("euro", "euros", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "₴": ("hryvnia", "hryvnias", "kopiyka", "kopiykas"),
}
SCALES = r"(?:thousand|million|billion|trillion)"

_SPACE = re.compile(r"[ \t]+")
_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"


def _say(number: int, **kwargs) -> str:
    # num2words writes "one thousand, five hundred"; a listener hears no comma there.
    return num2words(number, **kwargs).replace(",", "")


def _words(number: str | int) -> str:
    text = str(number).replace(",", "")
    if "." in text:
        whole, _, fraction = text.partition(".")
        return f"{_say(int(whole or 0))} point {' '.join(_say(int(d)) for d in fraction)}"
    return _say(int(text))


def _ordinal(number: str) -> str:
    return _say(int(number), to="ordinal")


def _year(number: str) -> str:
    return _say(int(number), to="year")


def _month(name: str) -> str:
    return MONTHS[name.rstrip(".").lower()[:3]]


def _dates(text: str) -> str:
    def month_day(match: re.Match) -> str:
        spoken = f"{_month(match['month'])} {_ordinal(match['day'])}"
        if match["year"]:
            spoken += f", {_year(match['year'])}"
        return spoken

    text = re.sub(
        rf"\b(?P<month>{_MONTH_NAMES})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
        rf"(?:,?\s+(?P<year>\d{{4}})\b)?",
        month_day,
        text,
    )

    def day_month(match: re.Match) -> str:
        spoken = f"the {_ordinal(match['day'])} of {_month(match['month'])}"
        if match["year"]:
            spoken += f", {_year(match['year'])}"
        return spoken

    text = re.sub(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_NAMES})"
        rf"(?:,?\s+(?P<year>\d{{4}})\b)?",
        day_month,
        text,
    )
    # A month and year alone ("in March 2022"), or an abbreviated month on its own.
    text = re.sub(
        rf"\b(?P<month>{_MONTH_NAMES})\s+(?P<year>\d{{4}})\b",
        lambda m: f"{_month(m['month'])} {_year(m['year'])}",
        text,
    )
    return re.sub(r"\b(Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.(?=\s)", lambda m: _month(m[1]), text)


def _times(text: str) -> str:
    def clock(match: re.Match) -> str:
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
        spoken = num2words(hour)
        if minute:
            spoken += f" {'oh ' if minute < 10 else ''}{num2words(minute)}"
        elif not match["half"]:
            spoken += " hundred" if hour > 12 else " o'clock"
        if match["half"]:
            spoken += " A M" if match["half"][0].lower() == "a" else " P M"
            # "at 8 a.m. Troops..." : the dot of "a.m." also ended the sentence.
            if match["half"].endswith(".") and re.match(
                r"\s*$|\s+[A-Z]", match.string[match.end() :]
            ):
                spoken += "."
        return spoken

    text = re.sub(
        r"\b(?P<hour>[01]?\d|2[0-3])(?::(?P<minute>[0-5]\d))?\s*"
        r"(?P<half>[AaPp]\.?\s?[Mm]\.?)(?![A-Za-z])",
        clock,
        text,
    )
    return re.sub(r"\b(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?P<half>)\b", clock, text)


def _money(text: str) -> str:
    symbols = re.escape("".join(CURRENCIES))

    def amount(match: re.Match) -> str:
        one, many, cent, cents = CURRENCIES[match["symbol"]]
        number, scale = match["number"].replace(",", ""), match["scale"]
        if scale:
            return f"{_words(number)} {scale} {many}"
        whole, _, fraction = number.partition(".")
        spoken = f"{_words(whole)} {one if whole == '1' else many}"
        if fraction and int(fraction):
            fraction = (fraction + "0")[:2]
            spoken += f" and {_words(int(fraction))} {cent if fraction == '01' else cents}"
        return spoken

    return re.sub(
        rf"(?P<symbol>[{symbols}])\s?(?P<number>(?:{_NUMBER})(?:\.\d+)?)"
        rf"(?:\s(?P<scale>{SCALES}))?\b",
        amount,
        text,
    )


def _numbers(text: str) -> str:
    text = re.sub(r"(\d)\s?%", r"\1 percent", text)
    text = re.sub(r"\b(\d+)(st|nd|rd|th)\b", lambda m: _ordinal(m[1]), text)
    # Ranges and scores: "10-15 km", "2019-2021", "31-4".
    text = re.sub(r"\b(\d+)\s?[-–]\s?(\d+)\b", r"\1 to \2", text)
    units = "|".join(re.escape(unit) for unit in sorted(UNITS, key=len, reverse=True))
    text = re.sub(rf"(\d)\s?({units})\b(?!/)", lambda m: f"{m[1]} {UNITS[m[2]]}", text)
    text = re.sub(r"\bNo\.\s?(\d)", r"number \1", text)
    # Years: a bare four-digit number from 1100 to 2099 not part of a larger figure.
    text = re.sub(
        r"(?<![\d,.$])\b(1[1-9]\d\d|20\d\d)\b(?![\d,]|\.\d)",
        lambda m: _year(m[1]),
        text,
    )
    text = re.sub(rf"(?<![\d.])(?:{_NUMBER})(?:\.\d+)?(?![\d])", lambda m: _words(m[0]), text)
    return text


def _abbreviations(text: str) -> str:
    for short, spoken in ABBREVIATIONS.items():
        pattern = rf"(?<![\w.]){re.escape(short)}"
        # At the end of a sentence the abbreviation's dot is also the full stop.
        text = re.sub(rf"{pattern}(?=\s*$)", f"{spoken}.", text, flags=re.MULTILINE)
        text = re.sub(pattern, spoken, text)
    return re.sub(r"\b(US|UK|UN|EU)\b", lambda m: " ".join(m[1]), text)


def _punctuation(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u00a0", " ").replace("&", " and ")
    text = re.sub(r"[‘’ʼ]", "'", text)
    # Quotation marks are heard as the reader's pause, not read out.
    text = re.sub(r"[\"“”«»„]", "", text)
    text = text.replace("…", "...")
    # Dashes between words are a pause; between numbers they are ranges (handled later).
    text = re.sub(r"\s*[—―]\s*", ", ", text)
    text = re.sub(r"(?<=[^\W\d])\s+[–-]\s+(?=\w)", ", ", text)
    text = re.sub(r"\s*\(\s*", ", ", text)
    text = re.sub(r"\s*\)", ",", text)
    text = re.sub(r"[*_#<>{}\[\]|\\^~`]", " ", text)
    text = re.sub(r"\s+,", ",", text)
    text = re.sub(r",\s*([,.!?;:])", r"\1", text)
    return re.sub(r",(?=[^\s\d])", ", ", text)


def normalize(text: str) -> str:
    """One line of written text as the words a newsreader says."""
    text = _punctuation(text)
    text = _abbreviations(text)
    text = _money(text)
    text = _dates(text)
    text = _times(text)
    text = _numbers(text)
    text = _SPACE.sub(" ", text)
    return re.sub(r"^[,\s]+|[,\s]+$", "", text)


def _sentence(text: str) -> str:
    text = text.strip()
    if text and text[-1] not in ".!?":
        text = text.rstrip(",;:") + "."
    return text


def _block_text(block) -> str:
    value = block.value
    if block.block_type == "paragraph":
        html = value.source if hasattr(value, "source") else str(value)
        # Line breaks and list items are sentence boundaries when read aloud.
        html = re.sub(r"(?i)</(p|li|h\d)>|<br\s*/?>", "\n", html)
        return strip_tags(html).replace("&nbsp;", " ")
    if block.block_type == "subheading":
        return str(value)
    if block.block_type in ("quote", "pull_quote"):
        quote = (value.get("quote") or value.get("text") or "").strip()
        attribution = (value.get("attribution") or "").strip()
        if quote and attribution:
            return f"{attribution.rstrip('.')} said: {quote}"
        return quote
    return ""


def speech_parts(*, headline: str, standfirst: str, blocks) -> list[str]:
    """The sentences to speak, one paragraph per item, each ending with a full stop."""
    raw = [headline, standfirst]
    raw += [_block_text(block) for block in blocks if block.block_type in SPOKEN_BLOCKS]
    parts = []
    for chunk in raw:
        for line in (chunk or "").splitlines():
            spoken = _sentence(normalize(line))
            if spoken:
                parts.append(spoken)
    return parts


def article_speech_text(page) -> str:
    """What a narration of this article says. Premium articles: only the public part, as
    memberships.access.public_blocks decides (the rule lives there, not here)."""
    from masthead.memberships.access import public_blocks

    parts = speech_parts(
        headline=page.title, standfirst=page.standfirst, blocks=public_blocks(page)
    )
    return "\n".join(parts)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
