from decimal import Decimal

from django import forms

from . import conf
from .models import Plan


class JoinForm(forms.Form):
    plan = forms.SlugField(
        max_length=40,
        error_messages={
            "required": "Choose a plan.",
            "invalid": "Choose one of the plans shown on this page.",
            "max_length": "Choose one of the plans shown on this page.",
        },
    )

    def clean_plan(self) -> Plan:
        slug = self.cleaned_data["plan"]
        plan = Plan.objects.filter(slug=slug, is_active=True).exclude(stripe_price_id="").first()
        if plan is None:
            raise forms.ValidationError("Choose one of the plans shown on this page.")
        return plan


class DonationForm(forms.Form):
    amount = forms.DecimalField(
        max_digits=8,
        decimal_places=2,
        error_messages={
            "required": "Enter an amount.",
            "invalid": "Enter the amount as a number, for example 25 or 12.50.",
            "max_digits": "That amount is too large.",
            "max_whole_digits": "That amount is too large.",
            "max_decimal_places": "Use at most two decimal places.",
        },
        widget=forms.NumberInput(attrs={"min": "1", "step": "0.01", "inputmode": "decimal"}),
    )

    def clean_amount(self) -> Decimal:
        amount = self.cleaned_data["amount"]
        if not amount.is_finite():
            raise forms.ValidationError("Enter the amount as a number, for example 25 or 12.50.")
        low, high = conf.donation_min(), conf.donation_max()
        currency = conf.currency().upper()
        if amount < low:
            raise forms.ValidationError(f"The smallest donation is {low} {currency}.")
        if amount > high:
            raise forms.ValidationError(
                f"The largest donation we take online is {high} {currency}; "
                "please contact us for larger gifts."
            )
        return amount
