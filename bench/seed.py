"""Grow the demo account to benchmark size: ``opportunities`` opportunities (20, 200 or 1,000),
20 missions, 2 councils with 200 comments, 100 of them in the demo mission's first council
thread, on top of what the demo account builder makes.

Only the number of opportunities changes between sizes: everything else stays as it is, so a
page that grows from 20 to 1,000 grows with the pipeline. Every row goes through the demo's
builders, so through the apps' services and forms, as the users would have made them (1,000
opportunities take a few seconds); no row is bulk-created behind them.
"""

import datetime as dt
import itertools
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from councils.models import Comment, Council, Membership, Share
from councils.services import create_council, resolve_comment
from demo.builders import build_demo_account, council_member_email
from demo.builders.accounts import ensure_account
from demo.builders.councils import admit, comment, date_activity, date_joining, share
from demo.builders.mail import mail_to_nobody
from demo.builders.missions import build_mission
from demo.builders.pipeline import build_focus, build_opportunity
from demo.content import shapes
from demo.content.accounts import DEFAULT_BASE_URL
from missions.models import Horizon, KeyResult, Mission
from negotiation.models import NegotiationPlan
from opportunities.models import Fit, Opportunity, Stage

MISSIONS = 20
COMMENTS = 200
# The thread read unfolded on the share's page: the demo mission with its first council.
THREAD_COMMENTS = 100
# The second council's members besides the demo owner and the demo council member.
PEERS = ("Noor Haddad", "Felix Brandt", "Keiko Sato", "Owen Mbeki")
PEER_FOCUS = {
    "attribute_1": "Product leader for developer platforms",
    "attribute_2": "Growth-stage companies with a platform team to build",
    "attribute_3": "I make the platform the reason customers stay",
}
COMMENT_BODIES = (
    "Strong objective. **What is the baseline today**, and who measures it?",
    "I would open with this one at the panel: it shows you did the homework.",
    "Is the horizon realistic? Six months feels tight for a team that is still hiring.",
    "Ask them what moved this number last year, so you know which lever you pull first.\n\n"
    "- who owns it today\n- what was tried\n- what failed",
    "Love the purpose statement. It reads like someone who has sat with the customers.",
    "Careful: this key result depends on engineering capacity you do not control.",
    "Good call. Adding it to my questions for the hiring manager.",
    "See [how we framed it last time](https://example.com/notes) — same idea, shorter.",
)


@dataclass(frozen=True)
class Seeded:
    """Who the pages are measured as, and the ids in their paths."""

    owner: object
    member: object  # the demo council's second member, in both councils
    share_token: str  # the hiring manager's read-only link to the demo mission
    ids: dict[str, int]


def seed(*, email: str, password: str, opportunities: int) -> Seeded:
    """The demo account (demo/builders), grown to ``opportunities`` opportunities."""
    account = build_demo_account(email=email, password=password)
    owner = account.user
    member = get_user_model().objects.get(email=council_member_email(email))
    return Seeded(owner, member, account.share_token, scale_up(owner, opportunities))


def scale_up(user, opportunities: int) -> dict[str, int]:
    """Grow the demo account to benchmark size; return the ids of the pages to measure."""
    with mail_to_nobody(), transaction.atomic():
        now = timezone.now()
        pdf_mission = _pdf_mission(user, now)
        _opportunities(user, opportunities, now)
        missions = _missions(user, MISSIONS)
        members = _peers(user)
        councils = _councils(user, members, now)
        shares = _share(user, councils, missions, now)
        _comments(user, [*members, user], shares, now)
    kestrel = Mission.objects.filter(opportunity__owner=user).order_by("pk").first()
    plan = (
        NegotiationPlan.objects.filter(opportunity__owner=user, opportunity__offers__isnull=False)
        .order_by("pk")
        .first()
    )
    live = Comment.objects.filter(deleted_at=None)
    return {
        "editor_comments": live.filter(share__mission=kestrel).count(),
        "thread_comments": live.filter(share=shares[0]).count(),
        "thread_share": shares[0].pk,
        "mission_opportunity": kestrel.opportunity_id,
        "plan_opportunity": plan.opportunity_id,
        "council": councils[0].pk,
        "pdf_mission": pdf_mission.pk,
        "pdf_opportunity": pdf_mission.opportunity_id,
        "opportunities": Opportunity.objects.filter(owner=user).count(),
    }


def _opportunities(user, total: int, now: dt.datetime) -> None:
    """Opportunities in every stage and fit until the user has ``total``."""
    stages, fits = list(Stage.values), list(Fit.values)
    existing = Opportunity.objects.filter(owner=user).count()
    for n in range(max(0, total - existing)):
        fields = {
            "company": f"Scale Co {n}",
            "role": "Senior Product Manager",
            "fit": fits[n % len(fits)],
            "next_step": "Follow up with the recruiter",
        }
        added = shapes.Opportunity(
            stages=(stages[n % len(stages)],), started_days_ago=0, fields=fields
        )
        build_opportunity(owner=user, opportunity=added, now=now)


