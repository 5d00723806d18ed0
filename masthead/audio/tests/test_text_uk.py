"""Ukrainian text preparation: the exact text the engine receives for the Ukrainian edition."""

import pytest

from masthead.audio import text_uk
from masthead.audio.text import normalizer, speech_parts
from masthead.audio.text_uk import STYLE_EXAMPLES, normalize, ordinal, plural


@pytest.mark.parametrize(("kind", "written", "spoken"), STYLE_EXAMPLES)
def test_the_newsroom_style_table_is_what_the_engine_receives(kind, written, spoken):
    assert normalize(written) == spoken


CASES = [
    # Agreement of the counted word: 1, 2-4, 5-20, and the teens.
    ("1 км", "один кілометр"),
    ("3 км", "три кілометри"),
    ("11 км", "одинадцять кілометрів"),
    ("22 км", "двадцять два кілометри"),
    ("1 т", "одна тонна"),
    ("2 т", "дві тонни"),
    ("101 грн", "сто одна гривня"),
    ("112 грн", "сто дванадцять гривень"),
    ("0,5 км", "нуль цілих п'ять десятих кілометра"),
    ("1,25 млн гривень", "одна ціла двадцять п'ять сотих мільйона гривень"),
    ("1 тис. людей і 2 тис. машин", "одна тисяча людей і дві тисячі машин"),
    ("2 мільйони", "два мільйони"),
    ("25 км/год", "двадцять п'ять кілометрів на годину"),
    # A count after "до", "від", "близько" ... is in the genitive.
    ("близько 11 тис. кв. км", "близько одинадцяти тисяч квадратних кілометрів"),
    ("від 3 до 5 людей", "від трьох до п'яти людей"),
    ("з 5 до 10 км", "з п'яти до десяти кілометрів"),
    ("до 1 км", "до одного кілометра"),
    ("до 21 тонни", "до двадцяти однієї тонни"),
    ("без 2 грн", "без двох гривень"),
    ("близько 2 тисяч", "близько двох тисяч"),
    ("більше 100 тис. гривень", "більше ста тисяч гривень"),
    ("понад 100 людей", "понад сто людей"),
    ("на 10–15%", "на десять-п'ятнадцять відсотків"),
    # Money: symbols and codes before or after, kopecks, scales.
    ("€300", "триста євро"),
    ("USD 40", "сорок доларів"),
    ("500 UAH", "п'ятсот гривень"),
    ("1 000 000 ₴", "один мільйон гривень"),
    ("$2,50", "два долари п'ятдесят центів"),
    ("2–3 млрд грн", "два-три мільярди гривень"),
    # Gender of a plain number from the noun after it.
    ("21 атака", "двадцять одна атака"),
    ("2 області", "дві області"),
    ("2 міста", "два міста"),
    ("2 школи і 2 школярі", "дві школи і два школярі"),
    ("1 доба, 2 добровольці", "одна доба, два добровольці"),
    ("22 громади, 2 громадяни", "двадцять дві громади, два громадяни"),
    ("1 ніч", "одна ніч"),
    # Years, dates, decades.
    (
        "2022–2024 роки були важкими",
        "дві тисячі двадцять другий – дві тисячі двадцять четвертий роки були важкими",
    ),
    ("у 2022–2024 роках", "у дві тисячі двадцять другому – дві тисячі двадцять четвертому роках"),
    ("У 2024-25 рр.", "У дві тисячі двадцять четвертому – дві тисячі двадцять п'ятому роках."),
    ("2026 рік", "дві тисячі двадцять шостий рік"),
    ("5–7 грудня", "п'ятого – сьомого грудня"),
    ("2026-12-05", "п'ятого грудня дві тисячі двадцять шостого року"),
    ("1 грудня о 0:15", "першого грудня о нуль п'ятнадцять"),
    ("Почалося в 90-х", "Почалося в дев'яностих"),
    # Times by the preposition before them.
    ("14:30", "чотирнадцята тридцять"),
    ("до 10:05", "до десятої нуль п'ять"),
    ("об 11:00", "об одинадцятій"),
    # Ordinals written with their ending.
    ("5-й батальйон", "п'ятий батальйон"),
    ("10-го числа", "десятого числа"),
    ("у 3-му раунді", "у третьому раунді"),
    # Abbreviations and acronyms.
    ("і т.д.", "і так далі."),
    ("напр. Київ", "наприклад Київ"),
    ("Київська обл.", "Київська область"),
    ("м. Харків", "місто Харків"),
    ("ДСНС і МВС", "де-ес-ен-ес і ем-ве-ес"),
    ("ГУР і НАБУ", "гур і набу"),
    ("КЩЗ", "ка-ща-зе"),
    # Punctuation: quotes gone, dashes a pause, the typographic apostrophe made plain.
    ("«Ми вистоїмо», — сказала вона.", "Ми вистоїмо, сказала вона."),
    ("Київ – столиця", "Київ, столиця"),
    ("Обʼєднання сім’ї", "Об'єднання сім'ї"),
    # A closing abbreviation keeps the sentence's full stop.
    ("Пенсія 3000 грн. Вона зросла.", "Пенсія три тисячі гривень. Вона зросла."),
    ("Хліб, сіль тощо", "Хліб, сіль тощо"),
    # Codes: a leading zero or too many digits are read digit by digit.
    ("телефон 0800500", "телефон нуль вісім нуль нуль п'ять нуль нуль"),
    (
        "код 1234567890123456",
        "код "
        + " ".join(
            ["один", "два", "три", "чотири", "п'ять", "шість", "сім", "вісім", "дев'ять", "нуль"]
            + ["один", "два", "три", "чотири", "п'ять", "шість"]
        ),
    ),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_ukrainian_text_is_written_out_as_a_newsreader_says_it(written, spoken):
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("number", "form"),
    [
        (1, 0),
        (2, 1),
        (4, 1),
        (5, 2),
        (11, 2),
        (12, 2),
        (14, 2),
        (20, 2),
        (21, 0),
        (111, 2),
        (122, 1),
    ],
)
def test_the_counted_word_takes_one_of_three_forms(number, form):
    assert plural(number, ("a", "b", "c")) == "abc"[form]


