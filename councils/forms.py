"""Forms of the councils app. Every form lists its fields explicitly."""

import datetime as dt
import re

from django import forms
from django.core.validators import URLValidator, validate_email
from django.utils import timezone

from councils.models import (
    Comment,
    Council,
    CouncilKind,
    Debrief,
    Feeling,
    GratitudeEntry,
    Share,
)
from inplace.fields import DATE_INPUT, DATETIME_LOCAL_INPUT, RowsChoiceField, check_plausible_date
from missions.models import KeyResult, Objective
from opportunities.models import Interview, Opportunity

# Debriefs and the gratitude house.

# The words on the 1–5 scale a debrief's "how I feel" is chosen from.
FEELING_WORDS = {
    Feeling.ROUGH: "Rough",
    Feeling.SHAKY: "Shaky",
    Feeling.OKAY: "Okay",
    Feeling.GOOD: "Good",
    Feeling.GREAT: "Great",
}


def _not_in_the_future(value: dt.date | None, message: str) -> dt.date | None:
    if value:
        check_plausible_date(value)
        if value > timezone.localdate():
            raise forms.ValidationError(message)
    return value


class InterviewChoiceField(forms.ModelChoiceField):
    """One of the user's interviews, named so it can be told apart in a list."""

    def label_from_instance(self, obj: Interview) -> str:
        when = timezone.localtime(obj.scheduled_at)
        return f"{obj.opportunity.company} · {obj.get_kind_display()} · {when:%a %-d %b %Y}"


