"""Database ids from hostile input: URL paths and form fields.

An id of 25 digits overflows the database's 64-bit integer (SQLite raises OverflowError, a
500), and `str.isdigit()` accepts "²", which int() refuses. Every id that comes from a
request goes through here: the `id` path converter (registered in core/apps.py) and
parse_ids() for lists posted by forms."""

from __future__ import annotations

import re

# 18 digits always fit a signed 64-bit integer (9,223,372,036,854,775,807 has 19).
ID_PATTERN = "[0-9]{1,18}"
_ID = re.compile(rf"\A{ID_PATTERN}\Z")  # ASCII digits only, unlike str.isdigit()


class InvalidId(ValueError):
    """A value that is not a whole number an id column can hold. The message is for people."""


class IdConverter:
    """`<id:pk>`: like `<int:pk>` but no wider than an id column, so an oversized id is a
    404 (no URL matches) instead of a database overflow."""

    regex = ID_PATTERN

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


def parse_id(value) -> int:
    """One id from a form field. Raises InvalidId."""
    text = str(value).strip()
    if not _ID.match(text):
        raise InvalidId(f"“{text[:40]}” is not a valid id: ids are whole numbers.")
    return int(text)


def parse_ids(values) -> list[int]:
    """Ids from a repeated form field (request.POST.getlist), in order, without repeats.
    Raises InvalidId naming the first bad value: a list with one bad id is refused whole,
    so a staff action never applies to only part of what was ticked."""
    ids: list[int] = []
    for value in values:
        number = parse_id(value)
        if number not in ids:
            ids.append(number)
    return ids


class UnicodeSlugConverter:
    """`<uslug:slug>`: a slug that may hold letters of any script. Tags are slugged with
    their own letters (a Ukrainian tag "Харків" is "харків"), and Django's `slug` converter
    takes ASCII only, so reversing such a tag's URL failed (a 500 on every page linking it).
    Bounded like a slug column."""

    regex = r"[-\w]{1,255}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)
