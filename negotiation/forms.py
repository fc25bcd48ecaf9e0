"""Forms of the negotiation app. Every form lists its fields explicitly."""

import datetime as dt
import re
from decimal import Decimal

from django import forms
from django.utils import timezone

from negotiation import models
from negotiation.versioning import VersionedForm

# The job mission editor.


class MissionSummaryForm(VersionedForm, forms.ModelForm):
    """The purpose of the role and what the user will own, in their own words."""

    class Meta:
        model = models.Mission
        fields = ["purpose", "responsibilities", "include_questions"]
        widgets = {
            "purpose": forms.Textarea(
                attrs={
                    "rows": 3,
                    "placeholder": "e.g. Make the developer platform a reason customers stay.",
                }
            ),
            "responsibilities": forms.Textarea(
                attrs={
                    "rows": 5,
                    "placeholder": "e.g. The platform roadmap, a team of three PMs, "
                    "the partnership with engineering leadership…",
                }
            ),
        }
        help_texts = {
            "purpose": "Why this role exists, as you understand it: the problem it solves.",
            "responsibilities": "What you will own and with whom. One item per line reads well.",
            "include_questions": "Showing your questions signals you came prepared. "
            "Turn this off to keep them for the conversation.",
        }


class ObjectiveForm(VersionedForm, forms.ModelForm):
    """One objective: an outcome, not a task."""

    class Meta:
        model = models.Objective
        fields = ["title"]
        labels = {"title": "Objective"}
        widgets = {
            "title": forms.TextInput(
                attrs={"placeholder": "e.g. Make onboarding a reason teams choose us"}
            )
        }
        help_texts = {"title": "An outcome you want to reach, not a list of tasks."}
        error_messages = {"title": {"required": "Write the outcome you want, in a few words."}}


class ObjectiveCreateForm(ObjectiveForm):
    """A new objective, added at the end of the mission."""

    version = None

    class Meta(ObjectiveForm.Meta):
        labels = {"title": "New objective"}


class KeyResultCreateForm(forms.ModelForm):
    """A new key result: what will be measurably true, and by when."""

    class Meta:
        model = models.KeyResult
        fields = ["description", "target", "horizon"]
        labels = {"description": "Key result", "horizon": "Horizon"}
        error_messages = {
            "description": {"required": "Say what will be measurably different."},
            "target": {"required": "Add a number or a before and after, e.g. 3 days to 1 hour."},
        }
        widgets = {
            "description": forms.TextInput(
                attrs={"placeholder": "e.g. Time for a new team to ship its first deploy"}
            ),
            "target": forms.TextInput(attrs={"placeholder": "e.g. from 3 days to under 1 hour"}),
        }


