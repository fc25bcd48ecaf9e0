"""``manage.py demo``: a demo account with a focused search, a full job mission and a share link,
negotiation plans with offers to compare, and a council of two with comments, debriefs and a
gratitude house. It lives in councils because it builds on both apps.

Running it again rebuilds the same demo data for the demo account and touches nobody else.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from config.tokens import digest_token
from councils.models import Comment, Council, Debrief, GratitudeEntry, Membership, Share
from missions.models import (
    Horizon,
    KeyResult,
    KeyResultStatus,
    Mission,
    Objective,
    Question,
    ShareLink,
    share_token_from_salt,
)
from missions.services import create_share_link
from negotiation.models import (
    AskCategory,
    AskPriority,
    AskStatus,
    Conversation,
    ConversationChannel,
    Offer,
    OfferVersion,
)
from negotiation.services import (
    add_success_ask,
    draft_money_script,
    ensure_plan,
    record_conversation,
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

DEFAULT_EMAIL = "demo@example.com"
DEFAULT_PASSWORD = "jobmission-demo"  # noqa: S105 - printed for the person trying the app
DEFAULT_BASE_URL = "http://127.0.0.1:8000"

FOCUS = {
    "full_name": "Maya Lindqvist",
    "attribute_1": "Director-level product leader for B2B workflow software",
    "attribute_2": "Series B to D companies of 150–600 people, product rhythm still forming",
    "attribute_3": "I turn scattered roadmaps into a few bets the whole company can explain",
    "attribute_4": "At home with operations-heavy customers: logistics, field service, clinics",
    "target_roles": "Director of Product, Head of Product",
    "level": Level.DIRECTOR,
    "industries": "B2B SaaS for logistics, field service and healthcare operations",
    "locations": "Chicago (hybrid, up to 2 office days) or remote on US Central/Eastern time",
    "must_haves": (
        "A seat in the leadership team's planning.\n"
        "A team of three to six product managers to grow.\n"
        "A CEO who wants product to own outcomes, not only output."
    ),
    "deal_breakers": (
        "A roadmap set deal by deal by sales.\n"
        "More than two days a week in an office.\n"
        "No time or budget for talking to customers."
    ),
}

MISSION = {
    "purpose": (
        "Make Kestrel Routing the platform dispatchers trust on their worst day: fewer manual "
        "overrides, fast re-plans when a truck breaks down, and a roadmap the sales team can "
        "sell without promising custom work."
    ),
    "responsibilities": (
        "- The product strategy and roadmap for dispatch and routing, shaped with the "
        "engineering and design leads\n"
        "- Growing a team of four product managers, including hiring a senior PM in my first "
        "six months\n"
        "- A quarterly planning rhythm with sales, customer success and engineering\n"
        "- Weekly conversations with dispatchers and fleet managers, not only before big "
        "launches\n"
        "- The product metrics the executive team reviews every month"
    ),
}

# (objective, [(key result, target, horizon, status, what the hiring manager said)])
OBJECTIVES = [
    (
        "Earn dispatchers' trust in the automatic plan",
        [
            (
                "Routes dispatched without a manual override",
                "from 62% to 80%",
                Horizon.MONTHS_6,
                KeyResultStatus.CONFIRMED,
                "Dana agreed and wants the 62% re-measured in my first month: the override "
                "logs only cover half of the depots.",
            ),
            (
                "Time to re-plan a route after a vehicle breaks down",
                "under 10 minutes for 9 in 10 breakdowns (today about 25)",
                Horizon.MONTHS_12,
                KeyResultStatus.CHANGED,
                "I proposed under 5 minutes. Dana thinks that needs the new routing engine "
                "first; we settled on 10 minutes and a check-in at six months.",
            ),
            (
                "Dispatcher satisfaction in the quarterly survey",
                "from 3.1 to 4.0 out of 5",
                Horizon.MONTHS_12,
                KeyResultStatus.PROPOSED,
                "",
            ),
        ],
    ),
    (
        "Build a product team that owns outcomes",
        [
            (
                "Product managers who own one outcome metric and review it monthly with "
                "their engineering lead",
                "4 of 4 PMs",
                Horizon.DAYS_90,
                KeyResultStatus.PROPOSED,
                "",
            ),
            (
                "Senior PM hired for the fleet-manager experience",
                "offer accepted",
                Horizon.MONTHS_6,
                KeyResultStatus.PROPOSED,
                "",
            ),
        ],
    ),
    (
        "Make the roadmap something sales can sell",
        [
            (
                "New deals that carry a custom-work promise",
                "from about 1 in 3 to fewer than 1 in 10",
                Horizon.MONTHS_12,
                KeyResultStatus.PROPOSED,
                "",
            ),
            (
                "Quarterly roadmap review with sales and customer success",
                "first one within 60 days, then every quarter",
                Horizon.DAYS_60,
                KeyResultStatus.PROPOSED,
                "",
            ),
        ],
    ),
]

# (question, index of the objective it belongs to or None, answer)
QUESTIONS = [
    (
        "How do you know today whether a dispatcher accepted the automatic plan?",
        0,
        "Through the override logs, which only half of the depots send. Dana would like "
        "that fixed early.",
    ),
    ("What would make you say, a year from now, that this hire was a success?", None, ""),
    (
        "Who decides today which custom requests get built, and how would that change "
        "with this role?",
        2,
        "",
    ),
    (
        "What budget and headcount come with the role for research and hiring in the first year?",
        None,
        "",
    ),
]


@dataclass(frozen=True)
class DemoAccount:
    user: object
    share_token: str


def demo_username(email: str) -> str:
    """The username that marks an account as one this command made, and may rebuild."""
    return "demo-" + hashlib.sha256(email.lower().encode()).hexdigest()[:12]


class Command(BaseCommand):
    help = "Create (or rebuild) a demo account with a focus, opportunities and a job mission."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", default=DEFAULT_EMAIL, help="Email to sign in with.")
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="Password to use.")
        parser.add_argument(
            "--base-url", default=DEFAULT_BASE_URL, help="Where the app is served, for links."
        )
        parser.add_argument("--force", action="store_true", help="Run even though DEBUG is off.")

    def handle(self, *args, email: str, password: str, base_url: str, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this looks like a real deployment: the demo command creates "
                "an account with a known password. Pass --force if you really want it here."
            )
        email = email.strip().lower()
        if not email or "@" not in email:
            raise CommandError(f"{email!r} is not an email address.")
        try:
            validate_password(password)
        except ValidationError as error:
            raise CommandError("Choose another --password: " + " ".join(error.messages)) from None

        account = build_demo_account(email=email, password=password)

        base_url = base_url.rstrip("/")
        share_url = base_url + reverse("share_page", args=[account.share_token])
        self.stdout.write(
            self.style.SUCCESS("The demo account is ready.")
            + f"\n\n  Sign in at  {base_url}{reverse('account_login')}"
            f"\n  Email       {email}"
            f"\n  Password    {password}"
            f"\n\n  The hiring manager's read-only link to the demo mission:\n  {share_url}\n"
        )
        self.stdout.write(
            "\n  Your council's second member, to try it in a second browser:"
            f"\n  Member      {council_member_email(email)}"
            "\n  (with the same password)\n"
        )


@transaction.atomic
def build_demo_account(*, email: str, password: str) -> DemoAccount:
    """Create the demo user, or wipe and rebuild its data; refuse to touch anyone else."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None and user.username != demo_username(email):
        raise CommandError(
            f"{email} belongs to an account the demo command did not create, and it will not "
            "touch it. Pass another --email."
        )
    previous_salt = (
        ShareLink.objects.live()
        .filter(mission__opportunity__owner=user)
        .values_list("token_salt", flat=True)
        .first()
        if user
        else None
    )
    if user is None:
        user = User(username=demo_username(email), email=email)
    user.first_name, user.last_name = "Maya", "Lindqvist"
    user.is_active = True
    if not user.check_password(password):
        # Only when it differs: a new hash would sign the demo user out of open browsers.
        user.set_password(password)
    user.save()
    EmailAddress.objects.filter(user=user).exclude(email__iexact=email).delete()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )

    # Rebuild from scratch: the opportunities cascade to people, interviews and missions.
    Opportunity.objects.filter(owner=user).delete()
    Focus.objects.filter(owner=user).delete()
    Focus.objects.create(owner=user, contact=f"{email} · +1 (312) 555-0148", **FOCUS)

    now = timezone.now()
    kestrel = _opportunities(user, now)
    # Keep the share link's URL stable across runs, so a link copied earlier still works.
    token = _mission(kestrel, now, previous_salt)
    _negotiation(user, kestrel, now)
    _council(user, kestrel, now, email=email, password=password)
    return DemoAccount(user=user, share_token=token)


