from decimal import Decimal

from django import forms
from django.utils.translation import gettext, gettext_lazy

from . import conf
from .models import Plan


class JoinForm(forms.Form):
    plan = forms.SlugField(
        max_length=40,
        error_messages={
            "required": gettext_lazy("Choose a plan."),
            "invalid": gettext_lazy("Choose one of the plans shown on this page."),
            "max_length": gettext_lazy("Choose one of the plans shown on this page."),
        },
    )

    def clean_plan(self) -> Plan:
        slug = self.cleaned_data["plan"]
        plan = Plan.objects.filter(slug=slug, is_active=True).exclude(stripe_price_id="").first()
        if plan is None:
            raise forms.ValidationError(gettext("Choose one of the plans shown on this page."))
        return plan


class DonationForm(forms.Form):
    amount = forms.DecimalField(
        max_digits=8,
        decimal_places=2,
        error_messages={
            "required": gettext_lazy("Enter an amount."),
            "invalid": gettext_lazy("Enter the amount as a number, for example 25 or 12.50."),
            "max_digits": gettext_lazy("That amount is too large."),
            "max_whole_digits": gettext_lazy("That amount is too large."),
            "max_decimal_places": gettext_lazy("Use at most two decimal places."),
        },
        widget=forms.NumberInput(attrs={"min": "1", "step": "0.01", "inputmode": "decimal"}),
    )

    def clean_amount(self) -> Decimal:
        amount = self.cleaned_data["amount"]
        if not amount.is_finite():
            raise forms.ValidationError(
                gettext("Enter the amount as a number, for example 25 or 12.50.")
            )
        low, high = conf.donation_min(), conf.donation_max()
        currency = conf.currency().upper()
        if amount < low:
            raise forms.ValidationError(
                gettext("The smallest donation is %(amount)s %(currency)s.")
                % {"amount": low, "currency": currency}
            )
        if amount > high:
            raise forms.ValidationError(
                gettext(
                    "The largest donation we take online is %(amount)s %(currency)s; "
                    "please contact us for larger gifts."
                )
                % {"amount": high, "currency": currency}
            )
        return amount
