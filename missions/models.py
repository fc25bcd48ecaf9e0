"""Job missions: the user's own job description with OKRs, and the hiring manager's link."""

import base64
import hmac

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.crypto import salted_hmac

from config.tokens import digest_token
from inplace.versions import Versioned
from opportunities.models import Opportunity


class Mission(Versioned):
    """The user's own job description for one opportunity, a draft for discussion."""

    opportunity = models.OneToOneField(
        Opportunity, on_delete=models.CASCADE, related_name="mission"
    )
    purpose = models.TextField("Purpose of the role", max_length=4000, blank=True)
    responsibilities = models.TextField("What I will own", max_length=8000, blank=True)
    include_questions = models.BooleanField("Include my questions in the PDF", default=True)
    updated_at = models.DateTimeField(auto_now=True)

    MAX_OBJECTIVES = 5
    MAX_KEY_RESULTS = 8
    MAX_QUESTIONS = 30

    class Meta:
        db_table = "negotiation_mission"  # the table it had in the negotiation app

    def __str__(self) -> str:
        return f"Mission for {self.opportunity}"

    def get_absolute_url(self) -> str:
        return reverse("mission_edit", args=[self.opportunity_id])


class Horizon(models.TextChoices):
    DAYS_30 = "30d", "30 days"
    DAYS_60 = "60d", "60 days"
    DAYS_90 = "90d", "90 days"
    MONTHS_6 = "6m", "6 months"
    MONTHS_12 = "12m", "12 months"


class KeyResultStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    CONFIRMED = "confirmed", "Confirmed"
    CHANGED = "changed", "Changed"
    DROPPED = "dropped", "Dropped"


class Objective(Versioned):
    """An objective of a mission, in the order the user chose."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="objectives")
    title = models.CharField(max_length=300)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "negotiation_objective"  # the table it had in the negotiation app
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class KeyResult(Versioned):
    """A measurable result of an objective, with its horizon and the hiring manager's view."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="key_results")
    description = models.CharField(max_length=300)
    target = models.CharField("Measurable target", max_length=200)
    horizon = models.CharField(max_length=4, choices=Horizon.choices, default=Horizon.DAYS_90)
    status = models.CharField(
        max_length=10, choices=KeyResultStatus.choices, default=KeyResultStatus.PROPOSED
    )
    manager_note = models.TextField("What the hiring manager said", max_length=4000, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "negotiation_keyresult"  # the table it had in the negotiation app
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(horizon__in=Horizon.values), name="key_result_horizon_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=KeyResultStatus.values), name="key_result_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.description


class Question(Versioned):
    """A question for the hiring team, optionally tied to an objective."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="questions")
    objective = models.ForeignKey(
        Objective, on_delete=models.SET_NULL, null=True, blank=True, related_name="questions"
    )
    text = models.CharField("Question", max_length=500)
    answer = models.TextField(max_length=4000, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "negotiation_question"  # the table it had in the negotiation app
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


def share_token_from_salt(salt: str) -> str:
    """Derive a share token (256 bits) from its row's random salt and the server's SECRET_KEY."""
    mac = salted_hmac("negotiation.ShareLink", salt, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


class ShareLinkQuerySet(models.QuerySet):
    def live(self) -> "ShareLinkQuerySet":
        return self.filter(revoked_at__isnull=True)


class ShareLink(models.Model):
    """A revocable read-only link to a mission for the hiring manager.

    The token itself is never stored: the row keeps its SHA-256 digest for look-ups and a
    random salt from which, with the server's SECRET_KEY, the owner's page rebuilds the URL.
    """

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="share_links")
    token_digest = models.CharField(max_length=64, unique=True)
    token_salt = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    open_count = models.PositiveIntegerField(default=0)
    last_opened_at = models.DateTimeField(null=True, blank=True)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        db_table = "negotiation_sharelink"  # the table it had in the negotiation app
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mission"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_share_link_per_mission",
            )
        ]

    def __str__(self) -> str:
        return f"Share link for {self.mission}"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None

    @property
    def token(self) -> str | None:
        """The token for the owner's copy of the URL; None once SECRET_KEY has changed."""
        token = share_token_from_salt(self.token_salt)
        return token if hmac.compare_digest(digest_token(token), self.token_digest) else None
