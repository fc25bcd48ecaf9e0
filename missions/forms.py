"""Forms of the job mission editor. Every form lists its fields explicitly."""

from django import forms

from inplace.versions import VersionedForm
from missions import models


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
