"""The newsroom's copy as the narration voice receives it, one table per kind of misreading
that listening back with speech recognition found (issue 13), plus the newsroom's list
(text.STYLE_EXAMPLES, also in docs/subsystems/audio.md) and the tables behind it."""

from pathlib import Path

import pytest

from masthead.audio import text
from masthead.audio.text import normalize

DOCS = Path(__file__).resolve().parents[3] / "docs" / "subsystems" / "audio.md"


@pytest.mark.parametrize(("kind", "written", "spoken"), text.STYLE_EXAMPLES)
def test_the_newsrooms_copy_is_read_as_its_list_says(kind, written, spoken):
    assert normalize(written) == spoken


def test_the_newsrooms_list_in_the_docs_is_the_one_the_code_follows():
    docs = DOCS.read_text(encoding="utf-8")
    missing = [
        (written, spoken)
        for _, written, spoken in text.STYLE_EXAMPLES
        if f"| `{written}` | `{spoken}` |" not in docs
    ]
    assert missing == []


# "a.m." was said "A M", heard "uh M": a lone capital A is the article to the engine.
@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("It starts at 11:30 a.m. on Friday.", "It starts at eleven thirty Eh M on Friday."),
        ("It starts at 9 a.m. on Friday.", "It starts at nine Eh M on Friday."),
        ("It starts at 9am on Friday.", "It starts at nine Eh M on Friday."),
        ("It starts at 9 A.M. on Friday.", "It starts at nine Eh M on Friday."),
        ("It starts at 7 p.m. on Friday.", "It starts at seven P M on Friday."),
        ("It ends at 7 p.m.", "It ends at seven P M."),
        ("Plan A failed.", "Plan Eh failed."),
        ("A convoy of Grade A tanks.", "A convoy of Grade Eh tanks."),
        ("Russia Launches A New Offensive", "Russia Launches A New Offensive"),
        ("The AI model.", "The Eh I model."),
    ],
)
def test_the_letter_a_is_said_as_a_letter_not_as_the_article(written, spoken):
    assert normalize(written) == spoken


# "in 2024, the ..." was "two thousand and twenty-four".
@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("In 2024, the army grew.", "In twenty twenty-four, the army grew."),
        ("Since 1991, Ukraine has voted.", "Since nineteen ninety-one, Ukraine has voted."),
        ("From 2022; then 2023.", "From twenty twenty-two; then twenty twenty-three."),
        ("It had 2,024 beds.", "It had two thousand twenty-four beds."),
        ("In 2005, a law passed.", "In two thousand five, a law passed."),
    ],
)
def test_a_year_before_punctuation_is_still_read_as_a_year(written, spoken):
    assert normalize(written) == spoken


# "Q2" was "Qtwo", "G7" was "Gseven".
@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Q2 results.", "Q two results."),
        ("The G7 and the G20.", "The G seven and the G twenty."),
        ("F-16 jets.", "F sixteen jets."),
        ("Two F-16s.", "Two F sixteens."),
        ("A MiG-29 fell.", "A MiG twenty-nine fell."),
        ("The Su-34 flew.", "The Su thirty-four flew."),
        ("Our 5G network.", "Our five G network."),
        ("A4 paper.", "Eh four paper."),
        ("MI6 agents.", "M I six agents."),
    ],
)
def test_letters_fused_with_digits_are_said_apart(written, spoken):
    assert normalize(written) == spoken


# "St." was always "Saint", and its full stop ended the sentence.
@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "Shells hit 200 N. Spring St. Residents fled.",
            "Shells hit two hundred North Spring Street. Residents fled.",
        ),
        ("He lives on Spring St. in Kyiv.", "He lives on Spring Street in Kyiv."),
        ("He lives on 5th St. now.", "He lives on fifth Street now."),
        ("He flew to St. Petersburg.", "He flew to Saint Petersburg."),
        ("St. Petersburg is cold.", "Saint Petersburg is cold."),
        ("Kyiv's St. Sophia Cathedral.", "Kyiv's Saint Sophia Cathedral."),
        ("Then Dr. Smith left.", "Then Doctor Smith left."),
        ("He lives on Mulholland Dr. now.", "He lives on Mulholland Drive now."),
        (
            "Mr. Petrenko and Mrs. Koval met Gen. Syrskyi.",
            "Mister Petrenko and Missus Koval met General Syrskyi.",
        ),
        ("John F. Kennedy spoke.", "John F Kennedy spoke."),
        ("The U.S. Army said.", "The U S Army said."),
        ("Troops moved approx. ten km.", "Troops moved approximately ten km."),
    ],
)
def test_an_abbreviations_dot_never_ends_a_sentence_of_its_own(written, spoken):
    assert normalize(written) == spoken


