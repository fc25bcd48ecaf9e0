"""The search itself: focus, opportunities, the people met and the interviews."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class Level(models.TextChoices):
    ENTRY = "entry", "Entry level"
    MID = "mid", "Mid level"
    SENIOR = "senior", "Senior"
    STAFF = "staff", "Staff / principal"
    MANAGER = "manager", "Manager"
    DIRECTOR = "director", "Director"
    VP = "vp", "VP"
    EXECUTIVE = "executive", "C-level / founder"


class Focus(models.Model):
    """One search focus per user: the candidate-market-fit statement and its limits."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="focus"
    )
    full_name = models.CharField(
        "Your name", max_length=200, blank=True, help_text="As it appears on your mission PDF."
    )
    contact = models.CharField(
        "Contact line",
        max_length=300,
        blank=True,
        help_text="Email, phone or profile link for the PDF's header.",
    )
    attribute_1 = models.CharField("First attribute", max_length=200)
    attribute_2 = models.CharField("Second attribute", max_length=200)
    attribute_3 = models.CharField("Third attribute", max_length=200)
    attribute_4 = models.CharField("Fourth attribute (optional)", max_length=200, blank=True)
    target_roles = models.CharField(max_length=300, blank=True)
    level = models.CharField(max_length=20, choices=Level.choices, blank=True)
    industries = models.CharField(max_length=300, blank=True)
    locations = models.CharField(max_length=300, blank=True)
    must_haves = models.TextField(max_length=4000, blank=True)
    deal_breakers = models.TextField(max_length=4000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "negotiation_focus"  # the table it had in the negotiation app
        verbose_name_plural = "foci"

    def __str__(self) -> str:
        return f"Focus of {self.owner}"

    @property
    def attributes(self) -> list[str]:
        return [
            a for a in (self.attribute_1, self.attribute_2, self.attribute_3, self.attribute_4) if a
        ]


class Stage(models.TextChoices):
    EXPLORING = "exploring", "Exploring"
    APPLIED = "applied", "Applied"
    INTERVIEWING = "interviewing", "Interviewing"
    OFFER = "offer", "Offer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


ACTIVE_STAGES = (Stage.EXPLORING, Stage.APPLIED, Stage.INTERVIEWING, Stage.OFFER)


class Fit(models.TextChoices):
    STRONG = "strong", "Strong fit"
    PARTIAL = "partial", "Partial fit"
    OFF = "off", "Off-focus"


class OpportunityQuerySet(models.QuerySet):
    def owned_by(self, user) -> "OpportunityQuerySet":
        return self.filter(owner=user) if user.is_authenticated else self.none()

    def active(self) -> "OpportunityQuerySet":
        return self.filter(stage__in=ACTIVE_STAGES)


class Opportunity(models.Model):
    """One company and role the user is pursuing."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="opportunities"
    )
    company = models.CharField(max_length=200)
    role = models.CharField(max_length=200)
    posting_url = models.URLField("Posting link", max_length=500, blank=True)
    posting_text = models.TextField("Posting text", max_length=50_000, blank=True)
    location = models.CharField(max_length=200, blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.EXPLORING)
    fit = models.CharField(
        "Fit with your focus", max_length=10, choices=Fit.choices, default=Fit.PARTIAL
    )
    next_step = models.CharField(max_length=300, blank=True)
    next_step_due = models.DateField("Next step due", null=True, blank=True)
    notes = models.TextField(max_length=20_000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Moved on by every write to anything this opportunity's pages show (its mission, plan,
    # people, the council comments on them): the key of their cached regions and PDFs.
    revision = models.PositiveBigIntegerField(default=1, editable=False)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        db_table = "negotiation_opportunity"  # the table it had in the negotiation app
        verbose_name_plural = "opportunities"
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__in=Stage.values), name="opportunity_stage_valid"
            ),
            models.CheckConstraint(condition=Q(fit__in=Fit.values), name="opportunity_fit_valid"),
        ]
        indexes = [models.Index(fields=["owner", "stage"])]

    def __str__(self) -> str:
        return f"{self.role} at {self.company}"

    def save(self, *args, **kwargs) -> None:
        """Save every field but ``revision``, which only ever moves on in the database
        (``services.bump_revision``): an opportunity loaded before a concurrent write must
        not put the revision back when it is saved."""
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "revision"
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("opportunity_detail", args=[self.pk])

    @property
    def cache_identity(self) -> tuple:
        """What a cached region or PDF of this opportunity is keyed on: which opportunity
        (its id with its creation time: an id can be given again after a rollback) at which
        revision."""
        return (self.pk, self.created_at.isoformat(), self.revision)

    @property
    def is_active(self) -> bool:
        return self.stage in ACTIVE_STAGES

    @property
    def next_step_overdue(self) -> bool:
        return step_overdue(self.next_step_due, timezone.localdate())


def step_overdue(due: dt.date | None, today: dt.date) -> bool:
    """Whether a next step due on ``due`` is overdue ``today``: for rows read without building
    the Opportunity (opportunities/pipeline.py), as for the instance."""
    return due is not None and due < today


class StageChange(models.Model):
    """A row per stage an opportunity moved into, with its time."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "negotiation_stagechange"  # the table it had in the negotiation app
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_stage or 'new'} → {self.to_stage}"


class PersonRole(models.TextChoices):
    HIRING_MANAGER = "hiring_manager", "Hiring manager"
    RECRUITER = "recruiter", "Recruiter"
    INTERVIEWER = "interviewer", "Interviewer"
    TEAM = "team", "Future teammate"
    REFERRER = "referrer", "Referrer"
    OTHER = "other", "Other"


class Person(models.Model):
    """Someone the user deals with at the company."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=PersonRole.choices, default=PersonRole.OTHER)
    email = models.EmailField(blank=True)
    notes = models.TextField(max_length=4000, blank=True)

    class Meta:
        db_table = "negotiation_person"  # the table it had in the negotiation app
        verbose_name_plural = "people"
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class InterviewKind(models.TextChoices):
    SCREEN = "screen", "Recruiter screen"
    HIRING_MANAGER = "hiring_manager", "Hiring manager"
    TECHNICAL = "technical", "Technical / craft"
    PANEL = "panel", "Panel"
    CULTURE = "culture", "Values / culture"
    FINAL = "final", "Final round"
    OTHER = "other", "Other"


class Channel(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIDEO = "video", "Video call"
    PHONE = "phone", "Phone"


class InterviewQuerySet(models.QuerySet):
    def upcoming(self) -> "InterviewQuerySet":
        return self.filter(scheduled_at__gte=timezone.now()).order_by("scheduled_at")


class Interview(models.Model):
    """One interview of an opportunity."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="interviews"
    )
    scheduled_at = models.DateTimeField("When")
    kind = models.CharField(
        max_length=20, choices=InterviewKind.choices, default=InterviewKind.HIRING_MANAGER
    )
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.VIDEO)
    people = models.ManyToManyField(Person, blank=True, related_name="interviews")
    notes = models.TextField(max_length=4000, blank=True)

    objects = InterviewQuerySet.as_manager()

    class Meta:
        db_table = "negotiation_interview"  # the table it had in the negotiation app
        ordering = ["scheduled_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.scheduled_at:%Y-%m-%d}"

    @property
    def is_past(self) -> bool:
        return self.scheduled_at < timezone.now()
