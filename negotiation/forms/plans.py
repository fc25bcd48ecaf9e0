"""Forms of the negotiation plan: success asks, red flags, conversations and the stage."""

import datetime as dt

from django import forms
from django.utils import timezone

from inplace.fields import (
    DATE_INPUT,
    AmountField,
    RowsChoiceField,
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
    RedFlag,
    SuccessAsk,
)
from opportunities.models import Opportunity, Stage

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


class PlanStageForm(forms.Form):
    """Moving the opportunity on from the plan: to offer, accepted or declined."""

    stage = forms.ChoiceField(
        label="Move to",
        choices=[
            (stage, Stage(stage).label) for stage in (Stage.OFFER, Stage.ACCEPTED, Stage.DECLINED)
        ],
        error_messages={"invalid_choice": "Choose offer, accepted or declined."},
    )