def _opportunity(owner, now, *, stages: list[str], days_ago: int, **fields) -> Opportunity:
    """One opportunity whose stage history spreads over the last ``days_ago`` days."""
    opportunity = Opportunity.objects.create(owner=owner, stage=stages[-1], **fields)
    started = now - dt.timedelta(days=days_ago)
    step = dt.timedelta(days=days_ago / len(stages))
    StageChange.objects.bulk_create(
        StageChange(
            opportunity=opportunity,
            from_stage=stages[i - 1] if i else "",
            to_stage=stage,
            changed_at=started + i * step,
        )
        for i, stage in enumerate(stages)
    )
    Opportunity.objects.filter(pk=opportunity.pk).update(created_at=started)
    return opportunity


def _interview(opportunity, people, *, at, kind, channel, notes="") -> Interview:
    interview = Interview.objects.create(
        opportunity=opportunity, scheduled_at=at, kind=kind, channel=channel, notes=notes
    )
    interview.people.set(people)
    return interview


def _opportunities(owner, now) -> Opportunity:
    """Five opportunities across the pipeline; returns the one the mission is written for."""
    today = timezone.localdate()
    day = dt.timedelta(days=1)
    # Mid-morning in Chicago, where the demo candidate lives.
    slot = now.replace(hour=15, minute=0, second=0, microsecond=0)

    kestrel = _opportunity(
        owner,
        now,
        stages=[Stage.EXPLORING, Stage.APPLIED, Stage.INTERVIEWING],
        days_ago=24,
        company="Kestrel Routing",
        role="Director of Product, Dispatch",
        posting_url="https://careers.kestrel-routing.example/director-of-product",
        posting_text=(
            "Kestrel Routing builds dispatch and route planning software for regional "
            "freight carriers. We are looking for a Director of Product to lead our "
            "dispatch product area and a team of four PMs..."
        ),
        location="Chicago, hybrid",
        fit=Fit.STRONG,
        next_step="Walk Dana through my job mission on the video call",
        next_step_due=today + 3 * day,
        notes=(
            "Referred by a former colleague. Dana asked how I would measure trust in the "
            "automatic plan: that became my first objective."
        ),
    )
    dana = Person.objects.create(
        opportunity=kestrel,
        name="Dana Whitfield",
        role=PersonRole.HIRING_MANAGER,
        email="dana.whitfield@kestrel-routing.example",
        notes="Chief Product Officer. Came from operations; likes numbers she can check.",
    )
    priya = Person.objects.create(
        opportunity=kestrel,
        name="Priya Raman",
        role=PersonRole.RECRUITER,
        email="priya.raman@kestrel-routing.example",
        notes="Quick to reply; prefers a call to long emails.",
    )
    tomas = Person.objects.create(
        opportunity=kestrel,
        name="Tomás Greer",
        role=PersonRole.INTERVIEWER,
        email="tomas.greer@kestrel-routing.example",
        notes="Head of Engineering. Worried about the routing engine's tech debt.",
    )
    _interview(
        kestrel,
        [priya],
        at=slot - 12 * day,
        kind=InterviewKind.SCREEN,
        channel=Channel.PHONE,
        notes="Salary band fits. Team of four PMs, one open headcount.",
    )
    _interview(
        kestrel,
        [dana],
        at=slot - 5 * day,
        kind=InterviewKind.HIRING_MANAGER,
        channel=Channel.VIDEO,
        notes="Went well. Dana is open to me bringing a written mission next time.",
    )
    _interview(
        kestrel,
        [dana, tomas],
        at=slot + 3 * day,
        kind=InterviewKind.PANEL,
        channel=Channel.IN_PERSON,
        notes="Bring the mission PDF and walk through it live.",
    )

    tessellate = _opportunity(
        owner,
        now,
        stages=[Stage.APPLIED, Stage.INTERVIEWING, Stage.OFFER],
        days_ago=40,
        company="Tessellate Health",
        role="Head of Product, Clinic Operations",
        posting_url="https://tessellate-health.example/jobs/head-of-product",
        location="Remote (US)",
        fit=Fit.STRONG,
        next_step="Ask about the research budget before talking numbers",
        next_step_due=today + 2 * day,
        notes="Offer came in on Monday. Strong team; the role reports to the CEO.",
    )
    renee = Person.objects.create(
        opportunity=tessellate,
        name="Renée Duval",
        role=PersonRole.HIRING_MANAGER,
        email="renee@tessellate-health.example",
        notes="CEO and co-founder.",
    )
    Person.objects.create(
        opportunity=tessellate,
        name="Marcus Bell",
        role=PersonRole.RECRUITER,
        email="marcus.bell@tessellate-health.example",
    )
    _interview(
        tessellate,
        [renee],
        at=slot - 9 * day,
        kind=InterviewKind.FINAL,
        channel=Channel.IN_PERSON,
        notes="Met the leadership team over lunch.",
    )

    harborline = _opportunity(
        owner,
        now,
        stages=[Stage.EXPLORING, Stage.APPLIED],
        days_ago=14,
        company="Harborline Field Service",
        role="Director of Product",
        posting_url="https://harborline.example/careers/director-product",
        location="Milwaukee, 4 days in the office",
        fit=Fit.PARTIAL,
        next_step="Follow up with Sam about the office days",
        next_step_due=today - 2 * day,
        notes="Great product, but four office days breaks one of my deal-breakers.",
    )
    Person.objects.create(
        opportunity=harborline,
        name="Sam Okoro",
        role=PersonRole.REFERRER,
        email="sam.okoro@harborline.example",
        notes="Former teammate, now VP Engineering there.",
    )

    _opportunity(
        owner,
        now,
        stages=[Stage.EXPLORING],
        days_ago=3,
        company="Quillmark",
        role="Senior Product Manager, Growth",
        posting_url="https://quillmark.example/jobs/senior-pm-growth",
        location="Remote",
        fit=Fit.OFF,
        next_step="Decide whether it is worth a call at all",
        next_step_due=today + 5 * day,
        notes="Consumer app and an individual-contributor role: off my focus. Kept for now.",
    )

    _opportunity(
        owner,
        now,
        stages=[Stage.EXPLORING, Stage.APPLIED, Stage.DECLINED],
        days_ago=30,
        company="Brightfold Analytics",
        role="Director of Product, Platform",
        location="Remote (US)",
        fit=Fit.PARTIAL,
        notes="Declined after the second call: the roadmap is set deal by deal by sales.",
    )
    return kestrel


