"""The one world the tests build: the personas around the owner's work, and what they can do.

``build_world(owner)`` gives the same people as tests/conftest.py, around the owner's work:

- ``owner``; ``member``, in the owner's ``council``; ``outsider``, in the owner's
  ``other_council``, with which nothing is shared; ``ex_member``, who left ``council``;
  ``stranger``, in none of them. Pass the persona fixtures to use them, or let it make them.
- the owner's work, Director of Product at Northwind Cloud: the opportunity, its mission, one
  objective and one key result. With ``everything=True``, one row of every other kind the owner
  can have: a question, a person, a past interview, the negotiation plan with an ask, a red
  flag, a conversation and a money ask, an offer, a debrief, the focus, a gratitude entry, an
  invitation (token ``INVITATION_TOKEN``) and the owner's comment on the shared mission.
- ``share``: what the owner shares with ``council`` ("mission", "plan", "debrief", "focus");
  ``world.shares`` holds each share by kind, ``world.share`` the mission's.
- ``share_link=True``: a live share link of the mission, its token in ``world.share_token``.
- ``look_alikes=True``: the stranger's own work, council and comment: the ids a hostile form
  post may try (``world.foreign_opportunity`` …).

``build_work(owner)`` is one opportunity and what hangs under it; the world's own work is one,
and tests build more with it (a second, unshared one; the sentinel's; another user's).
``one_of_everything(user, sentinel)`` gives an account a row of every model. The database
fingerprint says whether a request changed any row.
"""

import dataclasses
import datetime as dt
import secrets
import time
from dataclasses import dataclass, field
from io import StringIO

from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from config.tokens import digest_token
from councils import models as council_models
from councils import services as council_services
from missions import services as mission_services
from missions.models import ShareLink
from tests import factories

# An invitation token of the right shape (43 characters, like secrets.token_urlsafe(32)).
INVITATION_TOKEN = "w" * 43
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
SHARE_KINDS = ("focus", "mission", "plan", "debrief")


# Signing in.


def client_for(user) -> Client:
    """A browser signed in as ``user``."""
    client = Client()
    client.force_login(user)
    return client


def reauthenticate(client: Client, password: str = factories.PASSWORD) -> None:
    """Confirm the password again, as allauth's "Confirm it's you" page asks."""
    response = client.post("/accounts/reauthenticate/", {"password": password})
    assert response.status_code == 302, response.content.decode()[:2000]


def totp_code(secret: str = TOTP_SECRET) -> str:
    """The code an authenticator app shows now for ``secret``."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def turn_on_two_factor(user, secret: str = TOTP_SECRET) -> list[str]:
    """Give the user an authenticator app and recovery codes; return the codes."""
    TOTP.activate(user, secret)
    return RecoveryCodes.activate(user).get_unused_codes()


# One opportunity and what hangs under it.


@dataclass
class Work:
    """Someone's opportunity with its mission and OKRs, and (``everything``) the rest."""

    opportunity: object = None
    stage_change: object = None
    mission: object = None
    objective: object = None
    key_result: object = None
    share_link: ShareLink | None = None
    share_token: str = ""
    question: object = None
    person: object = None
    interview: object = None
    plan: object = None
    ask: object = None
    red_flag: object = None
    conversation: object = None
    money_ask: object = None
    offer: object = None
    debrief: object = None

    def rows(self) -> list:
        """The work's rows, for a test that counts on each of them."""
        return [
            getattr(self, f.name)
            for f in dataclasses.fields(Work)
            if f.name != "share_token" and getattr(self, f.name) is not None
        ]


WORK_PARTS = {f.name for f in dataclasses.fields(Work)} - {"share_link", "share_token"}


