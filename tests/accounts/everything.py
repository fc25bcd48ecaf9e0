"""One row of every model for a user, and the helpers the account-safety tests share."""

import datetime as dt
import secrets
import time
from dataclasses import dataclass, field

from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.test import Client
from django.utils import timezone

from config.tokens import digest_token
from councils import models as council_models
from missions import services
from missions.models import ShareLink
from opportunities.models import Focus
from tests import factories

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@dataclass
class Everything:
    """A user's rows by model, and the few objects tests connect other users to."""

    user: object
    rows: dict = field(default_factory=dict)
    council: council_models.Council | None = None
    share: council_models.Share | None = None
    focus: Focus | None = None

    def add(self, *objects) -> None:
        for obj in objects:
            self.rows.setdefault(type(obj), set()).add(obj.pk)


def one_of_everything(user, sentinel: str) -> Everything:
    """Give ``user`` a row of every model of negotiation and councils, texts marked ``sentinel``."""
    world = Everything(user=user)
    focus = factories.FocusFactory(owner=user, full_name=f"{sentinel} name")
    opportunity = factories.OpportunityFactory(owner=user, company=f"{sentinel} company")
    stage_change = factories.StageChangeFactory(opportunity=opportunity)
    person = factories.PersonFactory(opportunity=opportunity, name=f"{sentinel} person")
    interview = factories.InterviewFactory(opportunity=opportunity)
    interview.people.add(person)
    mission = factories.MissionFactory(opportunity=opportunity, purpose=f"{sentinel} purpose")
    objective = factories.ObjectiveFactory(mission=mission)
    key_result = factories.KeyResultFactory(objective=objective)
    question = factories.QuestionFactory(mission=mission)
    services.create_share_link(mission=mission)
    share_link = ShareLink.objects.get(mission=mission)
    plan = factories.NegotiationPlanFactory(opportunity=opportunity)
    ask = factories.SuccessAskFactory(plan=plan, objective=objective)
    red_flag = factories.RedFlagFactory(plan=plan)
    conversation = factories.ConversationFactory(plan=plan, summary=f"{sentinel} conversation")
    conversation.people.add(person)
    offer = factories.OfferFactory(opportunity=opportunity)
    money_ask = factories.MoneyAskFactory(plan=plan, reasons=f"{sentinel} reasons")
    council = factories.CouncilFactory(owner=user, name=f"{sentinel} council")
    invitation = council_models.Invitation.objects.create(
        council=council,
        email=f"invitee-of-{user.pk}@example.com",
        invited_by=user,
        token_digest=digest_token(secrets.token_urlsafe(32)),
        expires_at=timezone.now() + dt.timedelta(days=7),
    )
    share = factories.ShareFactory(council=council, mission=mission, shared_by=user)
    comment = factories.CommentFactory(share=share, author=user, body=f"{sentinel} comment")
    debrief = factories.DebriefFactory(owner=user, opportunity=opportunity, interview=interview)
    gratitude = factories.GratitudeEntryFactory(owner=user, name=f"{sentinel} friend")
    preference = council_models.NotificationPreference.objects.create(
        user=user, comment_emails=False
    )
    world.add(
        focus, opportunity, stage_change, person, interview, mission, objective, key_result,
        question, share_link, plan, ask, red_flag, conversation, offer, money_ask, council,
        council.memberships.get(user=user), invitation, share, comment, debrief, gratitude,
        preference,
    )  # fmt: skip
    world.council, world.share, world.focus = council, share, focus
    return world


def totp_code(secret: str = TOTP_SECRET) -> str:
    """The code an authenticator app shows now for ``secret``."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def turn_on_two_factor(user, secret: str = TOTP_SECRET) -> list[str]:
    """Give the user an authenticator app and recovery codes; return the codes."""
    TOTP.activate(user, secret)
    return RecoveryCodes.activate(user).get_unused_codes()


def reauthenticate(client: Client, password: str = factories.PASSWORD) -> None:
    """Confirm the password again, as allauth's "Confirm it's you" page asks."""
    response = client.post("/accounts/reauthenticate/", {"password": password})
    assert response.status_code == 302, response.content.decode()[:2000]


def signed_in_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
