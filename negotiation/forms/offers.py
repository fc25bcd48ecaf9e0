"""The form for one version of an offer: every figure a person types is checked."""

import datetime as dt

from django import forms

from inplace.fields import (
    DATE_INPUT,
    MAX_AMOUNT,
    AmountField,
    PercentField,
    WholeNumberField,
    check_plausible_date,
)
from negotiation.models import (
    CURRENCIES,
    Offer,
)

OFFER_AMOUNTS = ("base_salary", "equity_grant_value", "sign_on_bonus")
EQUITY_FIELDS = ("equity_grant_value", "equity_units", "equity_unit_price")


class OfferForm(forms.ModelForm):
    """One version of an offer, in full; the app works out the yearly totals."""

    class Meta:
        model = Offer
        fields = [
            "version",
            "received_on",
            "currency",
            "base_salary",
            "bonus_target_percent",
            "equity_grant_value",
            "equity_units",
            "equity_unit_price",
            "vesting_years",
            "cliff_months",
            "sign_on_bonus",
            "deadline",
            "benefits",
        ]
        field_classes = {
            **dict.fromkeys(OFFER_AMOUNTS, AmountField),
            "bonus_target_percent": PercentField,
            "equity_units": AmountField,
            "equity_unit_price": AmountField,
            "vesting_years": WholeNumberField,
            "cliff_months": WholeNumberField,
        }
        labels = {
            "received_on": "Received on",
            "bonus_target_percent": "Bonus target (% of base)",
            "equity_grant_value": "Equity: value of the whole grant",
            "equity_units": "Or: number of units",
            "equity_unit_price": "× price per unit",
            "vesting_years": "Vesting (years)",
            "cliff_months": "Cliff (months)",
            "deadline": "Answer needed by",
            "benefits": "Benefits and other terms",
        }
        help_texts = {
            "base_salary": "Before tax, per year.",
            "bonus_target_percent": "0 if there is no bonus.",
            "equity_grant_value": "As they stated it, over the whole vesting period.",
            "equity_units": "Shares, options or RSUs.",
            "equity_unit_price": "What one unit is worth today (for options: above the strike).",
            "vesting_years": "Usually 4.",
            "cliff_months": "0 if it vests from the first month.",
            "sign_on_bonus": "Paid once; 0 if none.",
            "deadline": "If they named a date for your answer.",
            "benefits": "Pension, health cover, time off, learning budget, remote setup…",
        }
        widgets = {
            "received_on": forms.DateInput(format=DATE_INPUT, attrs={"type": "date"}),
            "deadline": forms.DateInput(format=DATE_INPUT, attrs={"type": "date"}),
            "benefits": forms.Textarea(
                attrs={
                    "rows": 3,
                    "placeholder": "e.g. 401(k) match 4%, 25 days off, $2,000 learning budget",
                }
            ),
        }
        error_messages = {
            "currency": {
                "required": "Choose the currency the offer is in.",
                "invalid_choice": "Choose a currency from the list (an ISO code like USD or EUR).",
            },
            "version": {"invalid_choice": "Choose initial, revised or final."},
            "received_on": {"required": "Enter the day the offer reached you."},
            "base_salary": {"required": "Enter the yearly base salary, e.g. 185000."},
            "bonus_target_percent": {
                "required": "Enter the bonus target, or 0 if there is none.",
                "max_value": "A bonus target is a percentage of base, from 0 to 200.",
                "max_digits": "A bonus target is a percentage of base, from 0 to 200.",
                "max_whole_digits": "A bonus target is a percentage of base, from 0 to 200.",
            },
            "equity_units": {"max_decimal_places": "Use at most four decimals."},
            "equity_unit_price": {"max_decimal_places": "Use at most four decimals."},
            "vesting_years": {
                "required": "Enter the vesting period in years, e.g. 4.",
                "invalid": "Enter whole years, like 4.",
                "min_value": "Vesting takes at least one year.",
                "max_value": "Vesting longer than 10 years is almost certainly a typo.",
            },
            "cliff_months": {
                "required": "Enter the cliff in months, or 0 if there is none.",
                "invalid": "Enter whole months, like 12.",
                "min_value": "This can't be negative.",
                "max_value": "A cliff longer than 60 months is almost certainly a typo.",
            },
            "sign_on_bonus": {"required": "Enter the sign-on bonus, or 0 if there is none."},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["currency"].choices = [("", "Choose…"), *CURRENCIES]

    def clean_received_on(self) -> dt.date:
        received_on = self.cleaned_data["received_on"]
        check_plausible_date(received_on)
        return received_on

    def clean_deadline(self) -> dt.date | None:
        deadline = self.cleaned_data.get("deadline")
        if deadline:
            check_plausible_date(deadline)
        return deadline

    def clean(self) -> dict:
        cleaned = super().clean()
        self._check_equity(cleaned)
        vesting, cliff = cleaned.get("vesting_years"), cleaned.get("cliff_months")
        if vesting and cliff is not None and cliff > vesting * 12:
            self.add_error("cliff_months", "The cliff can't be longer than the vesting period.")
        received_on, deadline = cleaned.get("received_on"), cleaned.get("deadline")
        if received_on and deadline and deadline < received_on:
            self.add_error("deadline", "This is before the day you received the offer.")
        return cleaned

    def _check_equity(self, cleaned: dict) -> None:
        """Equity is a grant value or units × price: one of the two, complete."""
        if any(name in self.errors for name in EQUITY_FIELDS):
            return
        grant, units, price = (cleaned.get(name) for name in EQUITY_FIELDS)
        if grant is not None and (units is not None or price is not None):
            self.add_error(
                "equity_grant_value",
                "Give either the grant's value or its units × price, not both.",
            )
        elif units is not None and price is None:
            self.add_error("equity_unit_price", "Add the price per unit, so the units count.")
        elif price is not None and units is None:
            self.add_error("equity_units", "Add how many units the grant has.")
        elif units is not None and units * price > MAX_AMOUNT:
            self.add_error(
                "equity_units", "Units × price is more than 1,000,000,000. Check both numbers."
            )