def test_ordinals_inflect_their_last_word_only():
    assert ordinal(2026, form="genitive") == "дві тисячі двадцять шостого"
    assert ordinal(3, form="feminine") == "третя"
    assert ordinal(3, form="locative") == "третьому"
    assert ordinal(23, form="feminine_locative") == "двадцять третій"


def test_ukrainian_articles_get_the_ukrainian_rules_and_others_the_english_ones():
    assert normalizer("uk") is text_uk.normalize
    assert normalizer("uk-ua") is text_uk.normalize
    assert normalizer("en-us")("It cost $5.") == "It cost five dollars."


class _Block:
    def __init__(self, block_type, value):
        self.block_type, self.value = block_type, value


def test_a_ukrainian_quote_names_its_speaker_without_a_gendered_verb():
    blocks = [
        _Block("quote", {"quote": "Ми відбудуємо міст до 2027 року.", "attribution": "Мер"}),
        _Block("paragraph", "<p>Ремонт коштуватиме 40 млн грн.</p><p>Роботи почнуться о 8:00</p>"),
    ]
    parts = speech_parts(headline="Міст відкрили", standfirst="", blocks=blocks, language="uk")
    assert parts == [
        "Міст відкрили.",
        "Мер: Ми відбудуємо міст до дві тисячі двадцять сьомого року.",
        "Ремонт коштуватиме сорок мільйонів гривень.",
        "Роботи почнуться о восьмій.",
    ]


@pytest.mark.parametrize(
    "hostile",
    [
        "",
        "   ",
        "9" * 5000,
        "₴" * 300,
        "1,2,3,4,5",
        "12:99",
        "32 грудня",
        "-",
        "%%%",
        "тис. млн грн",
    ],
)
def test_odd_input_never_breaks_the_preparation(hostile):
    spoken = normalize(hostile)
    assert isinstance(spoken, str)
    assert len(spoken) < 20 * len(hostile) + 10


def test_the_documented_table_is_the_style_table():
    from django.conf import settings

    doc = (settings.BASE_DIR / "docs/subsystems/editions-search-audio.md").read_text()
    for kind, written, spoken in STYLE_EXAMPLES:
        assert f"| {kind} | `{written}` | `{spoken}` |" in doc