def _mission(opportunity: Opportunity, now, salt: str | None) -> str:
    """The full job mission for ``opportunity`` with a live share link; returns its token."""
    mission = Mission.objects.create(opportunity=opportunity, **MISSION)
    objectives = Objective.objects.bulk_create(
        Objective(mission=mission, title=title, position=position)
        for position, (title, _) in enumerate(OBJECTIVES)
    )
    KeyResult.objects.bulk_create(
        KeyResult(
            objective=objective,
            description=description,
            target=target,
            horizon=horizon,
            status=status,
            manager_note=note,
            position=position,
        )
        for objective, (_, key_results) in zip(objectives, OBJECTIVES, strict=True)
        for position, (description, target, horizon, status, note) in enumerate(key_results)
    )
    Question.objects.bulk_create(
        Question(
            mission=mission,
            text=text,
            objective=objectives[index] if index is not None else None,
            answer=answer,
            position=position,
        )
        for position, (text, index, answer) in enumerate(QUESTIONS)
    )
    if salt is None:
        token = create_share_link(mission=mission)
    else:
        token = share_token_from_salt(salt)
        ShareLink.objects.create(mission=mission, token_salt=salt, token_digest=digest_token(token))
    # As if the hiring manager had already looked, so the editor shows the open count.
    ShareLink.objects.live().filter(mission=mission).update(
        open_count=2, last_opened_at=now - dt.timedelta(hours=20)
    )
    return token


