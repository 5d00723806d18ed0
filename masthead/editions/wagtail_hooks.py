"""Admin: which edition's copy of a per-edition setting is on screen, and links to the others."""

from django.contrib import messages
from django.utils.html import format_html, format_html_join
from wagtail import hooks

from masthead.core.models import EditionSiteSetting

from . import languages


@hooks.register("before_edit_setting")
def say_which_edition(request, instance):
    if not isinstance(instance, EditionSiteSetting) or request.method != "GET":
        return None
    edition = getattr(request, "editing_edition", languages.default_language())
    others = [code for code in languages.languages() if code != edition]
    names = ((code, languages.language_name(code)) for code in others)
    links = format_html_join(", ", '<a href="?edition={}">{}</a>', names)
    messages.info(
        request,
        format_html(
            "Editing the {} edition. Other editions: {}.", languages.language_name(edition), links
        ),
    )
    return None