@pytest.mark.parametrize("short", sorted(text.ABBREVIATIONS))
def test_every_listed_abbreviation_is_said_in_full(short):
    spoken, kind = text.ABBREVIATIONS[short]
    said = normalize(f"He saw {short} Kovalenko there")
    assert short not in said
    assert spoken in said
    if kind != "after":
        # A title or a word inside the sentence never ends it, even before a capital.
        assert "." not in said


# "WHO" was the pronoun (and "WHO warns of ..." became a question).
@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("WHO warns of cholera.", "W H O warns of cholera."),
        ("The UN and the EU.", "The U N and the E U."),
        ("NATO allies.", "Nato allies."),
        ("The IAEA inspectors.", "The I Eh E Eh inspectors."),
        ("The SBU detained him.", "The S B U detained him."),
        ("HUR said it struck.", "H U R said it struck."),
        ("The ZSU and the AFU.", "The Z S U and the Eh F U."),
        ("The OSCE mission.", "The O S C E mission."),
        ("UNESCO listed it.", "Unesco listed it."),
        ("HIMARS struck.", "Himars struck."),
        ("Dozens of NGOs.", "Dozens of N G O's."),
        ("World War II.", "World War Two."),
        ("Pope Leo XIV spoke.", "Pope Leo the Fourteenth spoke."),
    ],
)
def test_acronyms_are_read_as_letters_or_as_words_as_a_newsroom_would(written, spoken):
    assert normalize(written) == spoken


@pytest.mark.parametrize("acronym", sorted(text.SPELLED_ACRONYMS))
def test_every_listed_spelled_acronym_is_said_letter_by_letter(acronym):
    assert normalize(f"The {acronym} said") == f"The {text.spell(acronym)} said"
    assert len(text.spell(acronym).split()) == len(acronym)


@pytest.mark.parametrize("acronym", sorted(text.WORD_ACRONYMS))
def test_every_listed_word_acronym_is_said_as_one_word(acronym):
    assert normalize(f"The {acronym} said") == f"The {text.WORD_ACRONYMS[acronym]} said"


# "$1.2 billion budget" was "billion dollars budget".
@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("A $1.2 billion budget.", "A one point two billion dollar budget."),
        ("A $1.2bn budget.", "A one point two billion dollar budget."),
        ("A $500 fine.", "A five hundred dollar fine."),
        ("A €2 million loan.", "A two million euro loan."),
        ("It got $1.2 billion in aid.", "It got one point two billion dollars in aid."),
        ("It got $1.2 billion.", "It got one point two billion dollars."),
        ("$1.2 billion was spent.", "one point two billion dollars was spent."),
        ("$1.2 billion earmarked for it.", "one point two billion dollars earmarked for it."),
        ("It got $3 million last year.", "It got three million dollars last year."),
        ("Tickets cost $2.50 each.", "Tickets cost two dollars and fifty cents each."),
        ("It cost $1.", "It cost one dollar."),
        ("It cost £2.01.", "It cost two pounds and one penny."),
        ("It cost ₴2.50.", "It cost two hrivnias and fifty kopiykas."),
        ("It cost 300 UAH.", "It cost three hundred hrivnias."),
        ("It cost USD 300.", "It cost three hundred dollars."),
        ("It cost 40 hryvnias.", "It cost forty hrivnias."),
    ],
)
def test_money_is_said_as_an_amount_or_as_a_describing_word(written, spoken):
    assert normalize(written) == spoken


@pytest.mark.parametrize("symbol", sorted(text.CURRENCIES))
def test_every_listed_currency_is_said_in_the_singular_and_plural(symbol):
    one, many, _, _ = text.CURRENCIES[symbol]
    assert normalize(f"It cost {symbol}1") == f"It cost one {one}"
    assert normalize(f"It cost {symbol}40") == f"It cost forty {many}"


@pytest.mark.parametrize("unit", sorted(text.UNITS))
def test_every_listed_unit_is_said_in_the_singular_and_plural(unit):
    one, many = text.UNITS[unit]
    assert normalize(f"It was 1 {unit} off") == f"It was one {one} off"
    assert normalize(f"It was 40{unit} off") == f"It was forty {many} off"