class KeyResultForm(VersionedForm, KeyResultCreateForm):
    """A key result with the hiring manager's reaction to it."""

    class Meta(KeyResultCreateForm.Meta):
        fields = ["description", "target", "horizon", "status", "manager_note"]
        labels = {**KeyResultCreateForm.Meta.labels, "status": "Status"}
        widgets = {
            **KeyResultCreateForm.Meta.widgets,
            "manager_note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"manager_note": "Their words, while you still remember them."}


class QuestionCreateForm(forms.ModelForm):
    """A question for the hiring team, optionally tied to one of this mission's objectives."""

    class Meta:
        model = models.Question
        fields = ["text", "objective"]
        labels = {"text": "New question", "objective": "About"}
        error_messages = {
            "text": {"required": "Write your question first."},
            "objective": {"invalid_choice": "Choose one of this mission's objectives."},
        }
        widgets = {
            "text": forms.Textarea(
                attrs={
                    "rows": 2,
                    "placeholder": "e.g. What would make you say, a year from now, "
                    "that this hire worked out?",
                }
            ),
        }

    def __init__(self, *args, mission: models.Mission, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        objective = self.fields["objective"]
        objective.queryset = mission.objectives.all()
        objective.empty_label = "The role in general"


class QuestionForm(VersionedForm, QuestionCreateForm):
    """A question with the answer the hiring team gave."""

    class Meta(QuestionCreateForm.Meta):
        fields = ["text", "objective", "answer"]
        labels = {"text": "Question", "objective": "About", "answer": "What I heard"}
        widgets = {
            **QuestionCreateForm.Meta.widgets,
            "answer": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"answer": "A sentence or two, while you still remember it."}


# Focus, opportunities, their people and interviews.

DATE_INPUT = "%Y-%m-%d"
DATETIME_LOCAL_INPUT = "%Y-%m-%dT%H:%M"
EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_YEARS_AHEAD = 5


def check_plausible_date(value: dt.date) -> None:
    """Refuse dates a job search cannot mean (a typo in the year, usually)."""
    latest = timezone.localdate() + dt.timedelta(days=365 * LATEST_YEARS_AHEAD)
    if value < EARLIEST_DATE:
        raise forms.ValidationError("That date is long past. Check the year.")
    if value > latest:
        raise forms.ValidationError(
            f"That date is more than {LATEST_YEARS_AHEAD} years away. Check the year."
        )


class FocusForm(forms.ModelForm):
    """The candidate-market-fit statement, what the user looks for, and their limits."""

    class Meta:
        model = models.Focus
        fields = [
            "attribute_1",
            "attribute_2",
            "attribute_3",
            "attribute_4",
            "target_roles",
            "level",
            "industries",
            "locations",
            "must_haves",
            "deal_breakers",
            "full_name",
            "contact",
        ]
        labels = {
            "attribute_1": "What you do",
            "attribute_2": "Where you do it best",
            "attribute_3": "What you bring",
            "attribute_4": "Anything else that defines the fit (optional)",
            "level": "Level",
            "must_haves": "Must-haves",
            "deal_breakers": "Deal-breakers",
        }
        help_texts = {
            "attribute_1": "The role and the domain, in a phrase.",
            "attribute_2": "The kind of company, stage or team where you thrive.",
            "attribute_3": "The result people hire you for, not a list of skills.",
            "attribute_4": "A fourth attribute only if it sharpens the picture.",
            "target_roles": "Titles you would accept, separated by commas.",
            "industries": "Separated by commas.",
            "locations": "Cities, regions, or remote.",
            "must_haves": "One per line. Without these you say no, kindly.",
            "deal_breakers": "One per line. Seeing one of these ends the conversation.",
        }
        widgets = {
            "attribute_1": forms.TextInput(
                attrs={"placeholder": "e.g. Product leader for B2B developer tools"}
            ),
            "attribute_2": forms.TextInput(
                attrs={"placeholder": "e.g. Series B–D companies with 100–500 people"}
            ),
            "attribute_3": forms.TextInput(
                attrs={"placeholder": "e.g. I turn platform debt into shipping speed"}
            ),
            "attribute_4": forms.TextInput(
                attrs={"placeholder": "e.g. Teams that work remote-first across Europe"}
            ),
            "target_roles": forms.TextInput(
                attrs={"placeholder": "e.g. Head of Product, Director of Product"}
            ),
            "industries": forms.TextInput(
                attrs={"placeholder": "e.g. Developer tools, infrastructure"}
            ),
            "locations": forms.TextInput(attrs={"placeholder": "e.g. Berlin or remote (EU)"}),
            "must_haves": forms.Textarea(
                attrs={"rows": 3, "placeholder": "e.g. A seat at the leadership table"}
            ),
            "deal_breakers": forms.Textarea(
                attrs={"rows": 3, "placeholder": "e.g. No budget for the platform"}
            ),
            "full_name": forms.TextInput(
                attrs={"placeholder": "e.g. Alex Rivera", "autocomplete": "name"}
            ),
            "contact": forms.TextInput(
                attrs={"placeholder": "e.g. alex@example.com · linkedin.com/in/alexrivera"}
            ),
        }


class OpportunityForm(forms.ModelForm):
    """One company and role: what it is, where it stands, how well it fits."""

    class Meta:
        model = models.Opportunity
        fields = [
            "company",
            "role",
            "posting_url",
            "location",
            "stage",
            "fit",
            "next_step",
            "next_step_due",
            "posting_text",
            "notes",
        ]
        labels = {"posting_text": "The posting, pasted", "fit": "How well does it fit your focus?"}
        help_texts = {
            "posting_url": "Where you found it, so you can read it again before the interview.",
            "posting_text": "Postings disappear once the role is filled. Keep a copy here.",
            "next_step": "The very next thing you will do, in a few words.",
            "notes": "Anything worth remembering: who referred you, what you heard.",
        }
        widgets = {
            "company": forms.TextInput(attrs={"placeholder": "e.g. Acme Cloud"}),
            "role": forms.TextInput(attrs={"placeholder": "e.g. Director of Product, Platform"}),
            "posting_url": forms.URLInput(attrs={"placeholder": "https://…"}),
            "location": forms.TextInput(attrs={"placeholder": "e.g. Berlin, hybrid"}),
            "fit": forms.RadioSelect,
            "next_step": forms.TextInput(
                attrs={"placeholder": "e.g. Ask Dana for an intro to the hiring manager"}
            ),
            "next_step_due": forms.DateInput(format=DATE_INPUT, attrs={"type": "date"}),
            "posting_text": forms.Textarea(attrs={"rows": 8}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # A new opportunity gets an honest, deliberate rating, not a pre-ticked default.
            self.initial.pop("fit", None)
            self.fields["fit"].initial = None
            self.fields["fit"].error_messages["required"] = (
                "Rate how well it fits your focus: strong, partial or off-focus."
            )

    def clean_next_step_due(self) -> dt.date | None:
        due = self.cleaned_data.get("next_step_due")
        if due:
            check_plausible_date(due)
        return due

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("next_step_due") and not cleaned.get("next_step"):
            self.add_error("next_step", "Say what the next step is, so the date means something.")
        return cleaned


class OpportunityStageForm(forms.Form):
    """The quick stage change on an opportunity's page."""

    stage = forms.ChoiceField(label="Move to", choices=models.Stage.choices)


class PersonForm(forms.ModelForm):
    """Someone the user deals with at the company."""

    class Meta:
        model = models.Person
        fields = ["name", "role", "email", "notes"]
        widgets = {
            "name": forms.TextInput(attrs={"placeholder": "e.g. Dana Lee", "autocomplete": "off"}),
            "email": forms.EmailInput(
                attrs={"placeholder": "dana@company.example", "autocomplete": "off"}
            ),
            "notes": forms.Textarea(
                attrs={"rows": 2, "placeholder": "e.g. Met at a meetup; cares about onboarding"}
            ),
        }


# The largest id a 64-bit integer column holds: PostgreSQL's bigint and SQLite's INTEGER.
LARGEST_ID = 2**63 - 1


class RowsChoiceField(forms.ModelMultipleChoiceField):
    """Several rows ticked in a list; an id no database can hold is an invalid choice.

    Django checks each id on its own, then reads them all with one ``pk__in`` query, which
    SQLite cannot run with an integer beyond 64 bits (OverflowError, a server error).
    """

    def _check_values(self, value):
        for pk in value:
            try:
                too_large = abs(int(str(pk))) > LARGEST_ID
            except ValueError:
                continue  # not a number: Django's own check says so
            if too_large:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


class InterviewForm(forms.ModelForm):
    """One interview; the people are chosen among this opportunity's people only."""

    class Meta:
        model = models.Interview
        fields = ["scheduled_at", "kind", "channel", "people", "notes"]
        field_classes = {"people": RowsChoiceField}
        labels = {"people": "With whom"}
        widgets = {
            "scheduled_at": forms.DateTimeInput(
                format=DATETIME_LOCAL_INPUT, attrs={"type": "datetime-local"}
            ),
            "people": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(
                attrs={"rows": 2, "placeholder": "e.g. Walk them through the mission PDF"}
            ),
        }
        error_messages = {
            "people": {"invalid_choice": "Choose people from this opportunity only."},
        }

    def __init__(self, *args, opportunity: models.Opportunity, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scheduled_at"].input_formats = [DATETIME_LOCAL_INPUT, "%Y-%m-%d %H:%M"]
        self.fields["people"].queryset = opportunity.people.all()

    def clean_scheduled_at(self) -> dt.datetime:
        scheduled_at = self.cleaned_data["scheduled_at"]
        check_plausible_date(timezone.localtime(scheduled_at).date())
        return scheduled_at


# Offers: every figure a person types is checked, with a message that says what to fix.

THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
AMOUNT_ERRORS = {
    "required": "Enter the amount, e.g. 185000.",
    "invalid": "Enter a plain number, like 185000 or 185,000.50 — no currency sign.",
    "min_value": "This can't be negative.",
    "max_value": "That is more than 1,000,000,000. Check for an extra zero.",
    "max_digits": "That is more than 1,000,000,000. Check for an extra zero.",
    "max_whole_digits": "That is more than 1,000,000,000. Check for an extra zero.",
    "max_decimal_places": "Use at most two decimals, like 1250.50.",
}


class AmountField(forms.DecimalField):
    """A non-negative number typed by a person; "185,000" and "185 000" are read as 185000.

    A text input, not type=number: a browser empties a number field it cannot parse, and the
    user would lose what they typed.
    """

    widget = forms.TextInput
    default_error_messages = AMOUNT_ERRORS

    def __init__(self, *, max_value=models.MAX_AMOUNT, max_digits=12, decimal_places=2, **kwargs):
        kwargs.pop("min_value", None)
        super().__init__(
            min_value=Decimal(0),
            max_value=max_value,
            max_digits=max_digits,
            decimal_places=decimal_places,
            **kwargs,
        )
        self.widget.attrs.update(inputmode="decimal", autocomplete="off")

    def prepare_value(self, value):
        """Show a stored 185000.00 as 185000 and 8.5000 as 8.5: as a person would type it."""
        if isinstance(value, Decimal) and value.is_finite():
            return f"{value.normalize():f}"
        return super().prepare_value(value)

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[\s\u00a0\u202f]", "", value)
            if THOUSANDS.match(value):
                value = value.replace(",", "")
        return super().to_python(value)

    def run_validators(self, value) -> None:
        """One message per field: the first rule the number breaks."""
        try:
            super().run_validators(value)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.error_list[:1]) from None


class PercentField(AmountField):
    """A percentage from 0 to 200, e.g. a bonus target."""

    def __init__(self, **kwargs) -> None:
        super().__init__(max_value=Decimal(200), **kwargs)


class WholeNumberField(forms.IntegerField):
    """A small whole number (years, months) in a text input that keeps what was typed."""

    widget = forms.TextInput

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.widget.attrs.update(inputmode="numeric", autocomplete="off")


OFFER_AMOUNTS = ("base_salary", "equity_grant_value", "sign_on_bonus")
EQUITY_FIELDS = ("equity_grant_value", "equity_units", "equity_unit_price")


class OfferForm(forms.ModelForm):
    """One version of an offer, in full; the app works out the yearly totals."""

    class Meta:
        model = models.Offer
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
        self.fields["currency"].choices = [("", "Choose…"), *models.CURRENCIES]

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
        elif units is not None and units * price > models.MAX_AMOUNT:
            self.add_error(
                "equity_units", "Units × price is more than 1,000,000,000. Check both numbers."
            )


# The negotiation plan: success asks, red flags, conversations, the money ask and its outcome.

NOT_DISCUSSED = "not_discussed"


def show_whole_amounts(form: forms.BaseForm, names) -> None:
    """Show a stored 185000.00 as 185000 in an unbound form: cents only when there are some."""
    for name in names:
        value = form.initial.get(name)
        if isinstance(value, Decimal) and value == value.to_integral_value():
            form.initial[name] = str(value.quantize(Decimal(1)))


class SuccessAskCreateForm(forms.ModelForm):
    """A new success ask: what the user needs to hit an objective of their mission."""

    # As the page shows them: the cursor goes to "What you need" when the form opens.
    field_order = ["description", "category", "objective", "priority", "amount", "currency"]

    class Meta:
        model = models.SuccessAsk
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

    def __init__(self, *args, opportunity: models.Opportunity, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        objective = self.fields["objective"]
        objective.queryset = models.Objective.objects.filter(mission__opportunity=opportunity)
        objective.empty_label = "Not tied to one objective"
        self.fields["currency"].choices = [("", "—"), *models.CURRENCIES]
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
        declined = cleaned.get("status") == models.AskStatus.DECLINED
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
            *models.AskStatus.choices[:4],
            (NOT_DISCUSSED, "Would not discuss"),
            *models.AskStatus.choices[4:],
        ],
        error_messages={"invalid_choice": "Choose a status from the list."},
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("status") == NOT_DISCUSSED:
            cleaned.update(status=models.AskStatus.DECLINED, would_not_discuss=True)
        else:
            cleaned["would_not_discuss"] = False
        return cleaned


class RedFlagForm(forms.ModelForm):
    """A warning sign about the employer, noted by hand."""

    class Meta:
        model = models.RedFlag
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
        model = models.RedFlag
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
        model = models.Conversation
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

    def __init__(self, *args, opportunity: models.Opportunity, **kwargs) -> None:
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
        return value == models.ConversationChannel.EMAIL


class MoneyAskForm(VersionedForm, forms.ModelForm):
    """The money ask: targets, the walk-away number, deal-breakers, honest reasons, the script."""

    class Meta:
        model = models.MoneyAsk
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

    def __init__(self, *args, plan: models.NegotiationPlan, **kwargs) -> None:
        # The targets, reasons and script are the plan's own fields: the plan's version guards
        # them, also before the money ask row exists.
        super().__init__(*args, version=plan.version, **kwargs)
        self.fields["currency"].choices = [("", "Choose…"), *models.CURRENCIES]
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
        model = models.MoneyAsk
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
            (models.MoneyAskOutcome.NOT_YET, "Not asked yet, or no answer yet"),
            (models.MoneyAskOutcome.MOVED, "They moved"),
            (models.MoneyAskOutcome.HELD, "They held firm"),
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
        answered = outcome in (models.MoneyAskOutcome.MOVED, models.MoneyAskOutcome.HELD)
        if answered and not cleaned.get("asked_on") and "asked_on" not in self.errors:
            self.add_error("asked_on", "When did you ask? A date is enough.")
        if before is None or after is None:
            return cleaned
        if outcome == models.MoneyAskOutcome.MOVED and after <= before:
            self.add_error(
                "offered_after",
                "They moved means the offer went up. If it stayed the same, "
                "choose “They held firm”.",
            )
        elif outcome == models.MoneyAskOutcome.HELD and after > before:
            self.add_error("outcome", "The offer went up after you asked: that counts as moved.")
        return cleaned


class PlanStageForm(forms.Form):
    """Moving the opportunity on from the plan: to offer, accepted or declined."""

    stage = forms.ChoiceField(
        label="Move to",
        choices=[
            (stage, models.Stage(stage).label)
            for stage in (models.Stage.OFFER, models.Stage.ACCEPTED, models.Stage.DECLINED)
        ],
        error_messages={"invalid_choice": "Choose offer, accepted or declined."},
    )
