from django import forms
from django.contrib.auth import get_user_model

from .models import SCOPE_CHOICES


class ApiKeyForm(forms.Form):
    name = forms.CharField(max_length=120, help_text="Who uses it, e.g. 'iOS app', 'wire desk'.")
    owner = forms.ModelChoiceField(
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        help_text="Writes made with the key are attributed to this person.",
    )
    scopes = forms.MultipleChoiceField(choices=SCOPE_CHOICES, widget=forms.CheckboxSelectMultiple)
    rate_per_minute = forms.IntegerField(min_value=1, max_value=100_000, initial=600)
