from django import forms
from django.utils.translation import gettext_lazy

from . import conf
from .models import CommentReport


class CommentForm(forms.Form):
    # The length is checked by the service too, with a message that says how long it was;
    # the browser's own limit stops most long posts before they are sent.
    body = forms.CharField(
        label=gettext_lazy("Your comment"),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": conf.MAX_LENGTH}),
        max_length=conf.MAX_LENGTH * 4,
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(choices=CommentReport.REASONS, required=False)


class PreferenceForm(forms.Form):
    notify_replies = forms.BooleanField(
        required=False, label=gettext_lazy("Email me when someone replies to my comments")
    )
