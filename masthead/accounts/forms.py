from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext_lazy as _

from .models import User


class EmailLinkForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    next = forms.CharField(required=False, widget=forms.HiddenInput, max_length=500)


class PasswordSignInForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, max_length=4096)
    next = forms.CharField(required=False, widget=forms.HiddenInput, max_length=500)

    def __init__(self, *args, **kwargs):
        # It shares the sign-in page with EmailLinkForm: its own ids keep the page's ids unique.
        kwargs.setdefault("auto_id", "id_password_%s")
        super().__init__(*args, **kwargs)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name"]
        labels = {"display_name": _("Name shown on your comments")}

    def clean_display_name(self):
        name = " ".join(self.cleaned_data["display_name"].split())
        if any(ord(ch) < 32 for ch in name):
            raise forms.ValidationError(_("Use letters, numbers and ordinary punctuation."))
        return name


class ReaderPasswordForm(SetPasswordForm):
    """Set or change the optional password (the emailed link always works too)."""


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(
        # The word to type is translated too: "видалити" in Ukrainian ("delete" works as well).
        label=_('Type "delete" to confirm'),
        max_length=20,
        help_text=_("This cannot be undone."),
    )

    def clean_confirm(self):
        typed = self.cleaned_data["confirm"].strip().lower()
        # Translators: the word a reader types to confirm deleting their account.
        if typed not in {"delete", _("delete").lower()}:
            raise forms.ValidationError(_('Type the word "delete" to delete your account.'))
        return "delete"
