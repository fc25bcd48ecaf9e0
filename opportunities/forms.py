"""Forms of the pipeline: the focus, opportunities, their people and interviews. Every form lists
its fields explicitly."""

import datetime as dt

from django import forms
from django.utils import timezone

from inplace.fields import DATE_INPUT, DATETIME_LOCAL_INPUT, RowsChoiceField, check_plausible_date
from opportunities import models


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