# Negotiation: Tessellate Health has made an offer and revised it; Northpine Logistics has made
# one too; the plan for Kestrel Routing is being prepared before the panel interview.

TESSELLATE_MISSION = {
    "purpose": (
        "Give clinic teams their mornings back: scheduling that runs itself, so front desks "
        "spend their time on patients, not on the phone."
    ),
    "responsibilities": (
        "- The product strategy for scheduling and clinic operations, reporting to the CEO\n"
        "- A team of four product managers, and the hiring of a fifth\n"
        "- A research practice: every PM in a clinic at least twice a month"
    ),
}
# (objective, key result, target, horizon)
TESSELLATE_OBJECTIVES = [
    (
        "Halve the time front desks spend on scheduling",
        "Front-desk hours on scheduling per clinic per week",
        "from 14 to 7",
        Horizon.MONTHS_12,
    ),
    (
        "Build a product team that decides from evidence",
        "Clinic visits or calls per PM per month",
        "at least 4",
        Horizon.DAYS_90,
    ),
    (
        "Make the scheduling engine dependable enough for hospital groups",
        "Scheduling incidents during clinic hours",
        "from 6 a month to fewer than 1",
        Horizon.MONTHS_6,
    ),
]
TESSELLATE_BENEFITS = (
    "Health, dental and vision fully covered for the family\n"
    "401(k) with a 4% match\n"
    "25 days off plus clinic holidays\n"
    "USD 2,000 a year for learning and a home office"
)
MONEY_REASONS = (
    "The role leads a team of four, with a fifth to hire, and reports to you directly. The Head "
    "of Product roles in clinic software I have seen this year pay between 215 and 230 thousand "
    "in base. I would also leave an unvested grant worth about 40 thousand at my current "
    "company, which is why the total matters to me as much as the base."
)


