"""The social side of the search: councils, invitations, shared work, comments, debriefs,
the gratitude house and notification choices. Never search alone."""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from missions.models import KeyResult, Mission, Objective
from negotiation.models import NegotiationPlan
from opportunities.models import Focus, Interview, Opportunity

INVITATION_LIFETIME = dt.timedelta(days=7)


class CouncilKind(models.TextChoices):
    FAST = "fast", "Fast seekers — we meet twice a week"
    SLOW = "slow", "Slow seekers — we meet every two weeks"
    CUSTOM = "custom", "Our own cadence"


class CouncilQuerySet(models.QuerySet):
    def of_member(self, user) -> "CouncilQuerySet":
        """Councils the user belongs to (owners are members too)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)


class Council(models.Model):
    """A small group of peers who read each other's work and hear each other's debriefs."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="owned_councils"
    )
    name = models.CharField(max_length=120)
    purpose = models.TextField(max_length=2000, blank=True)
    kind = models.CharField(max_length=10, choices=CouncilKind.choices, default=CouncilKind.FAST)
    cadence = models.CharField(
        "Your cadence", max_length=200, blank=True, help_text="Only for your own cadence."
    )
    next_meeting_at = models.DateTimeField("Next meeting", null=True, blank=True)
    meeting_link = models.URLField("Meeting link", max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CouncilKind.values), name="council_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("council_detail", args=[self.pk])


class Membership(models.Model):
    """A user's place in a council; the owner has one too."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="council_memberships"
    )
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["council", "user"], name="one_membership_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.council}"


class InvitationQuerySet(models.QuerySet):
    def pending(self) -> "InvitationQuerySet":
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """An emailed invitation to join a council. The token is kept only as a SHA-256 digest."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(help_text="Stored lower-cased; matched case-insensitively.")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sent_invitations"
    )
    token_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    sent_count = models.PositiveIntegerField(default=0)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accepted_invitations",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One live invitation per address and council; re-sending replaces its token.
            models.UniqueConstraint(
                fields=["council", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_open_invitation_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.council}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired


class Share(models.Model):
    """One item of the owner's work shared with one council: exactly one target is set."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="shares")
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="council_shares"
    )
    focus = models.ForeignKey(
        Focus, on_delete=models.CASCADE, null=True, blank=True, related_name="council_shares"
    )
    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, null=True, blank=True, related_name="council_shares"
    )
    plan = models.ForeignKey(
        NegotiationPlan,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="council_shares",
    )
    debrief = models.ForeignKey(
        "Debrief", on_delete=models.CASCADE, null=True, blank=True, related_name="council_shares"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # The feed shows newest activity first: the share itself or its latest comment.
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)

    TARGETS = ("focus", "mission", "plan", "debrief")

    class Meta:
        ordering = ["-last_activity_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(focus__isnull=False, mission=None, plan=None, debrief=None)
                    | Q(focus=None, mission__isnull=False, plan=None, debrief=None)
                    | Q(focus=None, mission=None, plan__isnull=False, debrief=None)
                    | Q(focus=None, mission=None, plan=None, debrief__isnull=False)
                ),
                name="share_has_exactly_one_target",
            ),
            *(
                models.UniqueConstraint(
                    fields=["council", target],
                    condition=Q(**{f"{target}__isnull": False}),
                    name=f"share_{target}_once_per_council",
                )
                for target in ("focus", "mission", "plan", "debrief")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} shared with {self.council}"

    @property
    def kind(self) -> str:
        return next(target for target in self.TARGETS if getattr(self, f"{target}_id"))

    @property
    def target(self):
        return getattr(self, self.kind)


class CommentQuerySet(models.QuerySet):
    def visible(self) -> "CommentQuerySet":
        return self.filter(deleted_at__isnull=True)


class Comment(models.Model):
    """A council member's comment on shared work, optionally a reply or anchored to an OKR."""

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="council_comments"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    objective = models.ForeignKey(
        Objective, on_delete=models.SET_NULL, null=True, blank=True, related_name="comments"
    )
    key_result = models.ForeignKey(
        KeyResult, on_delete=models.SET_NULL, null=True, blank=True, related_name="comments"
    )
    body = models.TextField(max_length=5000, help_text="Markdown: *emphasis*, lists, links.")
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resolved_comments",
    )
    # A deleted comment with replies stays as "deleted" so the thread still reads.
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Comment by {self.author} on {self.share}"


class Feeling(models.IntegerChoices):
    ROUGH = 1, "1 — rough"
    SHAKY = 2, "2 — shaky"
    OKAY = 3, "3 — okay"
    GOOD = 4, "4 — good"
    GREAT = 5, "5 — great"


class Debrief(models.Model):
    """What the user writes right after an interview, while it is fresh."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="debriefs"
    )
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.SET_NULL, null=True, blank=True, related_name="debriefs"
    )
    interview = models.ForeignKey(
        Interview, on_delete=models.SET_NULL, null=True, blank=True, related_name="debriefs"
    )
    happened_on = models.DateField("Interview date", default=timezone.localdate)
    what_happened = models.TextField(max_length=8000)
    went_well = models.TextField("What went well", max_length=4000, blank=True)
    do_differently = models.TextField("What I would do differently", max_length=4000, blank=True)
    feeling = models.PositiveSmallIntegerField(
        "How I feel",
        choices=Feeling.choices,
        default=Feeling.OKAY,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    inner_critic = models.TextField("What my inner critic says", max_length=4000, blank=True)
    evidence = models.TextField("The evidence that I did well", max_length=4000, blank=True)
    next_steps = models.TextField(max_length=4000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-happened_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(feeling__gte=1, feeling__lte=5), name="debrief_feeling_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"Debrief of {self.happened_on}"

    def get_absolute_url(self) -> str:
        return reverse("debrief_detail", args=[self.pk])


class GratitudeEntry(models.Model):
    """Someone who got the user here, and how: the gratitude house."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gratitude_entries"
    )
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=200, blank=True)
    what_they_did = models.TextField("What they did for you", max_length=4000)
    thanks_sent_on = models.DateField("Thank-you note sent on", null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name_plural = "gratitude entries"

    def __str__(self) -> str:
        return self.name


class NotificationPreference(models.Model):
    """Which council emails a user wants; one row per user, created when first needed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    comment_emails = models.BooleanField(
        "Email me about comments on my work and replies to mine", default=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Notification choices of {self.user}"
