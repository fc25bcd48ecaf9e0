"""Forms of the money ask and of how it went."""

import datetime as dt

from django import forms
from django.utils import timezone

from inplace.fields import (
    DATE_INPUT,
    AmountField,
    check_plausible_date,
    show_whole_amounts,
)
from inplace.versions import VersionedForm
from negotiation.models import (
    CURRENCIES,
    MoneyAsk,
    MoneyAskOutcome,
    NegotiationPlan,
)


class MoneyAskForm(VersionedForm, forms.ModelForm):
    """The money ask: targets, the walk-away number, deal-breakers, honest reasons, the script."""

    class Meta:
        model = MoneyAsk
        fields = [
            "currency",
            "target_base",
            "target_total",
            "walk_away",
            "deal_breakers",
            "reasons",
            "script",
        ]
        field_classes = {name: AmountField for name in ("target_base", "target_total", "walk_away")}
        labels = {
            "target_base": "Target base salary",
            "target_total": "Target yearly total",
            "walk_away": "Walk-away number",
            "deal_breakers": "Deal-breakers",
            "reasons": "Your honest reasons",
            "script": "What you will say",
        }
        help_texts = {
            "target_base": "Yearly, before tax.",
            "target_total": "Base, bonus and a year of equity.",
            "walk_away": "The lowest you would accept. Private: never in your script.",
            "deal_breakers": "Terms you would say no to, whatever the number.",
            "reasons": "Why this number, in your words: the scope, what you bring, what similar "
            "roles pay. The app drafts your ask from them.",
            "script": "Make it sound like you. Then say it live, on a call or face to face.",
        }
        widgets = {
            "deal_breakers": forms.Textarea(
                attrs={"rows": 2, "placeholder": "e.g. More than two office days a week"}
            ),
            "reasons": forms.Textarea(
                attrs={
                    "rows": 4,
                    "placeholder": "e.g. The role now includes the data platform, which was a "
                    "separate director role. Comparable Director roles in Chicago pay 175–195k.",
                }
            ),
            "script": forms.Textarea(attrs={"rows": 9}),
        }
        error_messages = {
            "currency": {
                "required": "Choose the currency of your target.",
                "invalid_choice": "Choose a currency from the list (e.g. USD or EUR).",
            },
        }

    def __init__(self, *args, plan: NegotiationPlan, **kwargs) -> None:
        # The targets, reasons and script are the plan's own fields: the plan's version guards
        # them, also before the money ask row exists.
        super().__init__(*args, version=plan.version, **kwargs)
        self.fields["currency"].choices = [("", "Choose…"), *CURRENCIES]
        show_whole_amounts(self, ["target_base", "target_total", "walk_away"])

    def clean(self) -> dict:
        cleaned = super().clean()
        base, total = cleaned.get("target_base"), cleaned.get("target_total")
        walk_away = cleaned.get("walk_away")
        if base is not None and total is not None and total < base:
            self.add_error(
                "target_total", "The yearly total includes the base, so it cannot be below it."
            )
        target = base if base is not None else total
        if walk_away is not None and target is not None and walk_away > target:
            self.add_error(
                "walk_away",
                "This is above your target. The walk-away number is the lowest you would "
                "accept: check the two numbers.",
            )
        return cleaned


class MoneyAskOutcomeForm(VersionedForm, forms.ModelForm):
    """How the money ask went: when, for how much, and what they offered before and after."""

    class Meta:
        model = MoneyAsk
        fields = ["asked_on", "asked_amount", "offered_before", "offered_after", "outcome"]
        field_classes = {
            name: AmountField for name in ("asked_amount", "offered_before", "offered_after")
        }
        labels = {
            "asked_on": "When you asked",
            "asked_amount": "What you asked for",
            "offered_before": "Their offer before",
            "offered_after": "Their offer after",
            "outcome": "How it went",
        }
        widgets = {
            "asked_on": forms.DateInput(format=DATE_INPUT, attrs={"type": "date"}),
            "outcome": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [
            (MoneyAskOutcome.NOT_YET, "Not asked yet, or no answer yet"),
            (MoneyAskOutcome.MOVED, "They moved"),
            (MoneyAskOutcome.HELD, "They held firm"),
        ]
        show_whole_amounts(self, ["asked_amount", "offered_before", "offered_after"])

    def clean_asked_on(self) -> dt.date | None:
        asked_on = self.cleaned_data.get("asked_on")
        if asked_on:
            check_plausible_date(asked_on)
            if asked_on > timezone.localdate():
                raise forms.ValidationError(
                    "That is in the future. Record the ask once you made it."
                )
        return asked_on

    def clean(self) -> dict:
        cleaned = super().clean()
        outcome = cleaned.get("outcome")
        before, after = cleaned.get("offered_before"), cleaned.get("offered_after")
        answered = outcome in (MoneyAskOutcome.MOVED, MoneyAskOutcome.HELD)
        if answered and not cleaned.get("asked_on") and "asked_on" not in self.errors:
            self.add_error("asked_on", "When did you ask? A date is enough.")
        if before is None or after is None:
            return cleaned
        if outcome == MoneyAskOutcome.MOVED and after <= before:
            self.add_error(
                "offered_after",
                "They moved means the offer went up. If it stayed the same, "
                "choose “They held firm”.",
            )
        elif outcome == MoneyAskOutcome.HELD and after > before:
            self.add_error("outcome", "The offer went up after you asked: that counts as moved.")
        return cleaned
