"""Negotiation plans: first what it takes to succeed, then money — collaboratively, honestly.

Money is always a Decimal with an ISO 4217 currency code beside it.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from inplace.fields import MAX_AMOUNT
from inplace.versions import Versioned
from missions.models import Objective
from opportunities.models import Opportunity, Person

# ISO 4217 codes the forms offer; an unknown code is a field error, never a guess.
ISO_CODES = (
    "USD",
    "EUR",
    "GBP",
    "CHF",
    "CAD",
    "AUD",
    "NZD",
    "JPY",
    "CNY",
    "HKD",
    "SGD",
    "INR",
    "KRW",
    "SEK",
    "NOK",
    "DKK",
    "PLN",
    "CZK",
    "HUF",
    "RON",
    "ILS",
    "AED",
    "SAR",
    "ZAR",
    "BRL",
    "MXN",
    "ARS",
    "CLP",
    "COP",
    "TRY",
    "TWD",
    "THB",
    "MYR",
    "IDR",
    "PHP",
    "VND",
    "NGN",
    "KES",
    "EGP",
)
CURRENCIES = [(code, code) for code in ISO_CODES]

CENTS = Decimal("0.01")


def money_field(verbose_name: str, **kwargs) -> models.DecimalField:
    """A non-negative amount of money up to MAX_AMOUNT, two decimals."""
    return models.DecimalField(
        verbose_name,
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(MAX_AMOUNT)],
        **kwargs,
    )


class NegotiationPlan(Versioned):
    """One plan per opportunity: success asks, conversations, red flags, the money ask."""

    opportunity = models.OneToOneField(Opportunity, on_delete=models.CASCADE, related_name="plan")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Bounds that keep the plan, its prep sheet and the offer comparison readable and quick to
    # render, well above what a real negotiation holds (services enforce them).
    MAX_SUCCESS_ASKS = 20
    MAX_MANUAL_RED_FLAGS = 20  # the automatic ones follow the asks and the refusal
    MAX_CONVERSATIONS = 60
    MAX_OFFERS = 12

    def __str__(self) -> str:
        return f"Negotiation plan for {self.opportunity}"

    def get_absolute_url(self) -> str:
        return reverse("plan_detail", args=[self.opportunity_id])

    # These read ``asks`` and ``conversations`` through .all(), so a prefetch serves them.

    @property
    def success_conversation_started(self) -> bool:
        """True once any success ask was put to the employer (asked, agreed, declined, deferred)."""
        return any(ask.was_raised for ask in self.asks.all())

    @property
    def live_success_conversation(self) -> "Conversation | None":
        """The earliest live (not written) conversation about what it takes to succeed."""
        held = [c for c in self.conversations.all() if c.about_success and c.is_live]
        return min(held, key=lambda c: (c.happened_on, c.pk), default=None)


class AskCategory(models.TextChoices):
    BUDGET = "budget", "Budget"
    HEADCOUNT = "headcount", "Headcount"
    TRAINING = "training", "Team training"
    MENTORSHIP = "mentorship", "Mentorship and professional development"
    TOOLS = "tools", "Tools"
    TECH_DEBT = "tech_debt", "Tech debt"
    SCOPE_TIME = "scope_time", "Scope / time"
    OTHER = "other", "Other"


class AskPriority(models.TextChoices):
    MUST = "must", "Must-have"
    NICE = "nice", "Nice-to-have"


class AskStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    ASKED = "asked", "Asked"
    AGREED = "agreed", "Agreed"
    DECLINED = "declined", "Declined"
    DEFERRED = "deferred", "Deferred"


class SuccessAskQuerySet(models.QuerySet):
    def raised(self) -> "SuccessAskQuerySet":
        """Asks already put to the employer, whatever they answered."""
        return self.exclude(status=AskStatus.PLANNED)


class SuccessAsk(Versioned):
    """Something the user needs to hit the mission's OKRs, asked for before money."""

    plan = models.ForeignKey(NegotiationPlan, on_delete=models.CASCADE, related_name="asks")
    category = models.CharField(max_length=20, choices=AskCategory.choices)
    description = models.CharField(max_length=300)
    amount = money_field("Amount (optional)", null=True, blank=True)
    currency = models.CharField(max_length=3, choices=CURRENCIES, blank=True)
    objective = models.ForeignKey(
        Objective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="success_asks",
        verbose_name="Objective it serves",
    )
    priority = models.CharField(max_length=4, choices=AskPriority.choices, default=AskPriority.MUST)
    status = models.CharField(max_length=10, choices=AskStatus.choices, default=AskStatus.PLANNED)
    would_not_discuss = models.BooleanField(
        "They would not even discuss it",
        default=False,
        help_text="Only for a declined ask: raises a red flag.",
    )
    employer_response = models.TextField("What they said", max_length=4000, blank=True)
    position = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SuccessAskQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=AskCategory.values), name="success_ask_category_valid"
            ),
            models.CheckConstraint(
                condition=Q(priority__in=AskPriority.values), name="success_ask_priority_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AskStatus.values), name="success_ask_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | (Q(amount__gte=0) & ~Q(currency="")),
                name="success_ask_amount_has_currency",
            ),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def was_raised(self) -> bool:
        return self.status != AskStatus.PLANNED

    @property
    def refused_outright(self) -> bool:
        """Declined without even a conversation about it: a red flag about the employer."""
        return self.status == AskStatus.DECLINED and self.would_not_discuss


