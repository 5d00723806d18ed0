from django import forms
from django.utils import translation
from wagtail.contrib.simple_translation.forms import SubmitTranslationForm


class CheckedSubmitTranslationForm(SubmitTranslationForm):
    """simple_translation's form only greys out the editions whose parent (the section) has
    no translation; a posted choice of one still reached Wagtail's copy, which raised (a
    500). Here such a choice is refused with a message saying what to do first.

    "Include subtree" is not offered: translating a section would copy its whole archive
    into drafts, while an edition translates the stories it chooses, one by one."""

    def __init__(self, instance, *args, **kwargs):
        super().__init__(instance, *args, **kwargs)
        self.instance = instance
        self.disabled_locale_ids = set(self.fields["locales"].widget.disabled_values)
        self.fields["include_subtree"].widget = forms.HiddenInput()

    def clean_include_subtree(self):
        return False

    def clean_locales(self):
        locales = self.cleaned_data["locales"]
        refused = [locale for locale in locales if locale.pk in self.disabled_locale_ids]
        if refused:
            parent = self.instance.get_parent()
            names = ", ".join(_english_name(locale) for locale in refused)
            raise forms.ValidationError(
                f"“{parent.title}” has no {names} version yet, so there is nowhere to put the "
                "translation. Translate that page first (it may stay a draft)."
            )
        return locales


def _english_name(locale) -> str:
    """The language's English name ("Ukrainian"): the admin speaks English, while LANGUAGES
    names each edition in its own language for readers."""
    try:
        return translation.get_language_info(locale.language_code)["name"]
    except KeyError:
        return locale.get_display_name()
