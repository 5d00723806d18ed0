"""The text a narration engine receives: headline, standfirst and the public body, with
numbers, dates, times, money, abbreviations, acronyms, quotes and dashes written out as a
newsreader would say them. Engines are left only plain words and sentence punctuation.

Both engines read this text through espeak-ng (Piper phonemizes with it, sentence by
sentence; the espeak engine speaks with it), so what espeak-ng makes of a word is what the
listener hears. Three rules follow, each checked by the tests:

- Every full stop left in the text ends a sentence. An abbreviation's dot never reaches
  the engine (espeak-ng ends a sentence at "N." or "Mr." followed by a capital); a full
  stop is kept only where the writer's sentence ends on the abbreviation.
- Letters that are spelt out are separate capitals ("U N"); the letter A is written "Eh",
  because a lone "A" is the article ("uh").
- Numbers are read by num2words, in American newsroom style by default ("one hundred
  eighty", see conf.numbers_with_and).

The tables below are the newsroom's list (docs/subsystems/audio.md); add to them when a
voice misreads.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from django.utils.html import strip_tags

from . import conf
from .text_pipeline import (
    LONGEST_AMOUNT,
    MARKUP,
    is_code,
    longest_first,
    number_words,
    pauses,
    prepare,
)

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
    r"December)"
)
_MONTH_ORDER = list(dict.fromkeys(MONTHS.values()))
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Abbreviations, with what is said and where they stand:
# - "before": stands before a name or number (Gen., Dr., No.): never ends a sentence.
# - "inside": inside a sentence (vs., e.g.): never ends a sentence.
# - "after": closes a phrase (a.m., Inc., Jan.): its dot also ends the sentence when the
#   next word starts one (a capital that is not a weekday, month or time zone), or at the
#   end of the paragraph.
ABBREVIATIONS: dict[str, tuple[str, str]] = {
    # Ranks and titles, longest first where one begins another.
    "Lt. Gen.": ("Lieutenant General", "before"),
    "Lt. Col.": ("Lieutenant Colonel", "before"),
    "Maj. Gen.": ("Major General", "before"),
    "Brig. Gen.": ("Brigadier General", "before"),
    "Sgt. Maj.": ("Sergeant Major", "before"),
    "Gen.": ("General", "before"),
    "Lt.": ("Lieutenant", "before"),
    "Col.": ("Colonel", "before"),
    "Maj.": ("Major", "before"),
    "Brig.": ("Brigadier", "before"),
    "Capt.": ("Captain", "before"),
    "Cmdr.": ("Commander", "before"),
    "Sgt.": ("Sergeant", "before"),
    "Cpl.": ("Corporal", "before"),
    "Pvt.": ("Private", "before"),
    "Adm.": ("Admiral", "before"),
    "Gov.": ("Governor", "before"),
    "Sen.": ("Senator", "before"),
    "Rep.": ("Representative", "before"),
    "Pres.": ("President", "before"),
    "Amb.": ("Ambassador", "before"),
    "Prof.": ("Professor", "before"),
    "Rev.": ("Reverend", "before"),
    "Mr.": ("Mister", "before"),
    "Mrs.": ("Missus", "before"),
    "Ms.": ("Miz", "before"),
    "Mt.": ("Mount", "before"),
    "Ft.": ("Fort", "before"),
    "No.": ("number", "before"),
    "Nos.": ("numbers", "before"),
    # Words inside a sentence.
    "vs.": ("versus", "inside"),
    "e.g.": ("for example", "inside"),
    "i.e.": ("that is", "inside"),
    "approx.": ("approximately", "inside"),
    "est.": ("estimated", "inside"),
    # Words that close a phrase.
    "a.m.": ("Eh M", "after"),
    "p.m.": ("P M", "after"),
    "etc.": ("et cetera", "after"),
    "Inc.": ("Incorporated", "after"),
    "Ltd.": ("Limited", "after"),
    "Co.": ("Company", "after"),
    "Corp.": ("Corporation", "after"),
    "Jr.": ("Junior", "after"),
    "Sr.": ("Senior", "after"),
    "Ave.": ("Avenue", "after"),
    "Blvd.": ("Boulevard", "after"),
    "Rd.": ("Road", "after"),
    "Jan.": ("January", "after"),
    "Feb.": ("February", "after"),
    "Mar.": ("March", "after"),
    "Apr.": ("April", "after"),
    "Jun.": ("June", "after"),
    "Jul.": ("July", "after"),
    "Aug.": ("August", "after"),
    "Sept.": ("September", "after"),
    "Sep.": ("September", "after"),
    "Oct.": ("October", "after"),
    "Nov.": ("November", "after"),
    "Dec.": ("December", "after"),
}
# Abbreviations whose meaning depends on their place: after a name or a number they close a
# street name ("Spring St."), before a name they are a title ("St. Petersburg", "Dr. Smith").
PLACE_OR_TITLE = {"St.": ("Street", "Saint"), "Dr.": ("Drive", "Doctor")}
# Compass points in an address: "200 N. Spring St.".
COMPASS = {"N": "North", "S": "South", "E": "East", "W": "West"}

# How a spelt-out letter is written for the engine: itself, except A ("uh" on its own).
LETTERS = {"A": "Eh"}

# Acronyms said letter by letter. Any other all-capital word of two to five letters is
# spelt out too; this list documents the newsroom's and holds the longer ones.
SPELLED_ACRONYMS = {
    "UN", "EU", "US", "UK", "USA", "WHO", "IAEA", "OSCE", "ICC", "IMF", "UNHCR", "UNDP",
    "SBU", "HUR", "GUR", "ZSU", "AFU", "TCC", "ZNPP", "NPP", "FSB", "SVR", "GRU", "DPR",
    "LPR", "ISW", "UAV", "MP", "PM", "CEO", "NGO", "GDP", "TV", "BBC", "CNN", "AI", "ID",
}  # fmt: skip
# Acronyms said as words, written as espeak-ng reads them as one word.
WORD_ACRONYMS = {
    "NATO": "Nato",
    "NABU": "Nabu",
    "NASA": "Nasa",
    "UNESCO": "Unesco",
    "UNICEF": "Unicef",
    "OPEC": "Opec",
    "ASEAN": "Asean",
    "FIFA": "Fifa",
    "UEFA": "Uefa",
    "COVID": "Covid",
    "HIMARS": "Himars",
    "ATACMS": "Atacms",
    "SWIFT": "Swift",
    "AIDS": "Aids",
    "MAGA": "Maga",
}
# Words espeak-ng misreads, respelt the way they are said.
PRONUNCIATIONS = {"hryvnia": "hrivnia", "hryvnias": "hrivnias", "hryvnya": "hrivnia"}

# Units after a number: (one, many).
UNITS = {
    "km/h": ("kilometer per hour", "kilometers per hour"),
    "kph": ("kilometer per hour", "kilometers per hour"),
    "mph": ("mile per hour", "miles per hour"),
    "sq km": ("square kilometer", "square kilometers"),
    "km2": ("square kilometer", "square kilometers"),
    "km": ("kilometer", "kilometers"),
    "m": ("meter", "meters"),
    "cm": ("centimeter", "centimeters"),
    "mm": ("millimeter", "millimeters"),
    "kg": ("kilogram", "kilograms"),
    "ha": ("hectare", "hectares"),
    "lb": ("pound", "pounds"),
    "lbs": ("pound", "pounds"),
    "ft": ("foot", "feet"),
    "kW": ("kilowatt", "kilowatts"),
    "MW": ("megawatt", "megawatts"),
    "GW": ("gigawatt", "gigawatts"),
    "kWh": ("kilowatt hour", "kilowatt hours"),
    "MWh": ("megawatt hour", "megawatt hours"),
    "GWh": ("gigawatt hour", "gigawatt hours"),
    "°C": ("degree Celsius", "degrees Celsius"),
    "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "°": ("degree", "degrees"),
}
# Currency symbol: (one, many, one hundredth, many hundredths).
CURRENCIES = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "€": ("euro", "euros", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "₴": ("hrivnia", "hrivnias", "kopiyka", "kopiykas"),
}
# Currency codes, before or after the amount: "UAH 500", "500 UAH".
CURRENCY_CODES = {"USD": "$", "EUR": "€", "GBP": "£", "UAH": "₴"}
SCALES = {
    "thousand": "thousand",
    "million": "million",
    "billion": "billion",
    "trillion": "trillion",
    "k": "thousand",
    "m": "million",
    "mn": "million",
    "bn": "billion",
    "tn": "trillion",
}
# After an amount, these words show it is a noun ("$5 million in aid", "$5 million was
# spent"); another word is the noun the amount describes ("a $5 million budget", said
# "a five million dollar budget").
_NOT_A_NOUN = {
    "a", "an", "the", "in", "on", "at", "to", "for", "from", "of", "by", "with", "without",
    "over", "under", "into", "per", "each", "and", "or", "but", "nor", "so", "yet", "as", "than",
    "that", "this", "these", "those", "which", "who", "whom", "whose", "is", "are", "was", "were",
    "be", "been", "being", "has", "have", "had", "will", "would", "shall", "should", "can",
    "could", "may", "might", "must", "do", "does", "did", "not", "more", "less", "last", "next",
    "annually", "apiece", "worth", "since", "until", "after", "before", "during", "through",
    "toward", "towards", "against", "among", "between", "about", "around", "if", "when", "while",
    "because", "it", "its", "their", "his", "her", "our", "my", "your", "plus", "minus", "total",
    "altogether", "already", "also", "now", "then", "still", "just", "only", "back", "up", "down",
    "off", "out", "year", "month", "week", "day",
}  # fmt: skip
# After a measure these say where or how, not what: "10 km away", "20 cm thick".
_NOT_A_NOUN_AFTER_A_UNIT = _NOT_A_NOUN | {
    "away", "long", "wide", "high", "deep", "tall", "thick", "north", "south", "east", "west",
    "ahead", "behind", "inland", "offshore", "today", "yesterday", "tonight", "overnight",
    "ago", "deeper", "further", "farther", "closer", "nearer", "faster", "higher", "lower",
}  # fmt: skip
# Capitalised words that continue a sentence after "9 a.m." or "Jan." rather than start one.
_CONTINUATIONS = set(WEEKDAYS) | set(MONTHS.values()) | {"ET", "GMT", "UTC", "Kyiv"}

_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"
_ROMAN = {"I": 1, "V": 5, "X": 10}
# After these words a Roman numeral is a number ("World War II"); after a name it is a
# regnal ordinal ("Elizabeth II": "Elizabeth the Second").
_ROMAN_CARDINAL_AFTER = {"War", "Phase", "Article", "Chapter", "Part", "Title", "Stage", "Level"}


def _say(number: int, **kwargs) -> str:
    # num2words writes "one thousand, five hundred"; a listener hears no comma there.
    spoken = number_words(number, **kwargs).replace(",", "")
    if not conf.numbers_with_and():
        # American newsroom reading: "one hundred eighty". The "and" made listeners hear
        # two amounts ("five thousand one hundred and forty dollars").
        spoken = re.sub(r" and (?=\w)", " ", spoken)
    return spoken


def _digits(text: str) -> str:
    return " ".join(_say(int(digit)) for digit in text if digit.isdigit())


def _words(number: str | int) -> str:
    text = str(number).replace(",", "")
    whole = text.partition(".")[0]
    if is_code(whole):
        return _digits(whole) + text[len(whole) :].replace(".", " point ").replace("  ", " ")
    if "." in text:
        whole, _, fraction = text.partition(".")
        return f"{_say(int(whole or 0))} point {' '.join(_say(int(d)) for d in fraction)}"
    return _say(int(text))


def _ordinal(number: str) -> str:
    if len(number) > LONGEST_AMOUNT:
        return _digits(number)
    return _say(int(number), to="ordinal")


def _year(number: str) -> str:
    return _say(int(number), to="year")


def _plural(words: str) -> str:
    """ "nineteen ninety" -> "nineteen nineties" (decades)."""
    if words.endswith("y"):
        return words[:-1] + "ies"
    return words + "s"


def _describes_the_noun_after(follower: str | None, not_nouns: set = _NOT_A_NOUN) -> bool:
    """Whether an amount or measure followed by `follower` describes it ("a $5 million
    budget") rather than being the noun itself ("$5 million in aid")."""
    return bool(follower) and (
        follower.lower() not in not_nouns and not follower.endswith(("ed", "ly"))
    )


def spell(letters: str) -> str:
    """Letters said one by one, written so that both engines say the letter's name."""
    return " ".join(LETTERS.get(letter, letter) for letter in letters.upper())


def _acronym(word: str) -> str:
    """An all-capital word as it is said: a word-read acronym, or its letters."""
    if word in WORD_ACRONYMS:
        return WORD_ACRONYMS[word]
    if word in SPELLED_ACRONYMS or re.fullmatch(r"[A-Z]{1,5}", word):
        return spell(word)
    return word


def _sentence_ends_after(text: str, end: int) -> bool:
    """Whether the writer's sentence ends at `end`, just after an abbreviation's dot: at the
    end of the line, or before a capitalised word that does not continue the sentence."""
    rest = text[end:]
    if not rest.strip():
        return True
    following = re.match(r"\s+([A-Z][\w']*)", rest)
    return bool(following) and following[1] not in _CONTINUATIONS


def _abbreviation(spoken: str, kind: str, text: str, end: int) -> str:
    ends = _sentence_ends_after(text, end) if kind == "after" else not text[end:].strip()
    return spoken + ("." if ends else "")


def _is_name(word: str) -> bool:
    """A capitalised word or a number that can begin a street name ("Spring St.",
    "5th Ave."); not a possessive ("Kyiv's St. Sophia")."""
    return bool(re.fullmatch(r"[A-Z][a-z]+|\d+(?:st|nd|rd|th)?", word))


def _abbreviations(text: str) -> str:
    def place_or_title(match: re.Match) -> str:
        place, title = PLACE_OR_TITLE[match["abbr"]]
        before = match.string[: match.start()]
        previous = re.search(r"(\S+)\s+$", before)
        # The first word of a sentence is capitalised whatever it is.
        starts_sentence = not previous or re.search(r"(^|[.!?:]\s+)\S+\s+$", before)
        if previous and _is_name(previous[1]) and not starts_sentence:
            return _abbreviation(place, "after", match.string, match.end())
        return _abbreviation(title, "before", match.string, match.end())

    # Compass points in an address ("200 N. Spring St.") and initials ("John F. Kennedy")
    # first, so that their dots are not taken for the end of a sentence below.
    text = re.sub(r"(?<=\d )([NSEW])\.(?= [A-Z])", lambda m: COMPASS[m[1]], text)
    text = re.sub(
        r"\b([A-Z][a-z]+) ([A-Z])\.(?= [A-Z][a-z])", lambda m: f"{m[1]} {spell(m[2])}", text
    )
    text = re.sub(r"(?<![\w.])(?P<abbr>St\.|Dr\.)", place_or_title, text)
    for short, (spoken, kind) in ABBREVIATIONS.items():
        text = re.sub(
            rf"(?<![\w.]){re.escape(short)}",
            lambda m, spoken=spoken, kind=kind: _abbreviation(spoken, kind, m.string, m.end()),
            text,
        )

    # Dotted acronyms ("U.S.", "D.C."): letters, no dots. "The U.S. Army": the dot ends a
    # sentence only at the end of the line ("A.M." and "P.M." as "a.m." and "p.m.").
    def dotted(match: re.Match) -> str:
        letters = match[1].replace(".", "")
        kind = "after" if letters in ("AM", "PM") else "inside"
        return _abbreviation(spell(letters), kind, match.string, match.end())

    text = re.sub(r"(?<![\w.])((?:[A-Z]\.){2,})", dotted, text)
    return text


def _money(text: str) -> str:
    codes = "|".join(CURRENCY_CODES)
    amount_text = rf"(?:{_NUMBER})(?:\.\d+)?"
    text = re.sub(rf"\b({codes})\s?({amount_text})", lambda m: CURRENCY_CODES[m[1]] + m[2], text)
    text = re.sub(
        rf"(?<![\d.,])({amount_text})(\s(?:thousand|million|billion|trillion))?\s({codes})\b",
        lambda m: CURRENCY_CODES[m[3]] + m[1] + (m[2] or ""),
        text,
    )
    symbols = re.escape("".join(CURRENCIES))
    scales = longest_first(SCALES)

    def amount(match: re.Match) -> str:
        one, many, cent, cents = CURRENCIES[match["symbol"]]
        number, scale = match["number"].replace(",", ""), match["scale"]
        # "a $5 million budget": the amount describes the noun after it, said in the
        # singular ("a five million dollar budget").
        adjective = _describes_the_noun_after(match["follower"]) and (scale or "." not in number)
        if scale:
            return f"{_words(number)} {SCALES[scale]} {one if adjective else many}"
        whole, _, fraction = number.partition(".")
        if adjective:
            return f"{_words(whole)} {one}"
        spoken = f"{_words(whole)} {one if whole == '1' else many}"
        fraction = (fraction + "0")[:2] if fraction else ""
        if fraction and int(fraction):
            spoken += f" and {_words(int(fraction))} {cent if fraction == '01' else cents}"
        return spoken

    def with_follower(match: re.Match) -> str:
        # "$3-5 million": "three to five million dollars".
        low = f"{_words(match['low'].replace(',', ''))} to " if match["low"] else ""
        return low + amount(match) + (match["rest"] or "")

    return re.sub(
        rf"(?P<symbol>[{symbols}])\s?(?:(?P<low>{amount_text})\s?(?:[-–]|\sto\s)\s?[{symbols}]?)?"
        rf"(?P<number>{amount_text})(?:\s?(?P<scale>{scales})\b)?"
        rf"(?P<rest>\s(?P<follower>[a-z]+)\b)?",
        with_follower,
        text,
    )


def _ranges(text: str) -> str:
    """Ranges and scores: "10-15 km", "2019-2021", "2024-25", "9-11 a.m.", "31-4"; ratios
    "2:1"; pairs and fractions "24/7", "9/11", "3/4" ("three quarters")."""
    text = re.sub(r"\b(\d+)\s?[-–]\s?(\d+)\b", r"\1 to \2", text)
    text = re.sub(r"\b(\d+):(\d)\b(?!:)", r"\1 to \2", text)

    def pair(match: re.Match) -> str:
        top, bottom = int(match[1]), int(match[2])
        if 0 < top < bottom <= 10:
            name = {2: "half", 4: "quarter"}.get(bottom) or _say(bottom, to="ordinal")
            return f"{_say(top)} {name}{'s' if top > 1 else ''}"
        return f"{match[1]} {match[2]}"

    return re.sub(r"\b(\d{1,3})/(\d{1,3})\b", pair, text)


def _dates(text: str) -> str:
    # ISO dates: "2025-01-10".
    text = re.sub(
        r"\b(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b",
        lambda m: f"{_MONTH_ORDER[int(m[2]) - 1]} {int(m[3])}, {m[1]}",
        text,
    )

    def month_day(match: re.Match) -> str:
        spoken = f"{match['month']} {_ordinal(match['day'])}"
        if match["last"]:
            spoken += f" to {_ordinal(match['last'])}"
        if match["year"]:
            spoken += f", {_year(match['year'])}"
        return spoken

    text = re.sub(
        rf"\b(?P<month>{_MONTH_NAMES})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
        rf"(?:\s?[-–]\s?(?P<last>\d{{1,2}})(?:st|nd|rd|th)?\b)?"
        rf"(?:,?\s+(?P<year>\d{{4}})\b)?",
        month_day,
        text,
    )

    def day_month(match: re.Match) -> str:
        spoken = f"the {_ordinal(match['day'])} of {match['month']}"
        if match["year"]:
            spoken += f", {_year(match['year'])}"
        return spoken

    text = re.sub(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_NAMES})"
        rf"(?:,?\s+(?P<year>\d{{4}})\b)?",
        day_month,
        text,
    )
    # A month and year alone: "in March 2022".
    return re.sub(
        rf"\b(?P<month>{_MONTH_NAMES})\s+(?P<year>\d{{4}})\b",
        lambda m: f"{m['month']} {_year(m['year'])}",
        text,
    )