def _negotiation(owner, kestrel: Opportunity, now) -> None:
    """Plans on three opportunities, three offers (two of them current) and a drafted money ask."""
    tessellate = Opportunity.objects.get(owner=owner, company="Tessellate Health")
    _tessellate_plan(tessellate)
    _northpine_plan(_northpine(owner, now))
    _kestrel_plan(kestrel)


def _tessellate_plan(opportunity: Opportunity) -> None:
    """A live success conversation, an ask refused outright (a red flag), two offer versions."""
    today = timezone.localdate()
    day = dt.timedelta(days=1)
    mission = Mission.objects.create(opportunity=opportunity, **TESSELLATE_MISSION)
    objectives = []
    for position, (title, description, target, horizon) in enumerate(TESSELLATE_OBJECTIVES):
        objective = Objective.objects.create(mission=mission, title=title, position=position)
        KeyResult.objects.create(
            objective=objective, description=description, target=target, horizon=horizon
        )
        objectives.append(objective)
    scheduling, evidence, reliability = objectives

    plan = ensure_plan(opportunity=opportunity)
    asks = [
        dict(
            category=AskCategory.BUDGET,
            description="A research budget for 40 clinic visits in the first six months",
            amount=Decimal("60000"),
            currency="USD",
            objective=evidence,
            status=AskStatus.AGREED,
            employer_response="Renée agreed straight away and asked me to bring what we learn "
            "to the March board meeting.",
        ),
        dict(
            category=AskCategory.HEADCOUNT,
            description="Hire a senior PM for scheduling in my first quarter",
            objective=scheduling,
            status=AskStatus.ASKED,
            employer_response="She wants to see my 90-day plan first and will confirm after "
            "the board meets.",
        ),
        dict(
            category=AskCategory.TECH_DEBT,
            description="Two sprints a quarter to stabilise the scheduling engine",
            objective=reliability,
            status=AskStatus.DECLINED,
            would_not_discuss=True,
            employer_response="“The roadmap is set with the board; I don't want to reopen it.” "
            "She moved on to the start date.",
        ),
        dict(
            category=AskCategory.MENTORSHIP,
            description="A leadership coach for my first year",
            amount=Decimal("12000"),
            currency="USD",
            priority=AskPriority.NICE,
            status=AskStatus.DEFERRED,
            employer_response="Open to it after my six-month review.",
        ),
    ]
    for fields in asks:
        add_success_ask(plan=plan, **fields)  # the tech-debt ask raises its red flag here

    renee = opportunity.people.get(role=PersonRole.HIRING_MANAGER)
    marcus = opportunity.people.get(role=PersonRole.RECRUITER)
    record_conversation(
        conversation=Conversation(
            plan=plan,
            happened_on=today - 4 * day,
            channel=ConversationChannel.VIDEO,
            about_success=True,
            summary="Walked Renée through my job mission and what the role needs to reach its "
            "objectives: research, a senior PM, time to stabilise the scheduling engine, a coach.",
            outcomes="Research budget agreed. Senior PM after the board. The engine work is "
            "not up for discussion — that worries me. Coach after six months.",
        ),
        people=[renee],
    )
    record_conversation(
        conversation=Conversation(
            plan=plan,
            happened_on=today - 2 * day,
            channel=ConversationChannel.EMAIL,
            summary="Marcus sent the revised offer: a little more base and a sign-on bonus.",
            outcomes="They need an answer within a week. Talk to Renée live before then.",
        ),
        people=[marcus],
    )

    terms = dict(
        opportunity=opportunity,
        currency="USD",
        bonus_target_percent=Decimal("15"),
        equity_grant_value=Decimal("240000"),
        vesting_years=4,
        cliff_months=12,
        benefits=TESSELLATE_BENEFITS,
    )
    Offer.objects.create(
        **terms,
        version=OfferVersion.INITIAL,
        received_on=today - 6 * day,
        base_salary=Decimal("198000"),
        deadline=today + 2 * day,
    )
    Offer.objects.create(
        **terms,
        version=OfferVersion.REVISED,
        received_on=today - 2 * day,
        base_salary=Decimal("205000"),
        sign_on_bonus=Decimal("15000"),
        deadline=today + 5 * day,
    )
    draft_money_script(
        plan=plan,
        currency="USD",
        target_base=Decimal("220000"),
        target_total=Decimal("315000"),
        walk_away=Decimal("290000"),
        deal_breakers="No time at all for the scheduling engine's stability.\n"
        "More than one office day a week.",
        reasons=MONEY_REASONS,
    )


