"""The exact text the engine receives: a table of the cases a newsreader reads differently."""

import pytest

from masthead.audio.text import article_speech_text, normalize, speech_parts

CASES = [
    ("Russia has lost 700,000 troops.", "Russia has lost seven hundred thousand troops."),
    ("Turnout fell 40 percent.", "Turnout fell forty percent."),
    ("Turnout fell 40%.", "Turnout fell forty percent."),
    ("About 1,500 troops daily.", "About one thousand five hundred troops daily."),
    ("On Jan. 9 the talks resumed.", "On January ninth the talks resumed."),
    ("Dated Jan. 9, 2025.", "Dated January ninth, twenty twenty-five."),
    ("Since 24 February 2022.", "Since the twenty-fourth of February, twenty twenty-two."),
    ("The sirens began at 2:39 AM.", "The sirens began at two thirty-nine Eh M."),
    ("Curfew ends at 5 a.m. Shops open later.", "Curfew ends at five Eh M. Shops open later."),
    ("It lasted until 9:05 p.m.", "It lasted until nine oh five P M."),
    ("The train left at 14:30.", "The train left at fourteen thirty."),
    ("It cost $1.5 million.", "It cost one point five million dollars."),
    ("Tickets cost $2.50 each.", "Tickets cost two dollars and fifty cents each."),
    ("A loaf costs €1.", "A loaf costs one euro."),
    ("The 3rd Assault Brigade moved.", "The third Assault Brigade moved."),
    ("Shelling hit 10-15 km away.", "Shelling hit ten to fifteen kilometers away."),
    ("The U.S. and the U.K. agreed.", "The U S and the U K agreed."),
    ("Aid came from the U.S.", "Aid came from the U S."),
    (
        "Gen. Oleksandr spoke to Lt. Col. Marko.",
        "General Oleksandr spoke to Lieutenant Colonel Marko.",
    ),
    ("“We will hold,” she said.", "We will hold, she said."),
    ("The bridge — the last one — fell.", "The bridge, the last one, fell."),
    ("It rose 3.5 points in 2024.", "It rose three point five points in twenty twenty-four."),
    ("Food & water ran out.", "Food and water ran out."),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_the_engine_receives_text_a_newsreader_would_say(written, spoken):
    assert normalize(written) == spoken


def test_each_part_ends_as_a_sentence_so_the_voice_pauses():
    parts = speech_parts(headline="Bridge reopens", standfirst="Traffic returns", blocks=[])
    assert parts == ["Bridge reopens.", "Traffic returns."]


def test_speech_reads_quotes_and_skips_captions_embeds_and_cards(make_article, db):
    from masthead.images.tests.factories import make_image

    image = make_image(caption="Not to be read")
    other = make_article(title="Another story", slug="another")
    page = make_article(
        slug="spoken",
        body=[
            {"type": "paragraph", "value": "<p>First <b>line</b>.</p><p>Second line.</p>"},
            {"type": "image", "value": {"image": image.pk, "caption": "A caption", "credit": ""}},
            {"type": "embed", "value": {"embed": "https://example.com/v", "caption": "Embed"}},
            {"type": "related_article", "value": {"article": other.pk}},
            {"type": "quote", "value": {"quote": "We stay.", "attribution": "The mayor"}},
            {"type": "pull_quote", "value": {"text": "Every school reopened.", "attribution": ""}},
            {"type": "subheading", "value": "What next"},
        ],
    )
    assert article_speech_text(page).splitlines() == [
        "Bridge reopens after repairs.",
        "The river crossing carries traffic again after two hundred days.",
        "First line.",
        "Second line.",
        "The mayor said: We stay.",
        "Every school reopened.",
        "What next.",
    ]


def test_a_premium_article_narrates_only_its_public_part(make_article, settings):
    from masthead.memberships import access

    body = [{"type": "paragraph", "value": f"<p>Paragraph {n}.</p>"} for n in range(1, 8)]
    page = make_article(slug="premium", body=body, is_premium=True)
    text = article_speech_text(page)
    shown = len(access.public_blocks(page))
    assert shown < 7
    assert "Paragraph seven." not in text
    assert text.count("Paragraph") == shown
