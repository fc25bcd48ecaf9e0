"""Forms of the negotiation plan and its offers. Every form lists its fields explicitly."""

import datetime as dt

from django import forms
from django.utils import timezone

from inplace.fields import (
    DATE_INPUT,
    MAX_AMOUNT,
    AmountField,
    PercentField,
    RowsChoiceField,
    WholeNumberField,
    check_plausible_date,
    show_whole_amounts,
)
from inplace.versions import VersionedForm
from missions.models import Objective
from negotiation.models import (
    CURRENCIES,
    AskStatus,
    Conversation,
    ConversationChannel,
    MoneyAsk,
    MoneyAskOutcome,
    NegotiationPlan,
    Offer,
    RedFlag,
    SuccessAsk,
)
from opportunities.models import Opportunity, Stage

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


# The negotiation plan: success asks, red flags, conversations, the money ask and its outcome.

NOT_DISCUSSED = "not_discussed"


class SuccessAskCreateForm(forms.ModelForm):
    """A new success ask: what the user needs to hit an objective of their mission."""

    # As the page shows them: the cursor goes to "What you need" when the form opens.
    field_order = ["description", "category", "objective", "priority", "amount", "currency"]

    class Meta:
        model = SuccessAsk
        fields = ["category", "description", "objective", "priority", "amount", "currency"]
        field_classes = {"amount": AmountField}
        labels = {
            "description": "What you need",
            "objective": "The objective it serves",
            "amount": "Amount (optional)",
            "currency": "Currency",
        }
        help_texts = {
            "description": "Specific enough that they can say yes to it.",
            "amount": "A budget, a salary for a hire, a training allowance…",
        }
        widgets = {
            "description": forms.TextInput(
                attrs={"placeholder": "e.g. 20% of engineering time for platform debt, year one"}
            ),
            "priority": forms.RadioSelect,
        }
        error_messages = {
            "description": {"required": "Say what you need, in a sentence."},
            "category": {"invalid_choice": "Choose a kind of ask from the list."},
            "objective": {"invalid_choice": "Choose one of this mission's objectives."},
            "currency": {"invalid_choice": "Choose a currency from the list (e.g. USD or EUR)."},
        }

    def __init__(self, *args, opportunity: Opportunity, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        objective = self.fields["objective"]
        objective.queryset = Objective.objects.filter(mission__opportunity=opportunity)
        objective.empty_label = "Not tied to one objective"
        self.fields["currency"].choices = [("", "—"), *CURRENCIES]
        show_whole_amounts(self, ["amount"])

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("amount") is not None and not cleaned.get("currency"):
            self.add_error("currency", "Which currency is the amount in?")
        return cleaned


class SuccessAskForm(VersionedForm, SuccessAskCreateForm):
    """A success ask with where it stands and what the employer said."""

    class Meta(SuccessAskCreateForm.Meta):
        fields = [*SuccessAskCreateForm.Meta.fields, "status", "would_not_discuss"]
        fields += ["employer_response"]
        labels = {**SuccessAskCreateForm.Meta.labels, "employer_response": "What they said"}
        help_texts = {
            **SuccessAskCreateForm.Meta.help_texts,
            "would_not_discuss": "Only for a declined ask. It raises a red flag on this plan.",
            "employer_response": "In your words, while you still remember them.",
        }
        widgets = {
            **SuccessAskCreateForm.Meta.widgets,
            "employer_response": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self) -> dict:
        cleaned = super().clean()
        declined = cleaned.get("status") == AskStatus.DECLINED
        if cleaned.get("would_not_discuss") and not declined:
            self.add_error(
                "would_not_discuss",
                "Only a declined ask can be one they would not discuss. "
                "Set the status to Declined, or untick this.",
            )
        return cleaned


class AskStatusForm(forms.Form):
    """The quick status control on each success ask."""

    status = forms.ChoiceField(
        label="Status",
        choices=[
            *AskStatus.choices[:4],
            (NOT_DISCUSSED, "Would not discuss"),
            *AskStatus.choices[4:],
        ],
        error_messages={"invalid_choice": "Choose a status from the list."},
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("status") == NOT_DISCUSSED:
            cleaned.update(status=AskStatus.DECLINED, would_not_discuss=True)
        else:
            cleaned["would_not_discuss"] = False
        return cleaned


class RedFlagForm(forms.ModelForm):
    """A warning sign about the employer, noted by hand."""

    class Meta:
        model = RedFlag
        fields = ["title", "explanation"]
        labels = {"title": "What you noticed", "explanation": "Why it worries you (optional)"}
        widgets = {
            "title": forms.TextInput(
                attrs={"placeholder": "e.g. Three people described the role three different ways"}
            ),
            "explanation": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {"title": {"required": "Name what you noticed, in a few words."}}


class RedFlagResolveForm(forms.ModelForm):
    """Closing a red flag, with a note on what changed."""

    class Meta:
        model = RedFlag
        fields = ["resolution_note"]
        labels = {"resolution_note": "What changed"}
        widgets = {
            "resolution_note": forms.Textarea(
                attrs={"rows": 2, "placeholder": "e.g. The CTO called and committed to the budget"}
            )
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        note = self.fields["resolution_note"]
        note.required = True
        note.error_messages["required"] = "Say in a sentence what changed, so you remember why."


class RefusedConversationForm(forms.Form):
    """The employer would not have the conversation about what it takes to succeed."""

    note = forms.CharField(
        label="What they said (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(
            attrs={"rows": 2, "placeholder": "e.g. “We don't discuss resources before day one.”"}
        ),
    )


class ConversationForm(VersionedForm, forms.ModelForm):
    """One negotiation conversation; the people are this opportunity's people only."""

    class Meta:
        model = Conversation
        fields = ["happened_on", "channel", "people", "about_success", "summary", "outcomes"]
        field_classes = {"people": RowsChoiceField}
        labels = {
            "happened_on": "When",
            "channel": "How",
            "people": "With whom",
            "about_success": "This was the conversation about what it takes to succeed",
            "summary": "What was said",
            "outcomes": "What came out of it",
        }
        help_texts = {
            "outcomes": "What was agreed, what is open, who does what next.",
        }
        widgets = {
            "happened_on": forms.DateInput(format=DATE_INPUT, attrs={"type": "date"}),
            "channel": forms.RadioSelect,
            "people": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "outcomes": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "happened_on": {"required": "When did you talk? A date is enough."},
            "channel": {"invalid_choice": "Choose how you talked."},
            "people": {"invalid_choice": "Choose people from this opportunity only."},
            "summary": {"required": "Write a line or two about what was said."},
        }

    def __init__(self, *args, opportunity: Opportunity, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = opportunity.people.all()
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("happened_on", timezone.localdate())

    def clean_happened_on(self) -> dt.date:
        happened_on = self.cleaned_data["happened_on"]
        check_plausible_date(happened_on)
        if happened_on > timezone.localdate():
            raise forms.ValidationError(
                "That is in the future. Log a conversation once it happened."
            )
        return happened_on

    @property
    def chose_email(self) -> bool:
        """Whether the form, as typed or as saved, says the conversation was by email."""
        value = self.data.get("channel") if self.is_bound else self.instance.channel
        return value == ConversationChannel.EMAIL


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


class PlanStageForm(forms.Form):
    """Moving the opportunity on from the plan: to offer, accepted or declined."""

    stage = forms.ChoiceField(
        label="Move to",
        choices=[
            (stage, Stage(stage).label) for stage in (Stage.OFFER, Stage.ACCEPTED, Stage.DECLINED)
        ],
        error_messages={"invalid_choice": "Choose offer, accepted or declined."},
    )
