from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from masthead.accounts.timezones import zone_label

from .models import Newsletter

# The English text (tests and callers compare with it); shown through gettext(BAD_ADDRESS).
BAD_ADDRESS = gettext_noop("Please, enter correct email address")
MAX_ADDRESS_LENGTH = 254


def normalise_email(value: str) -> str:
    """A comparable form of an address: trimmed, lower case, the domain in ASCII (IDNA), so
    "Reader@Пример.укр" and "reader@xn--e1afmkfd.xn--j1amh" are one subscriber. Raises
    ValidationError with the reader-facing message for anything that is not an address."""
    value = (value or "").strip()
    if not value or len(value) > MAX_ADDRESS_LENGTH or "@" not in value:
        raise ValidationError(gettext(BAD_ADDRESS), code="invalid")
    local, _, domain = value.rpartition("@")
    try:
        domain = domain.rstrip(".").encode("idna").decode("ascii")
    except UnicodeError as error:
        raise ValidationError(gettext(BAD_ADDRESS), code="invalid") from error
    address = f"{local}@{domain}".lower()
    if len(address) > MAX_ADDRESS_LENGTH or "." not in domain:
        raise ValidationError(gettext(BAD_ADDRESS), code="invalid")
    try:
        validate_email(address)
    except ValidationError as error:
        raise ValidationError(gettext(BAD_ADDRESS), code="invalid") from error
    return address


class SubscribeForm(forms.Form):
    """The public sign-up form: one address, one newsletter, a honeypot named like a field
    a bot would fill ("website"), hidden from people by CSS and from assistive technology."""

    email = forms.CharField(
        max_length=1000,
        error_messages={
            "required": gettext_lazy(BAD_ADDRESS),
            "max_length": gettext_lazy(BAD_ADDRESS),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "required": True}),
    )
    newsletter = forms.SlugField(max_length=120)
    website = forms.CharField(required=False, max_length=1000)

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data["email"])

    def clean_newsletter(self) -> Newsletter:
        slug = self.cleaned_data["newsletter"]
        newsletter = Newsletter.objects.active().filter(slug=slug).first()
        if newsletter is None:
            raise ValidationError(gettext("This newsletter is not available."), code="unknown")
        return newsletter

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class PreferencesForm(forms.Form):
    newsletters = forms.ModelMultipleChoiceField(
        queryset=Newsletter.objects.active(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=gettext_lazy("Newsletters you receive"),
    )
    paused = forms.BooleanField(required=False, label=gettext_lazy("Pause all newsletters for now"))


class TestSendForm(forms.Form):
    email = forms.CharField(max_length=MAX_ADDRESS_LENGTH, label="Send a test to")

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data["email"])


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(
        label="Send at",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        # The admin reads typed times in the staff member's zone (accounts/middleware.py).
        help_text=lazy(lambda: f"In {zone_label()}.", str)(),
    )


class AddLatestForm(forms.Form):
    section = forms.ModelChoiceField(queryset=None, label="Section")
    count = forms.IntegerField(min_value=1, max_value=20, initial=5, label="How many")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from masthead.news.models import SectionPage

        self.fields["section"].queryset = SectionPage.objects.live().order_by("title")