def _mission(
    purpose: str, responsibilities: str, *, objectives: int, key_results: int, questions: int
):
    """A mission of ``objectives`` × ``key_results`` and ``questions`` numbered rows."""
    horizons = list(Horizon.values)
    return shapes.Mission(
        company="",
        purpose=purpose,
        responsibilities=responsibilities,
        objectives=tuple(
            shapes.Objective(
                f"Objective {o + 1}: make onboarding effortless",
                tuple(
                    shapes.KeyResult(
                        f"Key result {k + 1}: time to first deploy",
                        "from 3 days to under 1 hour",
                        horizons[k % len(horizons)],
                    )
                    for k in range(key_results)
                ),
            )
            for o in range(objectives)
        ),
        questions=tuple(
            shapes.Question(f"Question {q + 1}: how is success measured today?")
            for q in range(questions)
        ),
    )


def _pdf_mission(user, now: dt.datetime) -> Mission:
    """The PDF: 5 objectives × 4 key results and 10 questions, on an opportunity of its own."""
    labs = shapes.Opportunity(
        stages=(Stage.INTERVIEWING,),
        started_days_ago=0,
        fields={"company": "Benchmark Labs", "role": "Director of Product"},
    )
    mission = _mission(
        "Turn the developer platform into the reason customers stay. " * 4,
        "Own the platform roadmap, its three product managers and its budget. " * 4,
        objectives=5,
        key_results=4,
        questions=10,
    )
    opportunity = build_opportunity(owner=user, opportunity=labs, now=now)
    return build_mission(opportunity=opportunity, mission=mission)


def _missions(user, total: int) -> list[Mission]:
    """Missions (3 objectives × 3 key results, 4 questions) until the user has ``total``."""
    without = Opportunity.objects.filter(owner=user, mission__isnull=True).order_by("pk")
    missing = max(0, total - Mission.objects.filter(opportunity__owner=user).count())
    mission = _mission(
        "Make the product the one its customers recommend. " * 2,
        "The roadmap, two product managers and the discovery budget.",
        objectives=3,
        key_results=3,
        questions=4,
    )
    for opportunity in without[:missing]:
        build_mission(opportunity=opportunity, mission=mission)
    return list(Mission.objects.filter(opportunity__owner=user).order_by("pk"))


def _peers(user) -> list:
    """The demo council's member and four more peers, each with a focus (their shown name)."""
    member = (
        Membership.objects.filter(council__owner=user)
        .exclude(user=user)
        .select_related("user")
        .first()
        .user
    )
    peers = [member]
    for name in PEERS:
        first, last = name.split()
        email = f"bench-{first.lower()}@example.com"
        peer = ensure_account(email=email, password=None, name=(first, last))
        build_focus(owner=peer, data={**PEER_FOCUS, "full_name": name})
        peers.append(peer)
    return peers


def _councils(user, members, now: dt.datetime) -> list[Council]:
    """The demo's council, plus a second one all the peers joined ten days ago."""
    first = Council.objects.filter(owner=user).order_by("pk").first()
    second = create_council(
        owner=user, name="Tuesday leadership circle", purpose="Six leaders between roles."
    )
    admit(council=second, people=members, base_url=DEFAULT_BASE_URL)
    joined = now - dt.timedelta(days=10)
    date_joining(council=second, user=user, joined_at=joined)
    for member in members:
        date_joining(council=second, user=member, invited_at=joined, joined_at=joined)
    return [first, second]


def _share(user, councils: list[Council], missions: list[Mission], now) -> list[Share]:
    """Share every mission with one council, the demo's with both."""
    shares = []
    for index, mission in enumerate(missions):
        targets = councils if index == 0 else [councils[index % 2]]
        shares += share(owner=user, item=mission, councils=targets, at=now)
    return shares


def _comments(user, people: list, shares: list[Share], now: dt.datetime) -> None:
    """Comments an hour apart, each by the next of ``people`` in the share's council, until the
    demo mission's first thread holds THREAD_COMMENTS and the councils COMMENTS in all; every
    seventh thread is resolved."""
    councils = {each.council_id for each in shares}
    members = {
        council: set(Membership.objects.filter(council_id=council).values_list("user", flat=True))
        for council in councils
    }
    live = Comment.objects.filter(deleted_at=None)
    in_thread = THREAD_COMMENTS - live.filter(share=shares[0]).count()
    elsewhere = COMMENTS - live.filter(share__council__in=councils).count() - in_thread
    targets = [shares[0]] * max(0, in_thread)
    targets += list(itertools.islice(itertools.cycle(shares[1:]), max(0, elsewhere)))
    authors = itertools.cycle(people)
    roots: dict[int, Comment] = {}
    resolved = []
    for n, on in enumerate(targets):
        about = _about(n, on, roots)
        posted = comment(
            share=on,
            author=next(person for person in authors if person.pk in members[on.council_id]),
            body=COMMENT_BODIES[n % len(COMMENT_BODIES)],
            at=now - dt.timedelta(hours=len(targets) - n),
            base_url=DEFAULT_BASE_URL,
            **about,
        )
        if "parent" not in about:
            roots[on.pk] = posted
            resolved += [posted] if n % 7 == 0 else []
    # Resolved once all are posted: a reply reopens its thread.
    for root in resolved:
        resolve_comment(comment=root, by=user)
    date_activity(shares)


def _about(n: int, on: Share, roots: dict[int, Comment]) -> dict:
    """The ``n``th comment is a reply (one in three), or about a key result (one in four)."""
    if n % 3 == 2 and on.pk in roots:
        return {"parent": roots[on.pk]}
    if n % 4 == 1:
        key_results = list(
            KeyResult.objects.filter(objective__mission=on.mission_id).order_by("pk")
        )
        return {"key_result": key_results[n % len(key_results)]}
    return {}
