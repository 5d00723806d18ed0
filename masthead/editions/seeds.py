"""Demo: every edition in LANGUAGES gets its home page (the translation of the English one),
so `make run` serves /uk/ from the start. The editions' own stories are seeded by their apps."""

from . import languages
from .services import start_edition


def seed(*, stdout) -> None:
    for language in languages.languages():
        if language == languages.default_language():
            continue
        home = start_edition(language)
        stdout.write(f"Edition {language}: home page {home.url or '(not routable)'}")