def _times(text: str) -> str:
    def clock(match: re.Match) -> str:
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
        half, said = match.groupdict().get("half"), match.groupdict().get("said")
        spoken = _say(hour)
        if minute:
            spoken += f" {'oh ' if minute < 10 else ''}{_say(minute)}"
        if said:
            return f"{spoken} {said}"
        if not half:
            return spoken if minute else spoken + (" hundred" if hour > 12 else " o'clock")
        spoken += f" {spell(half[0])} M"
        # "at 8am. Troops...": the dot after the time also ended the sentence.
        if half.endswith(".") and _sentence_ends_after(match.string, match.end()):
            spoken += "."
        return spoken

    # "a.m." has become "Eh M" already (abbreviations); "9 AM", "9am" and "9 A.M" remain.
    text = re.sub(
        r"\b(?P<hour>[01]?\d|2[0-3])(?::(?P<minute>[0-5]\d))?\s*"
        r"(?:(?P<half>[AaPp]\.?\s?[Mm]\.?)(?![A-Za-z])|(?P<said>Eh M|P M)\b)",
        clock,
        text,
    )
    return re.sub(r"\b(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)\b", clock, text)


def _roman(numeral: str) -> int | None:
    values = [_ROMAN[c] for c in numeral]
    total = 0
    for index, value in enumerate(values):
        following = values[index + 1] if index + 1 < len(values) else 0
        total += -value if value < following else value
    # Only the usual spellings (II, IV, XIV; not IIII or VX).
    canonical = ""
    rest = total
    for symbol, value in (("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1)):
        while rest >= value:
            canonical, rest = canonical + symbol, rest - value
    return total if canonical == numeral and total else None


def _numbers(text: str) -> str:
    text = re.sub(r"(\d)\s?(?:%|per\s?cent\b)", r"\1 percent", text)
    text = re.sub(r"\b(\d+)(st|nd|rd|th)\b", lambda m: _ordinal(m[1]), text)
    # Decades: "the 1990s", "the '90s", "in their 80s".
    text = re.sub(r"\b(1[1-9]\d0|20\d0)s\b", lambda m: _plural(_year(m[1])), text)
    text = re.sub(r"(?<![\w'])'?([1-9]0)s\b", lambda m: _plural(_say(int(m[1]))), text)
    units = longest_first(UNITS)

    def measure(match: re.Match) -> str:
        one, many = UNITS[match["unit"]]
        # "a 155mm shell", "a 30 km stretch": said "155-millimeter", like money.
        describes = _describes_the_noun_after(match["follower"], _NOT_A_NOUN_AFTER_A_UNIT)
        return f"{match['number']} {one if match['number'] == '1' or describes else many}"

    text = re.sub(
        rf"(?<![\d.,])(?P<number>{_NUMBER}(?:\.\d+)?)[\s-]?(?P<unit>{units})(?![\w/])"
        rf"(?=\s(?P<follower>[a-z]+)\b)?",
        measure,
        text,
    )
    # Letters fused with a number (not a unit) are said apart: "Q2", "G7", "F-16", "MiG-29", "4G".
    text = re.sub(
        r"\b([A-Za-z]*[A-Z][A-Za-z]*)-?(\d+)(s?)\b",
        lambda m: f"{_acronym(m[1])} {_plural(_words(m[2])) if m[3] else _words(m[2])}",
        text,
    )
    text = re.sub(r"\b(\d+)([A-Z]{1,3})\b", lambda m: f"{m[1]} {_acronym(m[2])}", text)
    # Negative numbers: "-5", "−5" (minus sign), not the second half of a range.
    text = re.sub(r"(?<![\w.,])[-−–](?=\d)", "minus ", text)
    # Years: a bare four-digit number from 1100 to 2099 not part of a larger figure
    # ("in 2024, the": the comma ends the year, it does not make it 2,024) nor a number
    # ("Law No. 1234").
    text = re.sub(
        r"(?<![\d,.$])(?<!number )(?<!numbers )\b(1[1-9]\d\d|20\d\d)\b(?!,?\d|\.\d)",
        lambda m: _year(m[1]),
        text,
    )
    return re.sub(rf"(?<![\d.])(?:{_NUMBER})(?:\.\d+)?(?![\d])", lambda m: _words(m[0]), text)


def _acronyms(text: str) -> str:
    def roman(match: re.Match) -> str:
        value = _roman(match["numeral"])
        if value is None:
            return match[0]
        if match["before"] in _ROMAN_CARDINAL_AFTER:
            return f"{match['before']} {_say(value).capitalize()}"
        return f"{match['before']} the {_say(value, to='ordinal').capitalize()}"

    text = re.sub(r"\b(?P<before>[A-Z][a-z]+) (?P<numeral>[IVX]{2,6})\b", roman, text)
    # Plurals: "NGOs", "MPs" said "N G O's", "M P's".
    text = re.sub(
        r"\b([A-Z]{2,5})s\b",
        lambda m: f"{_acronym(m[1])}'s" if m[1] not in WORD_ACRONYMS else m[0],
        text,
    )
    text = re.sub(r"\b[A-Z]{2,}\b", lambda m: _acronym(m[0]), text)
    # "Plan A", "Grade A": after a capitalised word and not opening a Title Case run, a lone
    # A is the letter (the article inside a sentence is written "a").
    return re.sub(r"\b([A-Z][a-z]+) A\b(?! [A-Z])", lambda m: f"{m[1]} {LETTERS['A']}", text)


def _pronunciations(text: str) -> str:
    def respell(match: re.Match) -> str:
        said = PRONUNCIATIONS[match[0].lower()]
        return said.capitalize() if match[0][0].isupper() else said

    words = "|".join(PRONUNCIATIONS)
    return re.sub(rf"\b(?i:{words})\b", respell, text)


def _datelines(text: str) -> str:
    """ "KYIV — ..." (the dash is a comma by now), "ODESA, Ukraine": a place in capitals at the
    start of a paragraph is a name, not letters."""
    return re.sub(
        r"^((?:[A-Z]{2,}[ -]?)+)(?=,)",
        lambda m: m[1] if m[1] in SPELLED_ACRONYMS else m[1].title(),
        text,
    )


def _punctuation(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u00a0", " ").replace("&", " and ")
    text = re.sub(r"[‘’ʼ]", "'", text)
    # Quotation marks are heard as the reader's pause, not read out.
    text = re.sub(r"[\"“”«»„]", "", text)
    # A stray backtick is markup too (text_uk reads one between letters as an apostrophe).
    text = pauses(text, markup=MARKUP + "`")
    return re.sub(r",(?=[^\s\d])", ", ", text)


# In this order: each step reads what the ones before it left ("a.m." is "Eh M" by the time
# _times looks; money, dates, ranges and times take their digits before _numbers).
STEPS = (
    _abbreviations,
    _money,
    _datelines,
    _dates,
    _ranges,
    _times,
    _numbers,
    _acronyms,
    _pronunciations,
)


def normalize(text: str) -> str:
    """One line of written text as the words a newsreader says."""
    return prepare(text, punctuation=_punctuation, steps=STEPS)


def _sentence(text: str) -> str:
    text = text.strip()
    if text and text[-1] not in ".!?":
        text = text.rstrip(",;:") + "."
    return text


def _block_text(block, language: str = "en") -> str:
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
            if _is_ukrainian(language):
                # "X сказав/сказала": the speaker's gender is unknown, a colon says it.
                return f"{attribution.rstrip('.')}: {quote}"
            return f"{attribution.rstrip('.')} said: {quote}"
        return quote
    return ""


def _is_ukrainian(language: str) -> bool:
    return (language or "").lower().split("-")[0] == "uk"


def normalizer(language: str):
    """The text preparation for a language: Ukrainian has its own (text_uk), every other
    language is read with the English rules above."""
    if _is_ukrainian(language):
        from . import text_uk

        return text_uk.normalize
    return normalize


def speech_parts(*, headline: str, standfirst: str, blocks, language: str = "en") -> list[str]:
    """The sentences to speak, one paragraph per item, each ending with a full stop."""
    prepare = normalizer(language)
    raw = [headline, standfirst]
    raw += [_block_text(block, language) for block in blocks if block.block_type in SPOKEN_BLOCKS]
    parts = []
    for chunk in raw:
        for line in (chunk or "").splitlines():
            spoken = _sentence(prepare(line))
            if spoken:
                parts.append(spoken)
    return parts


def article_speech_text(page) -> str:
    """What a narration of this article says, in the article's language (conf.page_language),
    handed as it is to whichever engine is set for that language (Piper and espeak-ng receive
    the same string). Premium articles: only the public part,
    as memberships.access.public_blocks decides (the rule lives there, not here)."""
    from masthead.memberships.access import public_blocks

    parts = speech_parts(
        headline=page.title,
        standfirst=page.standfirst,
        blocks=public_blocks(page),
        language=conf.page_language(page),
    )
    return "\n".join(parts)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# The newsroom's copy as the listener hears it: (kind, written, spoken). The same table is
# in docs/subsystems/audio.md, and the tests check both (add a row to each when a voice
# misreads).
STYLE_EXAMPLES = [
    (
        "time",
        "The talks began at 11:30 a.m. on Monday.",
        "The talks began at eleven thirty Eh M on Monday.",
    ),
    (
        "time",
        "Shelling started at 9 a.m. Residents hid.",
        "Shelling started at nine Eh M. Residents hid.",
    ),
    ("time", "The strike came at 4 a.m. Tuesday.", "The strike came at four Eh M Tuesday."),
    ("time", "Sirens sounded at 2:39 AM.", "Sirens sounded at two thirty-nine Eh M."),
    ("time", "It lasted until 9:05 p.m.", "It lasted until nine oh five P M."),
    ("time", "The train left at 14:30.", "The train left at fourteen thirty."),
    (
        "date",
        "Talks resume on Jan. 10, 2025.",
        "Talks resume on January tenth, twenty twenty-five.",
    ),
    ("date", "The deadline is Sept. 30.", "The deadline is September thirtieth."),
    ("date", "Since 24 February 2022.", "Since the twenty-fourth of February, twenty twenty-two."),
    ("date", "In March 2022 the siege began.", "In March twenty twenty-two the siege began."),
    ("date", "In 2024, the army grew.", "In twenty twenty-four, the army grew."),
    ("date", "The 2024-25 budget passed.", "The twenty twenty-four to twenty-five budget passed."),
    ("date", "It happened in the 1990s.", "It happened in the nineteen nineties."),
    ("date", "Prices rose in the '90s.", "Prices rose in the nineties."),
    ("ordinal", "The 1st, 2nd and 23rd brigades.", "The first, second and twenty-third brigades."),
    ("number", "Russia has lost 700,000 troops.", "Russia has lost seven hundred thousand troops."),
    ("number", "The fund has 180 members.", "The fund has one hundred eighty members."),
    ("number", "Inflation hit 3.5% in May.", "Inflation hit three point five percent in May."),
    ("number", "Turnout fell 12 per cent.", "Turnout fell twelve percent."),
    ("number", "It was -5°C at night.", "It was minus five degrees Celsius at night."),
    ("number", "Shelling hit 3-5 km away.", "Shelling hit three to five kilometers away."),
    ("unit", "A 1 km queue formed.", "A one kilometer queue formed."),
    ("unit", "Cars drove at 90 km/h.", "Cars drove at ninety kilometers per hour."),
    ("unit", "It weighs 40 kg.", "It weighs forty kilograms."),
    ("unit", "The plant makes 950 MW.", "The plant makes nine hundred fifty megawatts."),
    ("money", "A $1.2 billion budget passed.", "A one point two billion dollar budget passed."),
    (
        "money",
        "Donors pledged $1.2 billion in aid.",
        "Donors pledged one point two billion dollars in aid.",
    ),
    ("money", "It cost $5,140.", "It cost five thousand one hundred forty dollars."),
    ("money", "Tickets cost $2.50 each.", "Tickets cost two dollars and fifty cents each."),
    ("money", "A loaf costs €1.", "A loaf costs one euro."),
    ("money", "It sold for £300.", "It sold for three hundred pounds."),
    ("money", "Pensions rose to ₴3,000.", "Pensions rose to three thousand hrivnias."),
    ("money", "The fine is UAH 17,000.", "The fine is seventeen thousand hrivnias."),
    (
        "abbreviation",
        "Gen. Valerii Zaluzhnyi met Lt. Col. Marko.",
        "General Valerii Zaluzhnyi met Lieutenant Colonel Marko.",
    ),
    (
        "abbreviation",
        "Dr. Olena Ivanova and Mr. Petrenko spoke.",
        "Doctor Olena Ivanova and Mister Petrenko spoke.",
    ),
    ("abbreviation", "Brigade No. 3 held.", "Brigade number three held."),
    ("abbreviation", "He lives on Spring St. in Kyiv.", "He lives on Spring Street in Kyiv."),
    (
        "abbreviation",
        "The fire was at 200 N. Spring St. Residents fled.",
        "The fire was at two hundred North Spring Street. Residents fled.",
    ),
    ("abbreviation", "Pilgrims went to St. Michael's.", "Pilgrims went to Saint Michael's."),
    ("abbreviation", "The U.S. Army said so.", "The U S Army said so."),
    ("abbreviation", "Aid came from the U.S.", "Aid came from the U S."),
    ("acronym", "NATO and the EU met the UN.", "Nato and the E U met the U N."),
    ("acronym", "The IAEA visited the plant.", "The I Eh E Eh visited the plant."),
    ("acronym", "The SBU, HUR and ZSU reported.", "The S B U, H U R and Z S U reported."),
    ("acronym", "WHO warns of cholera.", "W H O warns of cholera."),
    ("acronym", "NGOs and MPs objected.", "N G O's and M P's objected."),
    ("letters and digits", "Q2 sales rose.", "Q two sales rose."),
    ("letters and digits", "The G7 met.", "The G seven met."),
    ("letters and digits", "F-16s arrived.", "F sixteens arrived."),
    ("letters and digits", "COVID-19 spread.", "Covid nineteen spread."),
    ("Roman numeral", "World War II ended.", "World War Two ended."),
    ("Roman numeral", "King Charles III spoke.", "King Charles the Third spoke."),
]