def build_work(owner, *, everything=True, stage_change=False, share_link=False, **fields) -> Work:
    """An opportunity of ``owner``'s: its mission, an objective and a key result; with
    ``everything`` a question, a person at an interview, the plan with an ask, a red flag, a
    conversation with the person and a money ask, an offer and a debrief of the interview.

    ``fields`` maps a part to the values it gets: ``opportunity={"company": "Acme"}``.
    """
    unknown = set(fields) - WORK_PARTS
    assert not unknown, f"no such part of the work: {sorted(unknown)}"

    def make(part: str, factory, **values):
        return factory(**{**values, **fields.get(part, {})})

    work = Work(opportunity=make("opportunity", factories.OpportunityFactory, owner=owner))
    opportunity = work.opportunity
    if stage_change:
        work.stage_change = make(
            "stage_change", factories.StageChangeFactory, opportunity=opportunity
        )
    work.mission = make("mission", factories.MissionFactory, opportunity=opportunity)
    work.objective = make("objective", factories.ObjectiveFactory, mission=work.mission)
    work.key_result = make("key_result", factories.KeyResultFactory, objective=work.objective)
    if share_link:
        work.share_token = mission_services.create_share_link(mission=work.mission)
        work.share_link = ShareLink.objects.get(mission=work.mission)
    if not everything:
        return work
    work.question = make(
        "question", factories.QuestionFactory, mission=work.mission, objective=work.objective
    )
    work.person = make("person", factories.PersonFactory, opportunity=opportunity)
    work.interview = make("interview", factories.InterviewFactory, opportunity=opportunity)
    work.interview.people.add(work.person)
    work.plan = make("plan", factories.NegotiationPlanFactory, opportunity=opportunity)
    work.ask = make("ask", factories.SuccessAskFactory, plan=work.plan, objective=work.objective)
    work.red_flag = make("red_flag", factories.RedFlagFactory, plan=work.plan)
    work.conversation = make("conversation", factories.ConversationFactory, plan=work.plan)
    work.conversation.people.add(work.person)
    work.money_ask = make("money_ask", factories.MoneyAskFactory, plan=work.plan)
    work.offer = make("offer", factories.OfferFactory, opportunity=opportunity)
    work.debrief = make(
        "debrief",
        factories.DebriefFactory,
        owner=owner,
        opportunity=opportunity,
        interview=work.interview,
    )
    return work


# The world.


@dataclass
class World(Work):
    """The personas, the owner's work (the fields of ``Work``), councils and shares."""

    owner: object = None
    member: object = None
    outsider: object = None
    ex_member: object = None
    stranger: object = None
    council: council_models.Council | None = None
    membership: council_models.Membership | None = None
    other_council: council_models.Council | None = None
    focus: object = None
    gratitude: object = None
    invitation: council_models.Invitation | None = None
    shares: dict = field(default_factory=dict)  # kind → the Share with ``council``
    comment: council_models.Comment | None = None
    foreign: Work | None = None  # the stranger's look-alikes
    foreign_council: council_models.Council | None = None
    foreign_comment: council_models.Comment | None = None

    @property
    def share(self) -> council_models.Share:
        """The share of the owner's mission with their council."""
        return self.shares["mission"]

    @property
    def foreign_opportunity(self):
        return self.foreign.opportunity

    @property
    def foreign_objective(self):
        return self.foreign.objective

    @property
    def foreign_person(self):
        return self.foreign.person

    @property
    def foreign_interview(self):
        return self.foreign.interview


def _member_of(council, user=None, *, email: str):
    """``user`` (made when None) as a member of ``council``, and the membership."""
    user = user or factories.UserFactory(email=email)
    membership = council.memberships.filter(user=user).first()
    return user, membership or factories.MembershipFactory(council=council, user=user)


def invite(council, email: str, *, token: str) -> council_models.Invitation:
    """A pending invitation to ``council`` for ``email``, as the owner sends it."""
    return council_models.Invitation.objects.create(
        council=council,
        email=email,
        invited_by=council.owner,
        token_digest=digest_token(token),
        expires_at=timezone.now() + council_models.INVITATION_LIFETIME,
    )


