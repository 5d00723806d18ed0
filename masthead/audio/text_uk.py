"""Ukrainian text preparation for narration: numbers, dates, times, money, units,
abbreviations and acronyms written out as a Ukrainian newsreader says them.

Ukrainian numbers agree with what they count, so the rules here go further than the English
ones in text.py:

- After a number a noun takes one of three forms: 1, 21, 101 ... "одна гривня"; 2-4, 22-24
  ... "дві гривні"; 5-20, 25-30 ... "п'ять гривень" (`plural`). A decimal takes the
  genitive singular ("3,5 відсотка").
- The number takes the gender of the noun for 1 and 2 ("одна гривня", "дві тисячі") for
  the nouns in FEMININE_NOUNS (the rest are masculine or neuter: "два міста").
- Dates, years and clock times are ordinals inflected by their place: "5 грудня" is
  "п'ятого грудня", "2026 року" "дві тисячі двадцять шостого року", "у 2026 році"
  "у дві тисячі двадцять шостому році", "о 14:30" "о чотирнадцятій тридцять".
- Abbreviations that count (тис., млн, млрд, грн, км, %) agree with their number;
  the others (т. д., вул., ЗСУ, США) come from the tables below, which are the newsroom's
  list (docs/subsystems/audio.md): add to them when the voice misreads.

Decimal commas ("3,5") and thousands written with spaces ("12 500") are Ukrainian
typography; a dot between digits is a date ("05.12.2026") or, failing that, a decimal
point.
"""

from __future__ import annotations

import re
import unicodedata

from .text_pipeline import LONGEST_AMOUNT, is_code, longest_first, number_words, pauses, prepare

# Feminine nouns (stems) that make 1 and 2 before them feminine: "одна людина", "дві людини".
# A word is one of them when it is the stem plus a singular or plural ending (а, я, и, і, ї,
# ь or none), so "школи" counts and "школярі" does not.
FEMININE_NOUNS = (
    "гривн", "тисяч", "людин", "особ", "дитин", "жінк", "країн", "област", "ракет", "бригад",
    "дивізі", "годин", "хвилин", "секунд", "тонн", "доб", "сім'", "родин", "школ", "лікарн",
    "будівл", "квартир", "вулиц", "машин", "компані", "парті", "справ", "заяв", "позиці",
    "частин", "сторон", "громад", "установ", "одиниц", "відповід", "причин", "зон", "атак",
    "спроб", "ноч", "ніч", "весн", "осен", "зим", "доз", "хвил", "бомб", "мін", "сесі",
)  # fmt: skip
_FEMININE_WORD = re.compile(
    "(?:" + "|".join(re.escape(stem) for stem in FEMININE_NOUNS) + ")[аяиіїь]?"
)

