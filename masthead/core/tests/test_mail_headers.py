"""header_safe(): values people typed, made safe for a mail header."""

import pytest
from django.core.mail import EmailMessage

from masthead.core.mail import header_safe


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Plain subject", "Plain subject"),
        ("Two\r\nlines", "Two lines"),
        ("Bare\rCR and\nLF", "Bare CR and LF"),
        ("Tab\tand NUL\x00here", "Tab and NUL here"),
        ("Unicode\u2028line\u2029para\x85nel", "Unicode line para nel"),
        ("  padded \n ", "padded"),
    ],
)
def test_line_breaks_and_control_characters_become_one_space(value, expected):
    assert header_safe(value) == expected


def test_long_values_are_cut_on_a_word_and_marked():
    text = header_safe("word " * 100, max_length=50)
    assert len(text) <= 50 and text.endswith("…") and "  " not in text


def test_the_result_is_accepted_by_django_as_a_header():
    message = EmailMessage(
        subject=header_safe("Hi\r\nBcc: x@example.net"), body="b", to=["a@example.org"]
    )
    parsed = message.message()
    assert parsed["Bcc"] is None
    assert parsed["Subject"] == "Hi Bcc: x@example.net"


def test_a_newsletter_sender_name_with_a_line_break_makes_a_valid_from_header():
    from masthead.newsletters.models import Newsletter

    newsletter = Newsletter(name="Morning", sender_name="Desk\r\nBcc: x@example.net")
    newsletter.sender_email = "desk@news.example"
    message = EmailMessage(subject="s", body="b", from_email=newsletter.from_email, to=["a@b.c"])
    parsed = message.message()
    assert parsed["Bcc"] is None
    assert "\n" not in newsletter.from_email