def build_world(
    owner=None,
    *,
    council=None,
    member=None,
    ex_member=None,
    stranger=None,
    share=("mission",),
    everything=False,
    share_link=False,
    look_alikes=False,
) -> World:
    """The personas around the owner's work, shared with their council (see the module)."""
    assert set(share) <= set(SHARE_KINDS), share
    owner = owner or factories.UserFactory(email="owner@example.com")
    council = council or factories.CouncilFactory(owner=owner, name="Thursday circle")
    member, membership = _member_of(council, member, email="member@example.com")
    other_council = factories.CouncilFactory(owner=owner, name="Alumni circle")
    outsider, _ = _member_of(other_council, email="outsider@example.com")
    if ex_member is None:
        ex_member, _ = _member_of(council, email="ex-member@example.com")
        council_services.leave_council(council=council, user=ex_member)
    stranger = stranger or factories.UserFactory(email="stranger@example.com")
    yesterday = timezone.now() - dt.timedelta(days=1)
    work = build_work(
        owner,
        everything=everything,
        share_link=share_link,
        opportunity={"company": "Northwind Cloud", "role": "Director of Product"},
        mission={"purpose": "Make the platform a reason to stay."},
        objective={"title": "Make onboarding a reason teams choose us"},
        key_result={"description": "Time to first deploy", "target": "from 3 days to 1 hour"},
        interview={"scheduled_at": yesterday},
        debrief={"happened_on": timezone.localdate()},
    )
    world = World(
        **{f.name: getattr(work, f.name) for f in dataclasses.fields(Work)},
        owner=owner,
        member=member,
        outsider=outsider,
        ex_member=ex_member,
        stranger=stranger,
        council=council,
        membership=membership,
        other_council=other_council,
    )
    if everything:
        world.focus = factories.FocusFactory(owner=owner)
        world.gratitude = factories.GratitudeEntryFactory(owner=owner)
        world.invitation = invite(council, "invitee@example.com", token=INVITATION_TOKEN)
    if "focus" in share and world.focus is None:
        world.focus = factories.FocusFactory(owner=owner)
    if "plan" in share and world.plan is None:
        world.plan = factories.NegotiationPlanFactory(opportunity=world.opportunity)
    if "debrief" in share and world.debrief is None:
        world.debrief = factories.DebriefFactory(owner=owner, opportunity=world.opportunity)
    for kind in share:
        world.shares[kind] = factories.ShareFactory(
            council=council, shared_by=owner, **{"mission": None, kind: getattr(world, kind)}
        )
    if everything and "mission" in share:
        world.comment = factories.CommentFactory(
            share=world.share, author=owner, body="A *first* thought."
        )
    if look_alikes:
        world.foreign = build_work(stranger)
        world.foreign_council = factories.CouncilFactory(owner=stranger)
        foreign_share = factories.ShareFactory(
            council=world.foreign_council, mission=world.foreign.mission, shared_by=stranger
        )
        world.foreign_comment = factories.CommentFactory(share=foreign_share, author=stranger)
    return world


def invitee_for(world: World):
    """A signed-up user whose verified address the world's invitation was sent to."""
    user = get_user_model().objects.create_user(
        username="invitee", email=world.invitation.email, password="x-unused-password-42"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


# An account's one of everything.


@dataclass
class Everything:
    """A user's rows by model, and the few objects tests connect other users to."""

    user: object
    rows: dict = field(default_factory=dict)
    council: council_models.Council | None = None
    share: council_models.Share | None = None
    focus: object = None

    def add(self, *objects) -> None:
        for obj in objects:
            self.rows.setdefault(type(obj), set()).add(obj.pk)


def one_of_everything(user, sentinel: str) -> Everything:
    """Give ``user`` a row of every model of our apps, texts marked ``sentinel``."""
    work = build_work(
        user,
        stage_change=True,
        share_link=True,
        opportunity={"company": f"{sentinel} company"},
        person={"name": f"{sentinel} person"},
        mission={"purpose": f"{sentinel} purpose"},
        conversation={"summary": f"{sentinel} conversation"},
        money_ask={"reasons": f"{sentinel} reasons"},
    )
    everything = Everything(user=user)
    everything.focus = factories.FocusFactory(owner=user, full_name=f"{sentinel} name")
    council = factories.CouncilFactory(owner=user, name=f"{sentinel} council")
    email = f"invitee-of-{user.pk}@example.com"
    invitation = invite(council, email, token=secrets.token_urlsafe(32))
    share = factories.ShareFactory(council=council, mission=work.mission, shared_by=user)
    comment = factories.CommentFactory(share=share, author=user, body=f"{sentinel} comment")
    gratitude = factories.GratitudeEntryFactory(owner=user, name=f"{sentinel} friend")
    preference = council_models.NotificationPreference.objects.create(
        user=user, comment_emails=False
    )
    everything.add(
        *work.rows(),
        everything.focus,
        council,
        council.memberships.get(user=user),
        invitation,
        share,
        comment,
        gratitude,
        preference,
    )
    everything.council, everything.share = council, share
    return everything


# The demo account, as `manage.py demo` makes it: the crawl walks it.

DEMO_OWNER_EMAIL = "demo@example.com"
DEMO_MEMBER_EMAIL = "demo+member@example.com"


@dataclass
class DemoWorld:
    owner: object
    member: object  # of the demo owner's council


def build_demo_world() -> DemoWorld:
    """The demo account and its council member, made by the demo command."""
    call_command("demo", "--force", stdout=StringIO())
    users = get_user_model().objects
    return DemoWorld(users.get(email=DEMO_OWNER_EMAIL), users.get(email=DEMO_MEMBER_EMAIL))


# Whether a request changed anything.

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
            for many in model._meta.local_many_to_many:
                through = many.remote_field.through
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