# Counted words: (one, two to four, five and more, after a decimal).
MONTHS = (
    "січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня",
    "жовтня", "листопада", "грудня",
)  # fmt: skip
# Months in the locative ("у грудні"), for "у грудні 2026" -> the year in the genitive.
MONTHS_IN = (
    "січні", "лютому", "березні", "квітні", "травні", "червні", "липні", "серпні", "вересні",
    "жовтні", "листопаді", "грудні",
)  # fmt: skip
SCALES = {
    "тис.": ("тисяча", "тисячі", "тисяч", "тисячі"),
    "тис": ("тисяча", "тисячі", "тисяч", "тисячі"),
    "млн": ("мільйон", "мільйони", "мільйонів", "мільйона"),
    "млрд": ("мільярд", "мільярди", "мільярдів", "мільярда"),
    "трлн": ("трильйон", "трильйони", "трильйонів", "трильйона"),
}
# Scale words already written out: their own form is kept, the number agrees with it.
_SCALE_WORDS = r"(?:тисяч[аіу]?|мільйон(?:ів|и|а)?|мільярд(?:ів|и|а)?|трильйон(?:ів|и|а)?)"
CURRENCIES = {
    "₴": ("гривня", "гривні", "гривень", "гривні"),
    "грн": ("гривня", "гривні", "гривень", "гривні"),
    "UAH": ("гривня", "гривні", "гривень", "гривні"),
    "$": ("долар", "долари", "доларів", "долара"),
    "USD": ("долар", "долари", "доларів", "долара"),
    "€": ("євро", "євро", "євро", "євро"),
    "EUR": ("євро", "євро", "євро", "євро"),
    "£": ("фунт", "фунти", "фунтів", "фунта"),
    "GBP": ("фунт", "фунти", "фунтів", "фунта"),
}
FEMININE_CURRENCIES = {"₴", "грн", "UAH"}
KOPECKS = ("копійка", "копійки", "копійок")
CENTS = ("цент", "центи", "центів")
UNITS = {
    "км/год": ("кілометр на годину", "кілометри на годину", "кілометрів на годину",
               "кілометра на годину"),
    "км²": ("квадратний кілометр", "квадратні кілометри", "квадратних кілометрів",
            "квадратного кілометра"),
    "кв. км": ("квадратний кілометр", "квадратні кілометри", "квадратних кілометрів",
               "квадратного кілометра"),
    "км": ("кілометр", "кілометри", "кілометрів", "кілометра"),
    "м": ("метр", "метри", "метрів", "метра"),
    "см": ("сантиметр", "сантиметри", "сантиметрів", "сантиметра"),
    "мм": ("міліметр", "міліметри", "міліметрів", "міліметра"),
    "кг": ("кілограм", "кілограми", "кілограмів", "кілограма"),
    "т": ("тонна", "тонни", "тонн", "тонни"),
    "га": ("гектар", "гектари", "гектарів", "гектара"),
    "л": ("літр", "літри", "літрів", "літра"),
    "МВт": ("мегават", "мегавати", "мегават", "мегавата"),
    "кВт": ("кіловат", "кіловати", "кіловат", "кіловата"),
    "ГВт": ("гігават", "гігавати", "гігават", "гігавата"),
    "год": ("година", "години", "годин", "години"),
    "хв": ("хвилина", "хвилини", "хвилин", "хвилини"),
    "°C": ("градус Цельсія", "градуси Цельсія", "градусів Цельсія", "градуса Цельсія"),
    "°С": ("градус Цельсія", "градуси Цельсія", "градусів Цельсія", "градуса Цельсія"),
    "°": ("градус", "градуси", "градусів", "градуса"),
    "%": ("відсоток", "відсотки", "відсотків", "відсотка"),
}  # fmt: skip
FEMININE_UNITS = {"т", "год", "хв"}

# Abbreviations that count nothing: what is said. Longest first where one begins another.
ABBREVIATIONS = {
    "і т. д.": "і так далі",
    "і т.д.": "і так далі",
    "т. д.": "так далі",
    "т.д.": "так далі",
    "і т. ін.": "і таке інше",
    "і т.ін.": "і таке інше",
    "і т. п.": "і тому подібне",
    "і т.п.": "і тому подібне",
    "тобто": "тобто",
    "напр.": "наприклад",
    "див.": "дивіться",
    "вул.": "вулиця",
    "просп.": "проспект",
    "пров.": "провулок",
    "пл.": "площа",
    "обл.": "область",
    "р-н": "район",
    "смт": "селище міського типу",
    "проф.": "професор",
    "д-р": "доктор",
    "ім.": "імені",
    "ст. ст.": "старшого сержанта",
    "коп.": "копійок",
}
# Acronyms said letter by letter, written as the letters' names.
SPELLED_ACRONYMS = {
    "ЗСУ": "зе-ес-у",
    "ООН": "о-о-ен",
    "США": "ес-ше-а",
    "ЄС": "є-ес",
    "СБУ": "ес-бе-у",
    "МЗС": "ем-зе-ес",
    "МВС": "ем-ве-ес",
    "ЗМІ": "зе-ем-і",
    "ДСНС": "де-ес-ен-ес",
    "НБУ": "ен-бе-у",
    "ТЦК": "те-це-ка",
    "ВР": "ве-ер",
    "ОП": "о-пе",
    "КМУ": "ка-ем-у",
    "ЄСПЛ": "є-ес-пе-ел",
    "ДПСУ": "де-пе-ес-у",
    "ОВА": "о-ве-а",
    "ВЛК": "ве-ел-ка",
    "ДБР": "де-бе-ер",
    "МОЗ": "мо-оз",
    "ППО": "пе-пе-о",
    "РФ": "ер-еф",
    "ЗАЕС": "за-ес",
}
# Acronyms said as words.
WORD_ACRONYMS = {
    "НАТО": "нато",
    "ЮНЕСКО": "юнеско",
    "ЮНІСЕФ": "юнісеф",
    "НАБУ": "набу",
    "ГУР": "гур",
    "МАГАТЕ": "магате",
    "ВООЗ": "вооз",
    "АЕС": "аес",
    "САП": "сап",
    "ВАКС": "вакс",
    "ОБСЄ": "обсє",
}
# Ukrainian letters' names, for acronyms not in the tables.
LETTER_NAMES = {
    "А": "а", "Б": "бе", "В": "ве", "Г": "ге", "Ґ": "ґе", "Д": "де", "Е": "е", "Є": "є",
    "Ж": "же", "З": "зе", "И": "и", "І": "і", "Ї": "ї", "Й": "йот", "К": "ка", "Л": "ел",
    "М": "ем", "Н": "ен", "О": "о", "П": "пе", "Р": "ер", "С": "ес", "Т": "те", "У": "у",
    "Ф": "еф", "Х": "ха", "Ц": "це", "Ч": "че", "Ш": "ша", "Щ": "ща", "Ю": "ю", "Я": "я",
}  # fmt: skip