class RedFlagKind(models.TextChoices):
    MANUAL = "manual", "Noted by you"
    ASK_NOT_DISCUSSED = "ask_not_discussed", "Would not discuss an ask"
    CONVERSATION_REFUSED = "conversation_refused", "Refused the success conversation"


class RedFlagQuerySet(models.QuerySet):
    def open(self) -> "RedFlagQuerySet":
        return self.filter(resolved_at__isnull=True)


class RedFlag(models.Model):
    """A warning sign about the employer: noted by hand or raised by what was recorded."""

    plan = models.ForeignKey(NegotiationPlan, on_delete=models.CASCADE, related_name="red_flags")
    kind = models.CharField(max_length=30, choices=RedFlagKind.choices, default=RedFlagKind.MANUAL)
    ask = models.ForeignKey(
        SuccessAsk, on_delete=models.SET_NULL, null=True, blank=True, related_name="red_flags"
    )
    title = models.CharField(max_length=200)
    explanation = models.TextField(max_length=4000, blank=True)
    raised_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_note = models.TextField(max_length=4000, blank=True)

    objects = RedFlagQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=RedFlagKind.values), name="red_flag_kind_valid"
            ),
            # An ask raises at most one open flag, however often it is saved as declined.
            models.UniqueConstraint(
                fields=["ask"],
                condition=Q(resolved_at__isnull=True, ask__isnull=False),
                name="one_open_red_flag_per_ask",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class ConversationChannel(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIDEO = "video", "Video call"
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    CHAT = "chat", "Chat"


LIVE_CHANNELS = (
    ConversationChannel.IN_PERSON,
    ConversationChannel.VIDEO,
    ConversationChannel.PHONE,
)


class ConversationQuerySet(models.QuerySet):
    def live(self) -> "ConversationQuerySet":
        return self.filter(channel__in=LIVE_CHANNELS)

    def about_success(self) -> "ConversationQuerySet":
        return self.filter(about_success=True)


class Conversation(Versioned):
    """One negotiation conversation, with its channel: live is better than email."""

    plan = models.ForeignKey(
        NegotiationPlan, on_delete=models.CASCADE, related_name="conversations"
    )
    happened_on = models.DateField("When")
    channel = models.CharField(
        max_length=10, choices=ConversationChannel.choices, default=ConversationChannel.VIDEO
    )
    people = models.ManyToManyField(Person, blank=True, related_name="conversations")
    about_success = models.BooleanField(
        "This was the conversation about what it takes to succeed", default=False
    )
    summary = models.TextField(max_length=8000)
    outcomes = models.TextField(max_length=8000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        ordering = ["-happened_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=ConversationChannel.values),
                name="conversation_channel_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} on {self.happened_on}"

    @property
    def is_live(self) -> bool:
        return self.channel in LIVE_CHANNELS


class OfferVersion(models.TextChoices):
    INITIAL = "initial", "Initial"
    REVISED = "revised", "Revised"
    FINAL = "final", "Final"


class Offer(models.Model):
    """One version of an offer, recorded in full."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="offers")
    version = models.CharField(
        max_length=10, choices=OfferVersion.choices, default=OfferVersion.INITIAL
    )
    received_on = models.DateField(default=timezone.localdate)
    currency = models.CharField(max_length=3, choices=CURRENCIES)
    base_salary = money_field("Base salary (yearly)")
    bonus_target_percent = models.DecimalField(
        "Bonus target (% of base)",
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(200))],
    )
    equity_grant_value = money_field("Equity grant value", null=True, blank=True)
    equity_units = models.DecimalField(
        "Equity units",
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(MAX_AMOUNT)],
    )
    equity_unit_price = models.DecimalField(
        "Price per unit",
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(MAX_AMOUNT)],
    )
    vesting_years = models.PositiveSmallIntegerField(
        default=4, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    cliff_months = models.PositiveSmallIntegerField(default=12, validators=[MaxValueValidator(60)])
    sign_on_bonus = money_field("Sign-on bonus", default=Decimal(0))
    benefits = models.TextField(max_length=4000, blank=True)
    deadline = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(version__in=OfferVersion.values), name="offer_version_valid"
            ),
            models.CheckConstraint(condition=Q(base_salary__gte=0), name="offer_base_not_negative"),
            models.CheckConstraint(
                condition=Q(vesting_years__gte=1, vesting_years__lte=10),
                name="offer_vesting_years_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_version_display()} offer from {self.opportunity.company}"

    @property
    def bonus(self) -> Decimal:
        return (self.base_salary * self.bonus_target_percent / 100).quantize(CENTS, ROUND_HALF_UP)

    @property
    def equity_value(self) -> Decimal:
        """The whole grant's value: as stated, or units × price."""
        if self.equity_grant_value is not None:
            return self.equity_grant_value
        if self.equity_units is not None and self.equity_unit_price is not None:
            return (self.equity_units * self.equity_unit_price).quantize(CENTS, ROUND_HALF_UP)
        return Decimal(0)

    @property
    def yearly_equity(self) -> Decimal:
        return (self.equity_value / self.vesting_years).quantize(CENTS, ROUND_HALF_UP)

    @property
    def first_year_equity(self) -> Decimal:
        """A cliff of up to a year vests the first year's share at the cliff; a longer one, none."""
        return self.yearly_equity if self.cliff_months <= 12 else Decimal(0)

    @property
    def first_year_total(self) -> Decimal:
        """Base, target bonus, the equity that vests in year one, and the sign-on bonus."""
        return self.base_salary + self.bonus + self.first_year_equity + self.sign_on_bonus

    @property
    def average_yearly_total(self) -> Decimal:
        """Yearly pay averaged over the vesting period, the sign-on bonus spread across it."""
        spread_sign_on = (self.sign_on_bonus / self.vesting_years).quantize(CENTS, ROUND_HALF_UP)
        return self.base_salary + self.bonus + self.yearly_equity + spread_sign_on


class MoneyAskOutcome(models.TextChoices):
    NOT_YET = "not_yet", "Not asked yet"
    MOVED = "moved", "They moved"
    HELD = "held", "They held firm"


class MoneyAskQuerySet(models.QuerySet):
    def owned_by(self, user) -> "MoneyAskQuerySet":
        return self.filter(plan__opportunity__owner=user) if user.is_authenticated else self.none()

    def asked(self) -> "MoneyAskQuerySet":
        """Money asks the user has actually made, whatever the answer."""
        return self.exclude(outcome=MoneyAskOutcome.NOT_YET)


class MoneyAsk(Versioned):
    """The collaborative ask for more money, prepared after the success conversation."""

    plan = models.OneToOneField(NegotiationPlan, on_delete=models.CASCADE, related_name="money_ask")
    currency = models.CharField(max_length=3, choices=CURRENCIES)
    target_base = money_field("Target base salary", null=True, blank=True)
    target_total = money_field("Target yearly total", null=True, blank=True)
    walk_away = money_field("Walk-away number", null=True, blank=True)
    deal_breakers = models.TextField(max_length=4000, blank=True)
    reasons = models.TextField(
        "Honest reasons", max_length=4000, blank=True, help_text="Why this number, in your words."
    )
    script = models.TextField("What you will say", max_length=8000, blank=True)
    asked_on = models.DateField(null=True, blank=True)
    asked_amount = money_field("What you asked for", null=True, blank=True)
    offered_before = money_field("What they offered before", null=True, blank=True)
    offered_after = money_field("What they offered after", null=True, blank=True)
    outcome = models.CharField(
        max_length=10, choices=MoneyAskOutcome.choices, default=MoneyAskOutcome.NOT_YET
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = MoneyAskQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=MoneyAskOutcome.values), name="money_ask_outcome_valid"
            )
        ]

    def __str__(self) -> str:
        return f"Money ask for {self.plan.opportunity}"

    @property
    def was_asked(self) -> bool:
        return self.outcome != MoneyAskOutcome.NOT_YET

    @property
    def can_draft(self) -> bool:
        """A script is drafted only from honest reasons and a target."""
        has_target = self.target_base is not None or self.target_total is not None
        return bool(self.reasons.strip()) and has_target
