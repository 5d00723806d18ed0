from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from .addresses import MAX_URL_LENGTH, UnsafeURL, check_url
from .events import EVENTS
from .models import Delivery


class EndpointForm(forms.Form):
    url = forms.CharField(
        label="URL",
        max_length=MAX_URL_LENGTH,
        help_text="Where events are POSTed: an https:// address on the public internet.",
    )
    description = forms.CharField(
        max_length=200, required=False, help_text="Who receives it, e.g. 'partner app'."
    )
    events = forms.MultipleChoiceField(choices=EVENTS, widget=forms.CheckboxSelectMultiple)
    # Newsroom staff only (as User.is_newsroom_staff): a reader is never emailed about this.
    owner = forms.ModelChoiceField(
        queryset=get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_staff=True) | Q(is_superuser=True) | Q(groups__isnull=False))
        .distinct()
        .order_by("username"),
        help_text="Emailed if the endpoint keeps failing and is disabled.",
    )

    def clean_url(self):
        url = self.cleaned_data["url"].strip()
        try:
            check_url(url)
        except UnsafeURL as refusal:
            raise forms.ValidationError(str(refusal)) from None
        return url


class DeliveryFilterForm(forms.Form):
    status = forms.ChoiceField(
        choices=[("", "Any status"), *Delivery.STATUS_CHOICES], required=False
    )
    event = forms.ChoiceField(
        choices=[("", "Any event"), *Delivery._meta.get_field("event_type").choices],
        required=False,
    )