# A number: digits, Ukrainian thousands groups ("12 500", joined earlier), a decimal comma.
_NUM = r"\d+(?:,\d+)?"
# Abbreviations that close a phrase, whose dot may also end the sentence.
_CLOSING = r"р|рр|грн|тис|коп|т\. ?д|т\. ?ін|т\. ?п"
_PREPOSITIONS_GENITIVE = {"з", "із", "зі", "до", "від", "після", "близько", "біля", "протягом"}
_PREPOSITIONS_LOCATIVE = {"о", "об", "у", "в", "на", "по"}
# Words after which a count is in the genitive ("до п'яти", "близько ста"). Not "з", which
# also means "with" (instrumental), nor "понад" (accusative: "понад сто").
_COUNT_GENITIVE = {
    "до", "від", "близько", "більше", "менше", "після", "протягом", "без", "для", "серед",
    "біля", "кількох", "половина", "половину", "третина", "частка",
}  # fmt: skip


def _num2words(number: int, **kwargs) -> str:
    spoken = number_words(number, lang="uk", **kwargs)
    # "одна тисяча дев'ятсот" is said "тисяча дев'ятсот".
    return re.sub(r"^одна тисяча\b", "тисяча", spoken)


def plural(number: int, forms: tuple) -> str:
    """The form of a counted word after `number`: (one, two to four, five and more)."""
    if number % 100 in range(11, 20):
        return forms[2]
    if number % 10 == 1:
        return forms[0]
    if number % 10 in (2, 3, 4):
        return forms[1]
    return forms[2]


def cardinal(number: int, *, feminine: bool = False, case: str = "nominative") -> str:
    if len(str(abs(number))) > LONGEST_AMOUNT:
        return " ".join(_num2words(int(d)) for d in str(abs(number)))
    return _num2words(number, gender="feminine" if feminine else "masculine", case=case)


def ordinal(number: int, *, form: str = "masculine") -> str:
    """An ordinal in one of the forms used here: masculine (nominative), genitive
    (masculine and neuter), locative (masculine), feminine, feminine_genitive,
    feminine_locative, neuter, plural_genitive."""
    words = _num2words(number, to="ordinal").split()
    last = words[-1]
    soft = last.endswith("ій")  # "третій"
    stem = last[:-2]
    endings = {
        "masculine": "ій" if soft else "ий",
        "genitive": "ього" if soft else "ого",
        "locative": "ьому" if soft else "ому",
        "feminine": "я" if soft else "а",
        "feminine_genitive": "ьої" if soft else "ої",
        "feminine_locative": "ій",
        "neuter": "є" if soft else "е",
        "plural_genitive": "іх" if soft else "их",
    }
    words[-1] = stem + endings[form]
    return " ".join(words)


