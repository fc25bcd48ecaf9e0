"""factory-boy factories: one per model, no hidden side effects beyond what the name says."""

import datetime as dt
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from councils import models as council_models
from missions.models import Horizon, KeyResult, Mission, Objective, Question
from negotiation.models import (
    AskCategory,
    AskPriority,
    AskStatus,
    Conversation,
    ConversationChannel,
    MoneyAsk,
    NegotiationPlan,
    Offer,
    OfferVersion,
    RedFlag,
    RedFlagKind,
    SuccessAsk,
)
from opportunities.models import (
    Channel,
    Fit,
    Focus,
    Interview,
    InterviewKind,
    Level,
    Opportunity,
    Person,
    PersonRole,
    Stage,
    StageChange,
)

PASSWORD = "correct-horse-battery-staple-42"


class UserFactory(factory.django.DjangoModelFactory):
    """A user who can sign in: a password and a verified primary email address."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.com")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class FocusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Focus

    owner = factory.SubFactory(UserFactory)
    full_name = "Alex Rivera"
    contact = "alex@example.com · +1 555 0100"
    attribute_1 = "Product leader for B2B developer tools"
    attribute_2 = "Series B to D companies with 100–500 people"
    attribute_3 = "I turn platform debt into shipping speed"
    target_roles = "Head of Product, Director of Product"
    level = Level.DIRECTOR
    industries = "Developer tools, infrastructure"
    locations = "Berlin or remote (EU)"
    must_haves = "A seat at the leadership table"
    deal_breakers = "No budget for the platform"


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opportunity

    owner = factory.SubFactory(UserFactory)
    company = factory.Sequence(lambda n: f"Company {n}")
    role = "Director of Product"
    location = "Remote"
    stage = Stage.APPLIED
    fit = Fit.STRONG


class StageChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StageChange

    opportunity = factory.SubFactory(OpportunityFactory)
    from_stage = Stage.EXPLORING
    to_stage = Stage.APPLIED


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    opportunity = factory.SubFactory(OpportunityFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    role = PersonRole.HIRING_MANAGER
    email = factory.Sequence(lambda n: f"person{n}@company.example")


class InterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interview

    opportunity = factory.SubFactory(OpportunityFactory)
    scheduled_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=3))
    kind = InterviewKind.HIRING_MANAGER
    channel = Channel.VIDEO


class MissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mission

    opportunity = factory.SubFactory(OpportunityFactory)
    purpose = "Make the platform a reason customers stay."
    responsibilities = "The developer platform roadmap and its team of three PMs."


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    mission = factory.SubFactory(MissionFactory)
    title = factory.Sequence(lambda n: f"Objective {n}")
    position = factory.Sequence(lambda n: n)


class KeyResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyResult

    objective = factory.SubFactory(ObjectiveFactory)
    description = factory.Sequence(lambda n: f"Key result {n}")
    target = "from 40% to 60%"
    horizon = Horizon.DAYS_90
    position = factory.Sequence(lambda n: n)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    mission = factory.SubFactory(MissionFactory)
    text = factory.Sequence(lambda n: f"Question {n}?")
    position = factory.Sequence(lambda n: n)


# Councils.


class CouncilFactory(factory.django.DjangoModelFactory):
    """A council whose owner is also its first member, as councils.services creates them."""

    class Meta:
        model = council_models.Council
        skip_postgeneration_save = True

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Council {n}")
    purpose = "Hold each other to a narrow focus and debrief every interview."
    kind = council_models.CouncilKind.FAST

    @factory.post_generation
    def owner_membership(self, create, extracted, **kwargs):
        if create:
            council_models.Membership.objects.create(council=self, user=self.owner)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = council_models.Membership

    council = factory.SubFactory(CouncilFactory)
    user = factory.SubFactory(UserFactory)


class ShareFactory(factory.django.DjangoModelFactory):
    """Shares a mission by default; pass focus=, plan= or debrief= (and mission=None) instead."""

    class Meta:
        model = council_models.Share

    council = factory.SubFactory(CouncilFactory)
    mission = factory.SubFactory(MissionFactory)
    shared_by = factory.LazyAttribute(lambda share: share.council.owner)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = council_models.Comment

    share = factory.SubFactory(ShareFactory)
    author = factory.LazyAttribute(lambda comment: comment.share.council.owner)
    body = factory.Sequence(lambda n: f"Comment {n}: *nice* framing.")


class DebriefFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = council_models.Debrief

    owner = factory.SubFactory(UserFactory)
    what_happened = "Forty minutes with the hiring manager; we walked through my mission."
    went_well = "The OKR on onboarding landed."
    do_differently = "Ask about budget earlier."
    feeling = 4
    inner_critic = "They were just being polite."
    evidence = "She asked for the PDF to share with the CEO."
    next_steps = "Send a thank-you note."


class GratitudeEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = council_models.GratitudeEntry

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Friend {n}")
    relationship = "Former manager"
    what_they_did = "Told me I was ready for a director role."
    position = factory.Sequence(lambda n: n)


class OfferFactory(factory.django.DjangoModelFactory):
    """An initial offer in USD: 180,000 base, 10% bonus, no equity, no sign-on."""

    class Meta:
        model = Offer

    opportunity = factory.SubFactory(OpportunityFactory, stage=Stage.OFFER)
    version = OfferVersion.INITIAL
    received_on = factory.LazyFunction(timezone.localdate)
    currency = "USD"
    base_salary = Decimal("180000")
    bonus_target_percent = Decimal("10")
    vesting_years = 4
    cliff_months = 12
    sign_on_bonus = Decimal("0")


class NegotiationPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NegotiationPlan

    opportunity = factory.SubFactory(OpportunityFactory, stage=Stage.OFFER)


class SuccessAskFactory(factory.django.DjangoModelFactory):
    """A planned must-have ask, not yet tied to an objective."""

    class Meta:
        model = SuccessAsk

    plan = factory.SubFactory(NegotiationPlanFactory)
    category = AskCategory.BUDGET
    description = factory.Sequence(lambda n: f"Success ask {n}")
    priority = AskPriority.MUST
    status = AskStatus.PLANNED
    position = factory.Sequence(lambda n: n)


class RedFlagFactory(factory.django.DjangoModelFactory):
    """An open red flag noted by hand."""

    class Meta:
        model = RedFlag

    plan = factory.SubFactory(NegotiationPlanFactory)
    kind = RedFlagKind.MANUAL
    title = factory.Sequence(lambda n: f"Red flag {n}")
    explanation = "Three people described the role three different ways."


class ConversationFactory(factory.django.DjangoModelFactory):
    """A video call yesterday, not (yet) the success conversation."""

    class Meta:
        model = Conversation

    plan = factory.SubFactory(NegotiationPlanFactory)
    happened_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=1))
    channel = ConversationChannel.VIDEO
    summary = factory.Sequence(lambda n: f"Conversation {n}")


class MoneyAskFactory(factory.django.DjangoModelFactory):
    """A money ask in USD with a target base and honest reasons, not asked yet."""

    class Meta:
        model = MoneyAsk

    plan = factory.SubFactory(NegotiationPlanFactory)
    currency = "USD"
    target_base = Decimal("195000")
    walk_away = Decimal("175000")
    reasons = "The role now includes the data platform team."
