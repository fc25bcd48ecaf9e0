"""Forms of the negotiation app. Every form lists its fields explicitly."""

import datetime as dt

from django import forms
from django.utils import timezone

from negotiation import models

# The job mission editor.


class MissionSummaryForm(forms.ModelForm):
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


class ObjectiveForm(forms.ModelForm):
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


class KeyResultForm(KeyResultCreateForm):
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


class QuestionForm(QuestionCreateForm):
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