class DebriefForm(forms.ModelForm):
    """What happened in an interview, written right after it, with the facts beside the fear."""

    interview = InterviewChoiceField(
        queryset=Interview.objects.none(),
        required=False,
        label="Which interview?",
        empty_label="Not one I recorded",
        error_messages={"invalid_choice": "Choose one of your own interviews."},
    )

    class Meta:
        model = Debrief
        fields = [
            "interview",
            "opportunity",
            "happened_on",
            "what_happened",
            "went_well",
            "do_differently",
            "feeling",
            "inner_critic",
            "evidence",
            "next_steps",
        ]
        labels = {"opportunity": "Or just the opportunity", "happened_on": "When was it?"}
        help_texts = {
            "opportunity": "Leave it empty if you picked the interview: it says which one.",
            "what_happened": "Who you met, what they asked, what you talked about. "
            "Plain notes are fine.",
            "went_well": "Be specific: a moment, an answer, a reaction you noticed.",
            "do_differently": "Not a verdict. One or two things to try next time.",
            "inner_critic": "Write the harsh story down, word for word. "
            "On paper it loses some of its power.",
            "evidence": "Now the facts: what they said or did, questions they asked you, "
            "time that ran over, a next step they offered.",
            "next_steps": "Thank-you notes, follow-ups, what to prepare for the next round.",
        }
        widgets = {
            "happened_on": forms.DateInput(format=DATE_INPUT, attrs={"type": "date"}),
            "what_happened": forms.Textarea(
                attrs={
                    "rows": 5,
                    "placeholder": "e.g. 45 minutes with Dana, the CPO. She asked how I would "
                    "measure trust in the automatic plan, then we went through my mission…",
                }
            ),
            "went_well": forms.Textarea(
                attrs={"rows": 3, "placeholder": "e.g. My answer on the override data landed."}
            ),
            "do_differently": forms.Textarea(
                attrs={"rows": 3, "placeholder": "e.g. Ask about the budget before time runs out."}
            ),
            "feeling": forms.RadioSelect(attrs={"class": "btn-check"}),
            "inner_critic": forms.Textarea(
                attrs={"rows": 4, "placeholder": "e.g. “They were only being polite.”"}
            ),
            "evidence": forms.Textarea(
                attrs={
                    "rows": 4,
                    "placeholder": "e.g. She asked for the PDF to show the CEO, and booked "
                    "the panel before we hung up.",
                }
            ),
            "next_steps": forms.Textarea(
                attrs={"rows": 3, "placeholder": "e.g. Thank-you note to Dana by tonight."}
            ),
        }
        error_messages = {
            "what_happened": {"required": "Start with what happened: a few lines are enough."},
            "feeling": {
                "required": "Choose how you feel, from 1 (rough) to 5 (great).",
                "invalid_choice": "Choose how you feel, from 1 (rough) to 5 (great).",
            },
            "opportunity": {"invalid_choice": "Choose one of your own opportunities."},
        }

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        interviews = Interview.objects.filter(opportunity__owner_id=owner.pk)
        self.fields["interview"].queryset = interviews.select_related("opportunity").order_by(
            "-scheduled_at", "-pk"
        )
        self.fields["opportunity"].queryset = Opportunity.objects.owned_by(owner).only(
            "pk", "company", "role"
        )
        self.fields["opportunity"].empty_label = "None"
        self.fields["feeling"].choices = list(FEELING_WORDS.items())

    def clean_happened_on(self) -> dt.date | None:
        return _not_in_the_future(
            self.cleaned_data.get("happened_on"),
            "A debrief is about something that already happened: pick today or an earlier day.",
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        interview, opportunity = cleaned.get("interview"), cleaned.get("opportunity")
        if interview and opportunity and interview.opportunity_id != opportunity.pk:
            self.add_error(
                "opportunity",
                f"That interview was with {interview.opportunity.company}. "
                "Choose that opportunity, or leave this empty.",
            )
        elif interview:
            cleaned["opportunity"] = interview.opportunity
        return cleaned


class GratitudeEntryForm(forms.ModelForm):
    """Someone who got the user here, and what they did."""

    class Meta:
        model = GratitudeEntry
        fields = ["name", "relationship", "what_they_did", "thanks_sent_on"]
        labels = {"name": "Who", "thanks_sent_on": "Thank-you note sent on (optional)"}
        help_texts = {
            "relationship": "How you know them, in a few words.",
            "what_they_did": "What they did, said or believed about you. This is what you "
            "will read before you walk in.",
            "thanks_sent_on": "Leave it empty until you have thanked them. "
            "A short note is enough, and it makes their day.",
        }
        widgets = {
            "name": forms.TextInput(
                attrs={"placeholder": "e.g. Sam Rivera", "autocomplete": "off"}
            ),
            "relationship": forms.TextInput(attrs={"placeholder": "e.g. My first manager"}),
            "what_they_did": forms.Textarea(
                attrs={
                    "rows": 3,
                    "placeholder": "e.g. Told me I was ready to lead a team two years before "
                    "I believed it.",
                }
            ),
            "thanks_sent_on": forms.DateInput(format=DATE_INPUT, attrs={"type": "date"}),
        }
        error_messages = {
            "name": {"required": "Who is it? A first name is enough."},
            "what_they_did": {
                "required": "Say what they did for you: it is what you will read before you "
                "walk in."
            },
        }

    def clean_thanks_sent_on(self) -> dt.date | None:
        return _not_in_the_future(
            self.cleaned_data.get("thanks_sent_on"),
            "That day has not come yet: pick the day you sent it, or leave it empty.",
        )


# Councils and invitations.


class CouncilForm(forms.ModelForm):
    """A council's name, purpose and rhythm; the cadence text only for a cadence of its own."""

    meeting_link = forms.URLField(
        label="Meeting link",
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        widget=forms.URLInput(attrs={"placeholder": "https://meet.example.com/our-council"}),
        help_text="The video call or room you meet in. Only members see it.",
        error_messages={"invalid": "Paste the whole link, starting with https://"},
    )

    class Meta:
        model = Council
        fields = ["name", "purpose", "kind", "cadence", "next_meeting_at", "meeting_link"]
        labels = {"purpose": "What this council is for", "kind": "How often you meet"}
        widgets = {
            "name": forms.TextInput(attrs={"placeholder": "e.g. Thursday product leaders"}),
            "purpose": forms.Textarea(
                attrs={
                    "rows": 3,
                    "placeholder": "e.g. Six product leaders in a search. We read each "
                    "other's missions, debrief every interview and cheer every offer.",
                }
            ),
            "kind": forms.RadioSelect,
            "cadence": forms.TextInput(attrs={"placeholder": "e.g. Every Monday at 8:00"}),
            "next_meeting_at": forms.DateTimeInput(
                format=DATETIME_LOCAL_INPUT, attrs={"type": "datetime-local"}
            ),
        }
        help_texts = {
            "purpose": "A sentence or two that new members read when they join.",
            "cadence": "Only for your own cadence.",
        }
        error_messages = {"name": {"required": "Give your council a name its members recognise."}}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = CouncilKind.choices
        next_meeting = self.fields["next_meeting_at"]
        next_meeting.input_formats = [DATETIME_LOCAL_INPUT, "%Y-%m-%d %H:%M"]
        zone = timezone.get_current_timezone_name()
        next_meeting.help_text = f"Date and time in {zone}. Move it forward after each meeting."

    def clean_next_meeting_at(self) -> dt.datetime | None:
        when = self.cleaned_data.get("next_meeting_at")
        if when:
            check_plausible_date(timezone.localtime(when).date())
        return when

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("kind") != CouncilKind.CUSTOM:
            cleaned["cadence"] = ""
        elif not cleaned.get("cadence", "").strip():
            self.add_error("cadence", "Say how often you meet, e.g. every Monday at 8:00.")
        return cleaned


ADDRESS_SEPARATORS = re.compile(r"[\s,;]+")
MAX_ADDRESSES_AT_ONCE = 20


class InvitationForm(forms.Form):
    """One or more email addresses, separated by commas, spaces or new lines."""

    emails = forms.CharField(
        label="Email addresses",
        max_length=5000,
        widget=forms.Textarea(
            attrs={"rows": 3, "placeholder": "sam@example.com, priya@example.com"}
        ),
        help_text="Separate them with commas, spaces or new lines.",
        error_messages={"required": "Add at least one email address."},
    )

    def clean_emails(self) -> list[str]:
        # "Sam <sam@example.com>" pasted from a mail client keeps only the address.
        parts = ADDRESS_SEPARATORS.split(self.cleaned_data["emails"])
        addresses = [part.strip("<>\"'()") for part in parts if "@" in part]
        names_only = [part for part in parts if part and "@" not in part]
        invalid = [address for address in addresses if not _is_email(address)]
        if invalid or (names_only and not addresses):
            shown = ", ".join(invalid or names_only)
            raise forms.ValidationError(
                "These don't look like email addresses: %(shown)s. "
                "Fix them and send again; nobody has been invited yet.",
                params={"shown": shown},
                code="invalid_addresses",
            )
        if len(addresses) > MAX_ADDRESSES_AT_ONCE:
            raise forms.ValidationError(
                f"Invite at most {MAX_ADDRESSES_AT_ONCE} people at once.", code="too_many"
            )
        return list(dict.fromkeys(address.lower() for address in addresses))


def _is_email(value: str) -> bool:
    try:
        validate_email(value)
    except forms.ValidationError:
        return False
    return True


# Sharing with councils, and comments on what was shared.


class ShareForm(forms.Form):
    """The councils an item is shared with: ticked ones see it, unticked ones stop seeing it."""

    councils = RowsChoiceField(
        queryset=Council.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        label="Share with",
        error_messages={"invalid_choice": "You can share only with councils you belong to."},
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["councils"].queryset = Council.objects.of_member(user).order_by("name", "pk")


class CommentForm(forms.ModelForm):
    """A comment or a reply; on a mission, optionally about one objective or key result."""

    anchor = forms.ChoiceField(
        label="About",
        required=False,
        error_messages={
            "invalid_choice": "Choose one of this mission's objectives or key results, "
            "or the mission as a whole."
        },
    )
    parent = forms.ModelChoiceField(
        queryset=Comment.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "That comment is no longer there to reply to."},
    )

    class Meta:
        model = Comment
        fields = ["body"]
        labels = {"body": "Your comment"}
        help_texts = {"body": "Markdown works: *emphasis*, **bold**, lists, links."}
        widgets = {
            "body": forms.Textarea(
                attrs={"rows": 3, "placeholder": "What landed for you? What would you ask?"}
            )
        }
        error_messages = {"body": {"required": "Write a few words first."}}

    def __init__(self, *args, share: Share, anchors=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.share = share
        self.fields["parent"].queryset = share.comments.filter(parent=None, deleted_at=None)
        if anchors:
            self.fields["anchor"].choices = [("", "The mission as a whole"), *anchors]
        else:
            del self.fields["anchor"]

    def clean(self) -> dict:
        cleaned = super().clean()
        cleaned["objective"] = cleaned["key_result"] = None
        anchor = cleaned.pop("anchor", "") or ""
        if cleaned.get("parent") is None and anchor:
            kind, _, pk = anchor.rpartition("-")
            field = "key_result" if kind == "key-result" else "objective"
            model = KeyResult if field == "key_result" else Objective
            mission_path = "objective__mission_id" if field == "key_result" else "mission_id"
            target = model.objects.filter(pk=pk, **{mission_path: self.share.mission_id}).first()
            if target is None:  # deleted since the page was opened
                self.add_error("anchor", self.fields["anchor"].error_messages["invalid_choice"])
            cleaned[field] = target
        return cleaned


class CommentEditForm(forms.ModelForm):
    """Change the words of one's own comment."""

    class Meta:
        model = Comment
        fields = ["body"]
        labels = {"body": "Your comment"}
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "body": {"required": "A comment can't be empty. To take it back, delete it."}
        }