def _feminine_follower(rest: str) -> bool:
    following = re.match(r"\s*([^\W\d]+)", rest)
    return bool(following) and bool(_FEMININE_WORD.fullmatch(following[1].lower()))


def decimal(text: str, *, feminine: bool = False) -> str:
    """ "3,5" as "три цілих п'ять десятих"; a whole number as itself."""
    whole, _, fraction = text.partition(",")
    if not fraction:
        return cardinal(int(whole), feminine=feminine)
    fraction = fraction[:3]
    denominators = {
        1: ("десята", "десятих", "десятих"),
        2: ("сота", "сотих", "сотих"),
        3: ("тисячна", "тисячних", "тисячних"),
    }[len(fraction)]
    wholes = plural(int(whole), ("ціла", "цілих", "цілих"))
    whole_words = f"{cardinal(int(whole), feminine=True)} {wholes}"
    part = int(fraction)
    return f"{whole_words} {cardinal(part, feminine=True)} {plural(part, denominators)}"


def counted(number: str, forms: tuple, *, feminine: bool = False, case: str = "nominative") -> str:
    """A number and the word it counts, agreeing: "3,5" + відсоток -> "... відсотка"; in the
    genitive (after "до", "близько" ...) "до 5 км" -> "до п'яти кілометрів", "до 1 км" ->
    "до одного кілометра". Decimals are read in the nominative."""
    if "," in number:
        return f"{decimal(number)} {forms[3]}"
    value = int(number)
    if case == "genitive":
        word = forms[3] if plural(value, (0, 1, 2)) == 0 else forms[2]
        return f"{cardinal(value, feminine=feminine, case='genitive')} {word}"
    return f"{cardinal(value, feminine=feminine)} {plural(value, forms)}"


def _case(match: re.Match) -> str:
    """The case of a count from the word before it: genitive after "до", "близько" ...,
    nominative otherwise (and for a range, read "три-п'ять")."""
    if match.groupdict().get("low"):
        return "nominative"
    previous = _previous_word(match.string, match.start())
    if previous in _COUNT_GENITIVE:
        return "genitive"
    # "з 5 до 10 км": "з" means "from" when "до" follows.
    rest = match.string[match.end() :]
    if previous in {"з", "із", "зі"} and re.match(r"(?:\s+[^\s\d]+)?\s+до\s", rest):
        return "genitive"
    return "nominative"


def _previous_word(text: str, start: int) -> str:
    previous = re.search(r"([^\W\d]+)\W*$", text[:start])
    return previous[1].lower() if previous else ""


