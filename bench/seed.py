"""Scale the demo account up to benchmark size (issue 5): 200 opportunities, 20 missions and
2 councils with 200 comments between them, on top of what ``manage.py demo`` builds."""

import datetime as dt
import itertools

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from councils.models import Comment, Council, Membership, Share
from missions.models import Horizon, KeyResult, Mission, Objective, Question
from negotiation.models import NegotiationPlan
from opportunities.models import Fit, Focus, Opportunity, Stage

MISSIONS = 20
COMMENTS = 200
# The second council's members besides the demo owner and the demo council member.
PEERS = ("Noor Haddad", "Felix Brandt", "Keiko Sato", "Owen Mbeki")
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


@transaction.atomic
def scale_up(user, opportunities: int) -> dict[str, int]:
    """Grow the demo account to benchmark size; return the ids of the pages to measure."""
    now = timezone.now()
    _opportunities(user, opportunities)
    pdf_mission = _pdf_mission(user)
    missions = _missions(user, MISSIONS)
    members = _peers(user)
    councils = _councils(user, members, now)
    _comments(user, members, councils, missions, now)
    kestrel = Mission.objects.filter(opportunity__owner=user).order_by("pk").first()
    plan = (
        NegotiationPlan.objects.filter(opportunity__owner=user, opportunity__offers__isnull=False)
        .order_by("pk")
        .first()
    )
    editor_comments = Comment.objects.filter(share__mission=kestrel, deleted_at=None).count()
    return {
        "editor_comments": editor_comments,
        "mission_opportunity": kestrel.opportunity_id,
        "plan_opportunity": plan.opportunity_id,
        "council": councils[0].pk,
        "pdf_mission": pdf_mission.pk,
    }


def _opportunities(user, total: int) -> None:
    stages = list(Stage.values)
    fits = list(Fit.values)
    existing = Opportunity.objects.filter(owner=user).count()
    Opportunity.objects.bulk_create(
        Opportunity(
            owner=user,
            company=f"Scale Co {n}",
            role="Senior Product Manager",
            stage=stages[n % len(stages)],
            fit=fits[n % len(fits)],
            next_step="Follow up with the recruiter",
        )
        for n in range(max(0, total - existing))
    )


def _okrs(mission: Mission, *, objectives: int, key_results: int, questions: int) -> None:
    horizons = list(Horizon.values)
    for o in range(objectives):
        objective = Objective.objects.create(
            mission=mission, title=f"Objective {o + 1}: make onboarding effortless", position=o
        )
        KeyResult.objects.bulk_create(
            KeyResult(
                objective=objective,
                description=f"Key result {k + 1}: time to first deploy",
                target="from 3 days to under 1 hour",
                horizon=horizons[k % len(horizons)],
                position=k,
            )
            for k in range(key_results)
        )
    Question.objects.bulk_create(
        Question(
            mission=mission, text=f"Question {q + 1}: how is success measured today?", position=q
        )
        for q in range(questions)
    )


def _pdf_mission(user) -> Mission:
    """The PDF: 5 objectives × 4 key results and 10 questions, on an opportunity of its own."""
    opportunity = Opportunity.objects.create(
        owner=user, company="Benchmark Labs", role="Director of Product", stage=Stage.INTERVIEWING
    )
    mission = Mission.objects.create(
        opportunity=opportunity,
        purpose="Turn the developer platform into the reason customers stay. " * 4,
        responsibilities="Own the platform roadmap, its three product managers and its budget. "
        * 4,
    )
    _okrs(mission, objectives=5, key_results=4, questions=10)
    return mission


def _missions(user, total: int) -> list[Mission]:
    """Missions (3 objectives × 3 key results, 4 questions) until the user has ``total``."""
    without = Opportunity.objects.filter(owner=user, mission__isnull=True).order_by("pk")
    missing = max(0, total - Mission.objects.filter(opportunity__owner=user).count())
    for opportunity in without[:missing]:
        mission = Mission.objects.create(
            opportunity=opportunity,
            purpose="Make the product the one its customers recommend. " * 2,
            responsibilities="The roadmap, two product managers and the discovery budget.",
        )
        _okrs(mission, objectives=3, key_results=3, questions=4)
    return list(Mission.objects.filter(opportunity__owner=user).order_by("pk"))


def _peers(user) -> list:
    """The demo council's member and four more peers, each with a focus (their shown name)."""
    User = get_user_model()
    member = (
        Membership.objects.filter(council__owner=user)
        .exclude(user=user)
        .select_related("user")
        .first()
        .user
    )
    peers = [member]
    for name in PEERS:
        email = f"bench-{name.split()[0].lower()}@example.com"
        peer, _ = User.objects.get_or_create(username=f"bench-{email}", defaults={"email": email})
        EmailAddress.objects.get_or_create(user=peer, email=email, verified=True, primary=True)
        Focus.objects.get_or_create(owner=peer, defaults={"full_name": name})
        peers.append(peer)
    return peers


def _councils(user, members, now) -> list[Council]:
    """The demo's council, plus a second one with all the peers in it."""
    first = Council.objects.filter(owner=user).order_by("pk").first()
    second = Council.objects.create(
        owner=user, name="Tuesday leadership circle", purpose="Six leaders between roles."
    )
    Membership.objects.bulk_create(
        Membership(council=second, user=person, joined_at=now - dt.timedelta(days=10))
        for person in [user, *members]
    )
    return [first, second]


def _comments(user, members, councils, missions, now) -> None:
    """Share every mission with one council (the demo's with both); 200 comments in all."""
    shares = []
    for index, mission in enumerate(missions):
        targets = councils if index == 0 else [councils[index % 2]]
        for council in targets:
            share, _ = Share.objects.get_or_create(
                council=council, mission=mission, defaults={"shared_by": user}
            )
            shares.append(share)
    anchors = {
        mission.pk: list(KeyResult.objects.filter(objective__mission=mission).order_by("pk"))
        for mission in missions
    }
    missing = COMMENTS - Comment.objects.filter(share__council__in=councils).count()
    # The demo mission (the editor measured) gets about a quarter: ~50 in its two threads.
    weights = [shares[0]] * 4 + [shares[1]] * 3 + shares[2:]
    authors = itertools.cycle([*members, user])
    roots: dict[int, Comment] = {}
    for n, share in zip(range(missing), itertools.cycle(weights), strict=False):
        author = next(authors)
        key_results = anchors[share.mission_id]
        parent = roots.get(share.pk) if n % 3 == 2 else None
        comment = Comment.objects.create(
            share=share,
            author=author,
            parent=parent,
            key_result=key_results[n % len(key_results)] if n % 4 == 1 and not parent else None,
            body=COMMENT_BODIES[n % len(COMMENT_BODIES)],
            created_at=now - dt.timedelta(hours=missing - n),
            resolved_at=now if n % 7 == 0 and not parent else None,
            resolved_by=user if n % 7 == 0 and not parent else None,
        )
        if parent is None:
            roots[share.pk] = comment
        Share.objects.filter(pk=share.pk).update(last_activity_at=comment.created_at)