def _northpine(owner, now) -> Opportunity:
    """A second offer, richer in equity, from a team that has only talked about success by email."""
    northpine = _opportunity(
        owner,
        now,
        stages=[Stage.APPLIED, Stage.INTERVIEWING, Stage.OFFER],
        days_ago=35,
        company="Northpine Logistics",
        role="Director of Product, Warehouse Operations",
        posting_url="https://northpine.example/careers/director-product",
        location="Remote (US Central)",
        fit=Fit.STRONG,
        next_step="Ask Jonah for a call about what the role needs, before any numbers",
        next_step_due=timezone.localdate() + dt.timedelta(days=1),
        notes="Offer by phone from the recruiter; written offer the same day.",
    )
    Person.objects.create(
        opportunity=northpine,
        name="Jonah Reyes",
        role=PersonRole.HIRING_MANAGER,
        email="jonah.reyes@northpine.example",
        notes="VP Product. Busy; answers email at night.",
    )
    Person.objects.create(
        opportunity=northpine,
        name="Aisha Brooks",
        role=PersonRole.RECRUITER,
        email="aisha.brooks@northpine.example",
    )
    Offer.objects.create(
        opportunity=northpine,
        version=OfferVersion.INITIAL,
        received_on=timezone.localdate() - dt.timedelta(days=3),
        currency="USD",
        base_salary=Decimal("190000"),
        bonus_target_percent=Decimal("10"),
        equity_units=Decimal("30000"),
        equity_unit_price=Decimal("8.50"),
        vesting_years=4,
        cliff_months=12,
        sign_on_bonus=Decimal("25000"),
        deadline=timezone.localdate() + dt.timedelta(days=4),
        benefits="Health cover for the family\n3% 401(k) match\n"
        "Unlimited time off (ask what people actually take)",
    )
    return northpine


def _northpine_plan(opportunity: Opportunity) -> None:
    plan = ensure_plan(opportunity=opportunity)
    add_success_ask(
        plan=plan,
        category=AskCategory.HEADCOUNT,
        description="A data analyst shared with the operations team",
        status=AskStatus.ASKED,
        employer_response="Jonah: “Let's loop back on team shape once you've signed.”",
    )
    add_success_ask(
        plan=plan,
        category=AskCategory.TOOLS,
        description="A product analytics tool for the warehouse app",
        amount=Decimal("30000"),
        currency="USD",
        priority=AskPriority.NICE,
    )
    record_conversation(
        conversation=Conversation(
            plan=plan,
            happened_on=timezone.localdate() - dt.timedelta(days=1),
            channel=ConversationChannel.EMAIL,
            about_success=True,
            summary="Sent Jonah the list of what the role needs. He answered in one line.",
            outcomes="Nothing agreed yet. Ask for a call.",
        ),
        people=list(opportunity.people.filter(role=PersonRole.HIRING_MANAGER)),
    )


