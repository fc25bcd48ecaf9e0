"""``manage.py demo``: a demo account with a focused search, a full job mission and a share link.

Running it again rebuilds the same demo data for the demo account and touches nobody else.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from negotiation.models import (
    Channel,
    Fit,
    Focus,
    Horizon,
    Interview,
    InterviewKind,
    KeyResult,
    KeyResultStatus,
    Level,
    Mission,
    Objective,
    Opportunity,
    Person,
    PersonRole,
    Question,
    ShareLink,
    Stage,
    StageChange,
    digest_token,
    share_token_from_salt,
)
from negotiation.services import create_share_link

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