def _punctuation(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    # NFKC leaves the narrow no-break space of "12 500" alone.
    text = re.sub(r"[\u00a0\u202f\u2009]", " ", text).replace("&", " і ")
    # The Ukrainian apostrophe in its typographic forms: espeak-ng reads the plain one.
    text = re.sub(r"(?<=\w)[‘’ʼ`](?=\w)", "'", text)
    text = re.sub(r"[\"“”«»„‘’]", "", text)
    text = pauses(text)
    # Thousands written in groups: "12 500", "1 200 000" are one number.
    text = re.sub(r"(?<![\d,.])\d{1,3}(?: \d{3})+(?![\d])", lambda m: m[0].replace(" ", ""), text)
    return text


def _abbreviations(text: str) -> str:
    for short, spoken in ABBREVIATIONS.items():
        text = re.sub(rf"(?<![\w.]){re.escape(short)}(?!\w)", spoken, text)
    # "м. Київ", "с. Мощун": town and village before a name.
    text = re.sub(r"(?<![\w.])м\.(?= [А-ЯІЇЄҐ])", "місто", text)
    text = re.sub(r"(?<![\w.])с\.(?= [А-ЯІЇЄҐ])", "село", text)
    return text


def _dates(text: str) -> str:
    def full_date(day: int, month: int, year: str) -> str:
        said_year = ordinal(int(year), form="genitive")
        return f"{ordinal(day, form='genitive')} {MONTHS[month - 1]} {said_year} року"

    # "05.12.2026" and "2026-12-05"; a "р." or "року" after them is said once.
    text = re.sub(
        r"\b(0?[1-9]|[12]\d|3[01])\.(0?[1-9]|1[0-2])\.(\d{4})\b(?:\s?(?:р\.|року))?",
        lambda m: full_date(int(m[1]), int(m[2]), m[3]),
        text,
    )
    text = re.sub(
        r"\b(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b",
        lambda m: full_date(int(m[3]), int(m[2]), m[1]),
        text,
    )
    months = "|".join(MONTHS)

    # "5 грудня", "5–7 грудня", "5 грудня 2026 року" (the year: see _years).
    def day_month(match: re.Match) -> str:
        spoken = ordinal(int(match["day"]), form="genitive")
        if match["last"]:
            spoken += f" – {ordinal(int(match['last']), form='genitive')}"
        return f"{spoken} {match['month']}"

    text = re.sub(
        rf"\b(?P<day>[12]\d|3[01]|0?[1-9])(?:\s?[–-]\s?(?P<last>[12]\d|3[01]|0?[1-9]))?"
        rf"\s(?P<month>{months})\b",
        day_month,
        text,
    )
    # A year after a month with no "року": "грудня 2026", "у грудні 2026" -> "... року".
    months_any = "|".join(MONTHS + MONTHS_IN)
    return re.sub(
        rf"\b(?P<month>{months_any})\s(?P<year>\d{{4}})\b(?!\s?(?:р\.|року|рік|році))",
        lambda m: f"{m['month']} {m['year']} року",
        text,
    )


def _years(text: str) -> str:
    """Years before the word for year: "2026 року", "у 2026 році", "2026 рік", "2026 р.",
    "2022–2024 роки", "у 2022–2024 роках"; "2020-х" ("двадцятих")."""
    forms = {
        "року": "genitive",
        "році": "locative",
        "рік": "masculine",
        "роком": "locative",  # instrumental ordinal, same ending as the locative
        "роки": "masculine",
        "років": "plural_genitive",
        "роках": "locative",
        "рр.": "masculine",
    }

    def year(match: re.Match) -> str:
        word = match["word"]
        if word == "р.":
            # "у 2026 р." -> "у ... році"; otherwise "... року".
            word = "році" if _previous_word(match.string, match.start()) in {"у", "в"} else "року"
        if word == "рр.":
            word = "роках" if _previous_word(match.string, match.start()) in {"у", "в"} else "роки"
        form = forms[word]
        if word in ("роки", "років") and not match["last"]:
            form = "masculine"
        spoken = ordinal(int(match["first"]), form=form)
        if match["last"]:
            last = match["last"]
            if len(last) == 2:  # "2024–25"
                last = match["first"][:2] + last
            spoken += f" – {ordinal(int(last), form=form)}"
        return f"{spoken} {word}"

    text = re.sub(
        r"\b(?P<first>\d{4})(?:\s?[–-]\s?(?P<last>\d{4}|\d{2}))?\s?"
        r"(?P<word>року|році|рік|роком|роки|років|роках|рр\.|р\.)(?!\w)",
        year,
        text,
    )
    # Decades: "у 2020-х", "90-х років".
    text = re.sub(r"\b(\d{2,4})-х\b", lambda m: ordinal(int(m[1]), form="plural_genitive"), text)
    return text


def _times(text: str) -> str:
    def clock(match: re.Match) -> str:
        hour, minute = int(match["hour"]), int(match["minute"])
        previous = _previous_word(match.string, match.start())
        form = "feminine"
        if previous in _PREPOSITIONS_LOCATIVE:
            form = "feminine_locative"
        elif previous in _PREPOSITIONS_GENITIVE:
            form = "feminine_genitive"
        spoken = ordinal(hour, form=form) if hour else "нуль"
        if minute:
            zero = "нуль " if minute < 10 else ""
            spoken += f" {zero}{cardinal(minute, feminine=True)}"
        elif not hour:
            spoken += " нуль нуль"
        return spoken

    return re.sub(r"\b(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)\b", clock, text)


def _money(text: str) -> str:
    codes = "|".join(("UAH", "USD", "EUR", "GBP"))
    scales = r"(?:тис\.|тис|млн|млрд|трлн)(?!\w)|" + _SCALE_WORDS
    # Symbols and codes before the amount move after it: "$5 млн" -> "5 млн $".
    text = re.sub(
        rf"(?P<symbol>[₴$€£]|\b(?:{codes})\b)\s?(?P<amount>{_NUM}(?:\s?[–-]\s?{_NUM})?)"
        rf"(?P<scale>\s?(?:{scales}))?",
        lambda m: f"{m['amount']}{m['scale'] or ''} {m['symbol']}",
        text,
    )

    def amount(match: re.Match) -> str:
        currency = match["currency"].rstrip(".")  # "грн."
        forms = CURRENCIES[currency]
        feminine = currency in FEMININE_CURRENCIES
        number, scale, low = match["number"], match["scale"], match["low"]
        prefix = ""
        if low:
            prefix = f"{decimal(low, feminine=feminine and not scale)}-"
        if scale:
            scale = scale.strip()
            scale_forms = SCALES.get(scale)
            if scale_forms:
                said_scale = counted(
                    number, scale_forms, feminine=scale.startswith("тис"), case=_case(match)
                )
            else:  # the scale is a word already: the number agrees with it
                said_scale = f"{decimal(number, feminine=scale.startswith('тисяч'))} {scale}"
            return f"{prefix}{said_scale} {forms[2]}"
        whole, _, fraction = number.partition(",")
        if fraction and len(fraction) == 2 and feminine:
            return (
                f"{prefix}{counted(whole, forms, feminine=True)} "
                f"{counted(fraction.lstrip('0') or '0', KOPECKS, feminine=True)}"
            )
        if fraction and len(fraction) == 2 and currency in ("$", "USD", "€", "EUR"):
            return f"{prefix}{counted(whole, forms)} {counted(fraction.lstrip('0') or '0', CENTS)}"
        return prefix + counted(number, forms, feminine=feminine, case=_case(match))

    return re.sub(
        rf"(?<![\d,])(?:(?P<low>{_NUM})\s?[–-]\s?)?(?P<number>{_NUM})(?P<scale>\s?(?:{scales}))?"
        rf"\s?(?P<currency>[₴$€£]|грн\.?|UAH|USD|EUR|GBP)(?!\w)",
        amount,
        text,
    )


def _scales_and_units(text: str) -> str:
    """Counted abbreviations after a number: "5 тис.", "1,5 млн", "30 км", "15%"."""
    units = longest_first(UNITS)

    def scale(match: re.Match) -> str:
        low = f"{decimal(match['low'], feminine=True)}-" if match["low"] else ""
        return low + counted(
            match["number"], SCALES[match["scale"]], feminine=True, case=_case(match)
        )

    text = re.sub(
        rf"(?<![\d,])(?:(?P<low>{_NUM})\s?[–-]\s?)?(?P<number>{_NUM})\s?"
        rf"(?P<scale>тис\.|тис|млн|млрд|трлн)(?!\w)",
        scale,
        text,
    )

    # A written-out scale word: "5 мільйонів", "2 тисячі" (the number agrees in gender).
    def scale_word(match: re.Match) -> str:
        feminine = match["word"].startswith("тисяч")
        if "," not in match["number"] and _case(match) == "genitive":
            said = cardinal(int(match["number"]), feminine=feminine, case="genitive")
        else:
            said = decimal(match["number"], feminine=feminine)
        return f"{said} {match['word']}"

    text = re.sub(rf"(?<![\d,])(?P<number>{_NUM})\s(?P<word>{_SCALE_WORDS})\b", scale_word, text)

    def unit(match: re.Match) -> str:
        forms, feminine = UNITS[match["unit"]], match["unit"] in FEMININE_UNITS
        sign = "мінус " if match["sign"] else ""
        low = ""
        if match["low"]:
            low = f"{decimal(match['low'], feminine=feminine)}-"
        # "5 тис. км" has become "п'ять тисяч км": the unit after a scale word is plural.
        case = "nominative" if match["sign"] else _case(match)
        return sign + low + counted(match["number"], forms, feminine=feminine, case=case)

    text = re.sub(
        rf"(?<![\d,])(?P<sign>[-−])?(?:(?P<low>{_NUM})\s?[–-]\s?)?(?P<number>{_NUM})\s?"
        rf"(?P<unit>{units})(?![\w/])",
        unit,
        text,
    )
    # A unit after a scale word: "п'ять тисяч км" -> "п'ять тисяч кілометрів".
    scale_words = r"(?:тисяч[аі]?|мільйон(?:ів|и|а)?|мільярд(?:ів|и|а)?|трильйон(?:ів|и|а)?)"
    return re.sub(
        rf"\b(?P<scale>{scale_words})\s(?P<unit>{units})(?![\w/])",
        lambda m: f"{m['scale']} {UNITS[m['unit']][2 if not m['scale'].endswith('а') else 3]}",
        text,
    )


def _ordinal_suffixes(text: str) -> str:
    """ "5-й", "93-тя бригада", "10-го", "3-му": the ending says the form."""
    endings = {
        "й": "masculine", "ий": "masculine", "ій": "masculine", "го": "genitive",
        "ого": "genitive", "му": "locative", "ому": "locative", "а": "feminine",
        "та": "feminine", "тя": "feminine", "я": "feminine", "ої": "feminine_genitive",
        "ї": "feminine_genitive", "е": "neuter", "те": "neuter", "тє": "neuter",
    }  # fmt: skip
    pattern = longest_first(endings)
    return re.sub(
        rf"\b(\d+)-({pattern})\b",
        lambda m: ordinal(int(m[1]), form=endings[m[2]]),
        text,
    )


def _numbers(text: str) -> str:
    # Ranges between plain numbers: "3–5", said "три-п'ять".
    text = re.sub(r"(?<![\d,])(\d+)\s?[–-]\s?(\d+)(?![\d,])", r"\1 - \2", text)
    # A dot between digits (not a date, handled earlier) is a decimal point.
    text = re.sub(r"(?<=\d)\.(?=\d)", ",", text)
    text = re.sub(r"(?<![\w,])[-−](?=\d)", "мінус ", text)

    def number(match: re.Match) -> str:
        digits = match[0]
        whole = digits.partition(",")[0]
        if is_code(whole):
            return " ".join(cardinal(int(d)) for d in digits if d.isdigit())
        feminine = _feminine_follower(match.string[match.end() :])
        # "до 5 людей": the genitive; not a year ("до 2030"), which wants an ordinal.
        is_year = re.fullmatch(r"1[1-9]\d\d|20\d\d", digits)
        if "," not in digits and not is_year and _case(match) == "genitive":
            return cardinal(int(digits), feminine=feminine, case="genitive")
        return decimal(digits, feminine=feminine)

    text = re.sub(rf"(?<![\d,]){_NUM}(?![\d])", number, text)
    return text.replace(" - ", "-")


def _acronyms(text: str) -> str:
    def acronym(match: re.Match) -> str:
        word = match[0]
        if word in WORD_ACRONYMS:
            return WORD_ACRONYMS[word]
        if word in SPELLED_ACRONYMS:
            return SPELLED_ACRONYMS[word]
        return "-".join(LETTER_NAMES.get(letter, letter) for letter in word)

    return re.sub(r"\b[А-ЯІЇЄҐ]{2,6}\b", acronym, text)


def _mark_sentence_ends(text: str) -> str:
    """An abbreviation's dot that also ends the writer's sentence ("... 2026 р. Потім") is
    marked, so that a full stop stays once the abbreviation is written out."""
    return re.sub(rf"\b({_CLOSING})\.(?=\s*$|\s+[А-ЯІЇЄҐA-Z])", "\\1.\x00", text)


def _restore_sentence_ends(text: str) -> str:
    return re.sub(r"\.?\x00", ".", text)


# In this order: the sentence ends are marked before the abbreviations lose their dots;
# dates, years, times, money and units take their digits before _numbers.
STEPS = (
    _mark_sentence_ends,
    _abbreviations,
    _dates,
    _years,
    _times,
    _money,
    _scales_and_units,
    _ordinal_suffixes,
    _numbers,
    _acronyms,
    _restore_sentence_ends,
)


def normalize(text: str) -> str:
    """One line of written Ukrainian as the words a newsreader says."""
    return prepare(text, punctuation=_punctuation, steps=STEPS)


# The Ukrainian newsroom's copy as the listener hears it: (kind, written, spoken). The
# tests check every row, and docs/subsystems/editions-search-audio.md shows them.
STYLE_EXAMPLES = [
    ("число", "У селі 21 будинок.", "У селі двадцять один будинок."),
    ("число", "Загинули 2 людини.", "Загинули дві людини."),
    ("число", "Евакуювали 12 500 людей.", "Евакуювали дванадцять тисяч п'ятсот людей."),
    ("рік", "Це сталося 2026 року.", "Це сталося дві тисячі двадцять шостого року."),
    (
        "рік",
        "У 2022 році почалося вторгнення.",
        "У дві тисячі двадцять другому році почалося вторгнення.",
    ),
    (
        "рік",
        "Закон ухвалили в 1991 р.",
        "Закон ухвалили в тисяча дев'ятсот дев'яносто першому році.",
    ),
    ("дата", "Засідання 5 грудня.", "Засідання п'ятого грудня."),
    (
        "дата",
        "Це було 24 лютого 2022 року.",
        "Це було двадцять четвертого лютого дві тисячі двадцять другого року.",
    ),
    ("дата", "Дедлайн 05.12.2026.", "Дедлайн п'ятого грудня дві тисячі двадцять шостого року."),
    (
        "дата",
        "У грудні 2026 відкриють міст.",
        "У грудні дві тисячі двадцять шостого року відкриють міст.",
    ),
    ("час", "Тривога о 14:30.", "Тривога о чотирнадцятій тридцять."),
    ("час", "Працює з 9:00 до 18:00.", "Працює з дев'ятої до вісімнадцятої."),
    ("відсоток", "Інфляція 15%.", "Інфляція п'ятнадцять відсотків."),
    ("відсоток", "Ціни зросли на 3,5%.", "Ціни зросли на три цілих п'ять десятих відсотка."),
    ("відсоток", "Явка 1%.", "Явка один відсоток."),
    ("гроші", "Пенсія 3000 грн.", "Пенсія три тисячі гривень."),
    ("гроші", "Квиток коштує ₴22.", "Квиток коштує двадцять дві гривні."),
    ("гроші", "Хліб за 31,50 грн.", "Хліб за тридцять одна гривня п'ятдесят копійок."),
    ("гроші", "Допомога 1,5 млрд доларів.", "Допомога одна ціла п'ять десятих мільярда доларів."),
    ("гроші", "Бюджет $5 млн.", "Бюджет п'ять мільйонів доларів."),
    ("скорочення", "Зібрали 5 тис. підписів.", "Зібрали п'ять тисяч підписів."),
    ("скорочення", "Дорога завдовжки 30 км.", "Дорога завдовжки тридцять кілометрів."),
    ("скорочення", "Обстріл за 3–5 км від міста.", "Обстріл за три-п'ять кілометрів від міста."),
    ("скорочення", "Адреса: вул. Хрещатик, 22.", "Адреса: вулиця Хрещатик, двадцять два."),
    ("скорочення", "Хліб, молоко і т. д.", "Хліб, молоко і так далі."),
    ("абревіатура", "ЗСУ, ООН і ЄС.", "зе-ес-у, о-о-ен і є-ес."),
    ("абревіатура", "США та НАТО.", "ес-ше-а та нато."),
    ("порядкове", "93-тя бригада.", "дев'яносто третя бригада."),
    ("температура", "Вночі -5 °C.", "Вночі мінус п'ять градусів Цельсія."),
]
