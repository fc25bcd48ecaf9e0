"""Where the user's negotiations stand, for the dashboard (composed into it by the tags in
negotiation/templatetags/plans.py): each offer-stage opportunity's progress, and the open red
flags of the active pipeline."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery

from negotiation.models import LIVE_CHANNELS, MoneyAskOutcome, Offer, RedFlag
from opportunities.models import ACTIVE_STAGES, Opportunity, Stage


@dataclass(frozen=True)
class NegotiationStanding:
    """Where the negotiation of one opportunity in the offer stage stands."""

    opportunity: Opportunity
    success_live: bool
    money_drafted: bool
    money_asked: bool
    deadline: dt.date | None
    open_flags: int


def negotiation_standings(user) -> list[NegotiationStanding]:
    """For each of ``user``'s opportunities in the offer stage: success conversation held live?
    money asked? the current offer's deadline? In one query, soonest deadline first.

    Counted over joins rather than with correlated EXISTS subqueries: the same answers, and
    a quarter cheaper to build and compile (the ORM's share dominates this query). The money
    ask is one-to-one with the plan, so its columns are read as they are, not counted; and the
    rows are tuples, not model instances."""
    live_success = Q(
        plan__conversations__about_success=True, plan__conversations__channel__in=LIVE_CHANNELS
    )
    rows = (
        Opportunity.objects.owned_by(user)
        .filter(stage=Stage.OFFER)
        .order_by()
        .values_list("pk", "role", "company", "plan__money_ask__script", "plan__money_ask__outcome")
        .annotate(
            success_live=Count("plan__conversations", filter=live_success, distinct=True),
            deadline=Subquery(
                Offer.objects.filter(opportunity=OuterRef("pk"))
                .order_by("-received_on", "-pk")
                .values("deadline")[:1]
            ),
            open_flags=Count(
                "plan__red_flags", filter=Q(plan__red_flags__resolved_at=None), distinct=True
            ),
        )
    )
    standings = [
        NegotiationStanding(
            Opportunity(pk=pk, role=role, company=company, stage=Stage.OFFER),
            success_live=bool(success_live),
            money_drafted=bool(script),
            money_asked=outcome is not None and outcome != MoneyAskOutcome.NOT_YET,
            deadline=deadline,
            open_flags=open_flags,
        )
        for pk, role, company, script, outcome, success_live, deadline, open_flags in rows
    ]
    return sorted(standings, key=lambda s: (s.deadline is None, s.deadline, s.opportunity.pk))


def open_red_flags(user, *, limit: int) -> list[RedFlag]:
    """The user's open red flags on active opportunities, newest first."""
    return list(
        RedFlag.objects.open()
        .filter(plan__opportunity__owner=user, plan__opportunity__stage__in=ACTIVE_STAGES)
        .select_related("plan__opportunity")
        .only(
            "title",
            "raised_at",
            "plan__opportunity_id",
            "plan__opportunity__role",
            "plan__opportunity__company",
        )[:limit]
    )
