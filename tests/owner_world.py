"""One of everything the owner can have, a stranger's look-alikes, and a database fingerprint.

The bad-input, CSRF and payload tests share this world: every form and page of the app has
something to act on, and every foreign id a hostile post could try is at hand.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from config.tokens import digest_token
from councils import models as council_models
from missions.models import KeyResult, Mission, Objective, Question
from negotiation.models import Conversation, MoneyAsk, NegotiationPlan, Offer, RedFlag, SuccessAsk
from opportunities.models import Focus, Interview, Opportunity, Person
from tests import factories

# An invitation token of the right shape (43 characters, like secrets.token_urlsafe(32)).
INVITATION_TOKEN = "w" * 43

# The apps whose rows a refused request must leave exactly as they were.
FINGERPRINTED_APPS = (
    "opportunities",
    "missions",
    "negotiation",
    "councils",
    "account",
    "auth",
    "mfa",
    "accounts",
)


def database_fingerprint() -> dict[str, list[tuple]]:
    """Every row of our apps (and the users and addresses they hang on), in primary-key order."""
    rows = {}
    for config in apps.get_app_configs():
        if config.label not in FINGERPRINTED_APPS:
            continue
        for model in config.get_models():
            names = [field.attname for field in model._meta.concrete_fields]
            rows[model._meta.label] = list(model.objects.order_by("pk").values_list(*names))
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                rows[through._meta.label] = list(
                    through.objects.order_by("pk").values_list(
                        *[f.attname for f in through._meta.concrete_fields]
                    )
                )
    return rows


def fingerprint_difference(before: dict, after: dict) -> str:
    """Name the tables whose rows changed, for an assertion message."""
    changed = [label for label in before if before[label] != after.get(label)]
    return ", ".join(changed) or "nothing"


@dataclass
class World:
    owner: object
    member: object
    stranger: object
    opportunity: Opportunity
    mission: Mission
    objective: Objective
    key_result: KeyResult
    question: Question
    person: Person
    interview: Interview
    plan: NegotiationPlan
    ask: SuccessAsk
    red_flag: RedFlag
    conversation: Conversation
    money_ask: MoneyAsk
    offer: Offer
    focus: Focus
    council: council_models.Council
    membership: council_models.Membership
    invitation: council_models.Invitation
    share: council_models.Share
    comment: council_models.Comment
    debrief: council_models.Debrief
    gratitude: council_models.GratitudeEntry
    # The stranger's look-alikes: ids a hostile form post may try.
    foreign_opportunity: Opportunity
    foreign_objective: Objective
    foreign_person: Person
    foreign_interview: Interview
    foreign_council: council_models.Council
    foreign_comment: council_models.Comment


def build_world(owner, *, member=None, stranger=None) -> World:
    """The owner's focus, an opportunity with everything under it, a council and its feed."""
    member = member or factories.UserFactory(email="member@example.com")
    stranger = stranger or factories.UserFactory(email="stranger-world@example.com")
    focus = factories.FocusFactory(owner=owner)
    mission = factories.MissionFactory(opportunity__owner=owner, opportunity__company="Acme")
    opportunity = mission.opportunity
    objective = factories.ObjectiveFactory(mission=mission, title="Make onboarding fast")
    key_result = factories.KeyResultFactory(objective=objective)
    question = factories.QuestionFactory(mission=mission, objective=objective)
    person = factories.PersonFactory(opportunity=opportunity)
    interview = factories.InterviewFactory(
        opportunity=opportunity, scheduled_at=timezone.now() - dt.timedelta(days=1)
    )
    interview.people.add(person)
    plan = factories.NegotiationPlanFactory(opportunity=opportunity)
    ask = factories.SuccessAskFactory(plan=plan, objective=objective)
    red_flag = factories.RedFlagFactory(plan=plan)
    conversation = factories.ConversationFactory(plan=plan)
    conversation.people.add(person)
    money_ask = factories.MoneyAskFactory(plan=plan)
    offer = factories.OfferFactory(opportunity=opportunity, base_salary=Decimal("180000"))
    council = factories.CouncilFactory(owner=owner, name="Thursday peers")
    membership = factories.MembershipFactory(council=council, user=member)
    invitation = council_models.Invitation.objects.create(
        council=council,
        email="invitee@example.com",
        invited_by=owner,
        token_digest=digest_token(INVITATION_TOKEN),
        expires_at=timezone.now() + dt.timedelta(days=7),
    )
    share = factories.ShareFactory(council=council, mission=mission, shared_by=owner)
    comment = factories.CommentFactory(share=share, author=owner, body="A *first* thought.")
    debrief = factories.DebriefFactory(
        owner=owner, opportunity=opportunity, interview=interview, happened_on=timezone.localdate()
    )
    gratitude = factories.GratitudeEntryFactory(owner=owner)

    foreign_mission = factories.MissionFactory(opportunity__owner=stranger)
    foreign_objective = factories.ObjectiveFactory(mission=foreign_mission)
    foreign_person = factories.PersonFactory(opportunity=foreign_mission.opportunity)
    foreign_interview = factories.InterviewFactory(opportunity=foreign_mission.opportunity)
    foreign_council = factories.CouncilFactory(owner=stranger)
    foreign_share = factories.ShareFactory(
        council=foreign_council, mission=foreign_mission, shared_by=stranger
    )
    foreign_comment = factories.CommentFactory(share=foreign_share, author=stranger)
    return World(
        owner=owner,
        member=member,
        stranger=stranger,
        opportunity=opportunity,
        mission=mission,
        objective=objective,
        key_result=key_result,
        question=question,
        person=person,
        interview=interview,
        plan=plan,
        ask=ask,
        red_flag=red_flag,
        conversation=conversation,
        money_ask=money_ask,
        offer=offer,
        focus=focus,
        council=council,
        membership=membership,
        invitation=invitation,
        share=share,
        comment=comment,
        debrief=debrief,
        gratitude=gratitude,
        foreign_opportunity=foreign_mission.opportunity,
        foreign_objective=foreign_objective,
        foreign_person=foreign_person,
        foreign_interview=foreign_interview,
        foreign_council=foreign_council,
        foreign_comment=foreign_comment,
    )


def invitee_for(world: World):
    """A signed-up user whose verified address the world's invitation was sent to."""
    user = get_user_model().objects.create_user(
        username="invitee", email=world.invitation.email, password="x-unused-password-42"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user