def _kestrel_plan(opportunity: Opportunity) -> None:
    """Prepared before the panel interview: the asks, each tied to an objective of the mission."""
    plan = ensure_plan(opportunity=opportunity)
    trust, team, _ = opportunity.mission.objectives.all()
    add_success_ask(
        plan=plan,
        category=AskCategory.TECH_DEBT,
        description="A quarter of the routing team's time for faster re-planning",
        objective=trust,
    )
    add_success_ask(
        plan=plan,
        category=AskCategory.BUDGET,
        description="Budget for monthly depot visits with dispatchers",
        amount=Decimal("18000"),
        currency="USD",
        objective=trust,
        status=AskStatus.ASKED,
        employer_response="Dana thinks it is likely and will check with finance.",
    )
    add_success_ask(
        plan=plan,
        category=AskCategory.TRAINING,
        description="Product discovery training for the four PMs",
        amount=Decimal("15000"),
        currency="USD",
        objective=team,
        priority=AskPriority.NICE,
    )


# The council: a second member, shared work with comments, debriefs and the gratitude house.

COUNCIL_MEMBER = ("Jordan", "Avery")

COUNCIL = {
    "name": "Thursday product circle",
    "purpose": (
        "Product leaders between roles. We read each other's job missions before they go to a "
        "hiring manager, rehearse the hard conversations, and debrief every interview within "
        "a day."
    ),
    "meeting_link": "https://meet.example.com/thursday-product-circle",
}

# (name, relationship, what they did, days since the thank-you note or None)
GRATITUDE = [
    (
        "Ines Okafor",
        "My first product manager",
        "Told me I was ready to lead a team two years before I believed it, then gave me the "
        "dispatch project to prove it.",
        20,
    ),
    (
        "Leah Brandt",
        "Former colleague, now at Kestrel's largest customer",
        "Introduced me to Dana and told her, in her own words, what I did for the dispatchers.",
        6,
    ),
    (
        "Jordan Avery",
        "My council",
        "Reads every mission I write and asks the question I was avoiding.",
        None,
    ),
    (
        "Rafael Lindqvist",
        "My partner",
        "Took the kids every Tuesday and Thursday evening so I could write my job missions, "
        "and never once asked when I would find something.",
        None,
    ),
    (
        "Amara Singh",
        "Mentor from my product leadership circle",
        "Practised the salary conversation with me until “Are you open to…?” felt like my "
        "own words.",
        30,
    ),
]

DEBRIEF_KESTREL = {
    "what_happened": (
        "Fifty minutes with Dana on video. Instead of the usual questions I walked her through "
        "my job mission on a shared screen. We spent twenty minutes on the first objective, "
        "and she pushed back on my re-plan target."
    ),
    "went_well": (
        "The override-rate key result: she said nobody else had asked how dispatchers feel "
        "about the plan. My question about custom-work promises opened a long, honest answer "
        "about sales."
    ),
    "do_differently": (
        "I talked too long about my last team before showing the mission. Next time: the "
        "mission first, the stories when she asks."
    ),
    "feeling": 4,
    "inner_critic": (
        "She was only being polite. Anyone could have written those OKRs, and the pushback on "
        "the re-plan target means she thinks I don't understand the routing engine."
    ),
    "evidence": (
        "She ran fifteen minutes over and moved her next call. She asked for the PDF to share "
        "with the CEO. She changed the target with me instead of dismissing it, and booked the "
        "panel with Tomás before we hung up."
    ),
    "next_steps": (
        "Thank-you note to Dana tonight. Ask Tomás about the routing engine's tech debt before "
        "the panel. Re-read this the morning of the panel."
    ),
}

DEBRIEF_TESSELLATE = {
    "what_happened": (
        "Lunch with Renée and the leadership team, then an hour with the CTO, mostly about "
        "how I would run planning with a team of three."
    ),
    "went_well": "Easy rapport with the CTO. The clinic-scheduling launch story landed.",
    "do_differently": (
        "I never asked about the research budget. Write the question down and ask it first."
    ),
    "feeling": 3,
    "inner_critic": "The CFO barely looked up. I came across as too junior for a Head of Product.",
    "evidence": (
        "They made an offer four days later, and Renée said on the call that the team wants "
        "to work with me."
    ),
    "next_steps": "Ask about the research budget before we talk numbers.",
}


def council_member_email(email: str) -> str:
    """The demo council's second member: owner@example.com → owner+member@example.com."""
    local, _, domain = email.partition("@")
    return f"{local}+member@{domain}"


