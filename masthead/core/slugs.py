"""ASCII slugs for the Ukrainian edition: a new Ukrainian page whose slug is in Cyrillic gets
the slug transliterated by Ukraine's national transliteration (Cabinet of Ministers
resolution No. 55 of 27 January 2010), "Київ відбудовує мости" -> "kyiv-vidbudovuie-mosty".

Why: ASCII addresses survive being copied into messengers, emails and spreadsheets intact,
read the same way Ukrainian passports and road signs spell places, and are what the English
edition's translations already have. Cyrillic slugs stay valid (WAGTAIL_ALLOW_UNICODE_SLUGS),
so pages that already have one keep their address; their links are percent-encoded and
served back (docs/subsystems/editions-search-audio.md).
"""

from __future__ import annotations

import re

from django.utils.text import slugify

# Letter by letter; the second value is used at the start of a word.
_TABLE = {
    "а": ("a", "a"), "б": ("b", "b"), "в": ("v", "v"), "г": ("h", "h"), "ґ": ("g", "g"),
    "д": ("d", "d"), "е": ("e", "e"), "є": ("ie", "ye"), "ж": ("zh", "zh"), "з": ("z", "z"),
    "и": ("y", "y"), "і": ("i", "i"), "ї": ("i", "yi"), "й": ("i", "y"), "к": ("k", "k"),
    "л": ("l", "l"), "м": ("m", "m"), "н": ("n", "n"), "о": ("o", "o"), "п": ("p", "p"),
    "р": ("r", "r"), "с": ("s", "s"), "т": ("t", "t"), "у": ("u", "u"), "ф": ("f", "f"),
    "х": ("kh", "kh"), "ц": ("ts", "ts"), "ч": ("ch", "ch"), "ш": ("sh", "sh"),
    "щ": ("shch", "shch"), "ь": ("", ""), "ю": ("iu", "yu"), "я": ("ia", "ya"),
    "'": ("", ""), "’": ("", ""), "ʼ": ("", ""),
}  # fmt: skip
_CYRILLIC = re.compile(r"[а-яіїєґ]", re.IGNORECASE)


def transliterate_uk(text: str) -> str:
    """Ukrainian text in Latin letters by the national table (lower case)."""
    out = []
    previous = ""
    for char in text.lower():
        pair = _TABLE.get(char)
        if pair is None:
            out.append(char)
        elif char == "г" and previous == "з":
            # "зг" is written "zgh", so that it does not read as "ж": Згорани -> Zghorany.
            out.append("gh")
        else:
            at_word_start = not previous or not (previous.isalpha() or previous in "'’ʼ")
            out.append(pair[1] if at_word_start else pair[0])
        previous = char
    return "".join(out)


def ukrainian_slug(text: str) -> str:
    """A slug in ASCII for Ukrainian text: "Київ відбудовує мости" -> "kyiv-vidbudovuie-mosty"."""
    return slugify(transliterate_uk(text))


def is_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text or ""))


def transliterate_new_ukrainian_slug(sender, instance, **kwargs):
    """pre_save of any model: a page being created in a Ukrainian locale with a Cyrillic slug
    gets the ASCII slug instead, unique among its siblings, and its URL path follows."""
    from wagtail.models import Page

    if not isinstance(instance, Page) or instance.pk is not None:
        return
    if not is_cyrillic(instance.slug) or not instance.locale_id:
        return
    if instance.locale.language_code.split("-")[0] != "uk":
        return
    base = ukrainian_slug(instance.slug)[:250].strip("-")
    if not base:
        return
    parent = instance.get_parent()
    taken = set(parent.get_children().values_list("slug", flat=True)) if parent else set()
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    instance.slug = slug
    if parent is not None:
        instance.set_url_path(parent)