# "$5,140" was heard as "$5,100 and $40": no "and" inside a number, unless set.
@pytest.mark.parametrize(
    ("written", "american", "british"),
    [
        ("It cost $5,140.", "five thousand one hundred forty dollars", "one hundred and forty"),
        ("About 180 people.", "one hundred eighty people", "one hundred and eighty people"),
        ("It has 1,005 beds.", "one thousand five beds", "one thousand and five beds"),
        ("In 2005 it began.", "two thousand five it began", "two thousand and five it began"),
        ("The 101st brigade.", "one hundred first brigade", "one hundred and first brigade"),
        ("At 3.5 km.", "three point five kilometers", "three point five kilometers"),
    ],
)
def test_numbers_are_read_without_and_unless_the_setting_asks_for_it(
    written, american, british, settings
):
    settings.AUDIO_NUMBERS_WITH_AND = False
    assert american in normalize(written)
    settings.AUDIO_NUMBERS_WITH_AND = True
    assert british in normalize(written)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("It fell to -5°C.", "It fell to minus five degrees Celsius."),
        ("It fell to −12 degrees.", "It fell to minus twelve degrees."),
        ("Aid rose 2-3%.", "Aid rose two to three percent."),
        ("The 2019-2021 war.", "The twenty nineteen to twenty twenty-one war."),
        ("It rose 0.75 points.", "It rose zero point seven five points."),
        ("The 1900s and the 2000s.", "The nineteen hundreds and the two thousands."),
        ("People in their 80s.", "People in their eighties."),
        ("On 9 May 2025.", "On the ninth of May, twenty twenty-five."),
        ("By Feb. 24, 2022, it had.", "By February twenty-fourth, twenty twenty-two, it had."),
        ("In Sept. Officials met.", "In September. Officials met."),
        ("Law No. 1234 passed.", "Law number one thousand two hundred thirty-four passed."),
        ("A 155mm shell.", "A one hundred fifty-five millimeter shell."),
        ("A 30 km stretch of road.", "A thirty kilometer stretch of road."),
        ("It hit 10 km away.", "It hit ten kilometers away."),
        ("Bags of 40 kg each.", "Bags of forty kilograms each."),
        ("The 800 MW plant.", "The eight hundred megawatt plant."),
        (
            "Serial 1234567890123456.",
            "Serial " + "one two three four five six seven eight "
            "nine zero one two three four five six.",
        ),
    ],
)
def test_numbers_dates_and_ranges_read_as_a_newsreader_says_them(written, spoken):
    assert normalize(written) == spoken


def test_a_number_too_long_to_be_an_amount_is_read_digit_by_digit_without_failing():
    said = normalize("Code " + "9" * 5000 + " and the 12345678901234567th and $" + "1" * 80)
    assert said.startswith("Code nine nine nine")
    assert "one two three four" in said
    assert said.endswith("one one one dollars")


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("KYIV — Russia launched drones.", "Kyiv, Russia launched drones."),
        ("ODESA, Ukraine — Ports reopened.", "Odesa, Ukraine, Ports reopened."),
        ("NEW YORK — It met.", "New York, It met."),
        ("UN, EU agree on aid.", "U N, E U agree on aid."),
        ("Talks run Jan. 10-12 in Geneva.", "Talks run January tenth to twelfth in Geneva."),
        ("It opens 9-11 a.m. daily.", "It opens nine to eleven Eh M daily."),
        ("From 9:30-11:00 sirens sounded.", "From nine thirty to eleven o'clock sirens sounded."),
        ("It cost $3-5 million.", "It cost three to five million dollars."),
        ("It cost $3 to $5 million.", "It cost three to five million dollars."),
        ("It was released 2025-01-10.", "It was released January tenth, twenty twenty-five."),
        ("The 9/11 attacks and 24/7 news.", "The nine eleven attacks and twenty-four seven news."),
        ("About 3/4 of voters.", "About three quarters of voters."),
        ("It won 2:1.", "It won two to one."),
        ("Call 0800 500.", "Call zero eight zero zero five hundred."),
    ],
)
def test_datelines_ranges_pairs_and_codes_read_as_a_newsreader_says_them(written, spoken):
    assert normalize(written) == spoken