def _council_member(email: str, password: str):
    """Create or refresh the second member's account; refuse one the command did not make."""
    User = get_user_model()
    member = User.objects.filter(email__iexact=email).first()
    if member is not None and member.username != demo_username(email):
        raise CommandError(
            f"{email} belongs to an account the demo command did not create, and it will not "
            "touch it. Pass another --email."
        )
    member = member or User(username=demo_username(email), email=email)
    member.first_name, member.last_name = COUNCIL_MEMBER
    member.is_active = True
    if not member.check_password(password):
        member.set_password(password)
    member.save()
    EmailAddress.objects.filter(user=member).exclude(email__iexact=email).delete()
    EmailAddress.objects.update_or_create(
        user=member, email=email, defaults={"verified": True, "primary": True}
    )
    return member


def _council(owner, kestrel: Opportunity, now, *, email: str, password: str) -> None:
    """A council of two sharing the mission and a debrief, comments, and the gratitude house."""
    member = _council_member(council_member_email(email), password)
    # Rebuild from scratch: a council cascades to its members, shares and their comments.
    Council.objects.filter(owner=owner).delete()
    Debrief.objects.filter(owner=owner).delete()
    GratitudeEntry.objects.filter(owner=owner).delete()

    day = dt.timedelta(days=1)
    today = timezone.localdate()
    GratitudeEntry.objects.bulk_create(
        GratitudeEntry(
            owner=owner,
            name=name,
            relationship=relationship,
            what_they_did=deed,
            thanks_sent_on=today - days * day if days is not None else None,
            position=position,
        )
        for position, (name, relationship, deed, days) in enumerate(GRATITUDE)
    )

    interviews = Interview.objects.filter(opportunity__owner=owner).select_related("opportunity")
    hiring_manager = interviews.get(opportunity=kestrel, kind=InterviewKind.HIRING_MANAGER)
    final = interviews.get(opportunity__company="Tessellate Health", kind=InterviewKind.FINAL)
    debriefs = [
        Debrief.objects.create(
            owner=owner,
            opportunity=interview.opportunity,
            interview=interview,
            happened_on=timezone.localtime(interview.scheduled_at).date(),
            **fields,
        )
        for interview, fields in ((hiring_manager, DEBRIEF_KESTREL), (final, DEBRIEF_TESSELLATE))
    ]

    council = Council.objects.create(
        owner=owner,
        next_meeting_at=(now + 2 * day).replace(hour=23, minute=0, second=0, microsecond=0),
        **COUNCIL,
    )
    Membership.objects.create(council=council, user=owner, joined_at=now - 21 * day)
    Membership.objects.create(council=council, user=member, joined_at=now - 20 * day)

    # The mission and the Kestrel debrief are shared; the negotiation plan is not.
    mission_share = Share.objects.create(
        council=council, shared_by=owner, mission=kestrel.mission, created_at=now - 3 * day
    )
    debrief_share = Share.objects.create(
        council=council, shared_by=owner, debrief=debriefs[0], created_at=now - 4 * day
    )
    override_rate = KeyResult.objects.get(
        objective__mission=kestrel.mission, description__startswith="Routes dispatched"
    )
    Comment.objects.create(
        share=debrief_share,
        author=member,
        created_at=now - 4 * day + dt.timedelta(hours=3),
        body=(
            "Dana asking for the PDF to show the CEO is not politeness. That is a buying "
            "signal. Your inner critic is wrong on this one."
        ),
    )
    Comment.objects.create(
        share=mission_share,
        author=member,
        created_at=now - 2 * day,
        body=(
            "Read it twice. The purpose reads like someone who has sat next to a dispatcher "
            "on a bad day. **Open with that sentence** at the panel."
        ),
    )
    anchored = Comment.objects.create(
        share=mission_share,
        author=member,
        key_result=override_rate,
        created_at=now - 2 * day + dt.timedelta(minutes=10),
        body=(
            "62% to 80% in six months is bold, and I like it. Ask Dana what moved the number "
            "last year, so you know which lever you would pull first."
        ),
    )
    reply = Comment.objects.create(
        share=mission_share,
        author=owner,
        parent=anchored,
        created_at=now - day,
        body="Good call. It is now the first question on my list for the panel.",
    )
    Share.objects.filter(pk=debrief_share.pk).update(
        last_activity_at=now - 4 * day + dt.timedelta(hours=3)
    )
    Share.objects.filter(pk=mission_share.pk).update(last_activity_at=reply.created_at)
