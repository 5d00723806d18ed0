from django import forms


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=64,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes.",
    )

    def clean_code(self):
        code = self.cleaned_data["code"]
        if "\x00" in code:
            raise forms.ValidationError("That is not a code.")
        return code


class PasswordForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        max_length=4096,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )


class RemoveFactorForm(forms.Form):
    kind = forms.ChoiceField(choices=[(k, k) for k in ("totp", "webauthn", "recovery")])
    pk = forms.IntegerField(required=False, min_value=1, max_value=2**62)


class EndSessionForm(forms.Form):
    session = forms.IntegerField(required=False, min_value=1, max_value=2**62)
