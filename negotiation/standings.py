"""Where the user's negotiations stand, for the dashboard (composed into it by the tags in
negotiation/templatetags/plans.py): each offer-stage opportunity's progress, and the open red
flags of the active pipeline."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q, Subquery, Window

from inplace.links import link_to
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
    url: str  # the plan's page


# Each offer-stage opportunity with how its negotiation stands, soonest deadline first. Built
# once, here: building it cost the ORM twice what compiling and running it do, and each request
# only adds whose opportunities (a filtered copy; this one is never evaluated).
#
# Counted over joins rather than with correlated EXISTS subqueries: the same answers, and a
# quarter cheaper to compile. The money ask is one-to-one with the plan, so its columns are read
# as they are, not counted; ``total`` counts all the rows, before the slice.
_STANDINGS = (
    Opportunity.objects.filter(stage=Stage.OFFER)
    .values_list("pk", "role", "company", "plan__money_ask__script", "plan__money_ask__outcome")
    .annotate(
        success_live=Count(
            "plan__conversations",
            filter=Q(
                plan__conversations__about_success=True,
                plan__conversations__channel__in=LIVE_CHANNELS,
            ),
            distinct=True,
        ),
        deadline=Subquery(
            Offer.objects.filter(opportunity=OuterRef("pk"))
            .order_by("-received_on", "-pk")
            .values("deadline")[:1]
        ),
        open_flags=Count(
            "plan__red_flags", filter=Q(plan__red_flags__resolved_at=None), distinct=True
        ),
        total=Window(Count("pk")),
    )
    .order_by(F("deadline").asc(nulls_last=True), "pk")
)


def negotiation_standings(user, *, limit: int) -> tuple[list[NegotiationStanding], int]:
    """The first ``limit`` of ``user``'s opportunities in the offer stage, soonest deadline
    first, with how their negotiation stands (success conversation held live? money asked?
    the current offer's deadline?), and how many there are in all: in one query, of which only
    the rows shown come back, as tuples."""
    rows = list(_STANDINGS.owned_by(user)[:limit])  # each row ends with the total
    plan_url = link_to("plan_detail")
    standings = [
        NegotiationStanding(
            Opportunity(pk=pk, role=role, company=company, stage=Stage.OFFER),
            success_live=bool(success_live),
            money_drafted=bool(script),
            money_asked=outcome is not None and outcome != MoneyAskOutcome.NOT_YET,
            deadline=deadline,
            open_flags=open_flags,
            url=plan_url(pk),
        )
        for pk, role, company, script, outcome, success_live, deadline, open_flags, _ in rows
    ]
    return standings, rows[0][-1] if rows else 0


@dataclass(frozen=True, slots=True)
class OpenRedFlag:
    """An open red flag as the dashboard lists it."""

    pk: int
    title: str
    raised_at: dt.datetime
    role: str
    company: str
    url: str  # where it stands on its plan's page


# Open red flags on active opportunities, newest first; built once, like _STANDINGS.
_OPEN_RED_FLAGS = (
    RedFlag.objects.open()
    .filter(plan__opportunity__stage__in=ACTIVE_STAGES)
    .order_by("-raised_at", "-pk")
    .values_list(
        "pk",
        "title",
        "raised_at",
        "plan__opportunity_id",
        "plan__opportunity__role",
        "plan__opportunity__company",
    )
)


def open_red_flags(user, *, limit: int) -> list[OpenRedFlag]:
    """The user's open red flags on active opportunities, newest first."""
    rows = _OPEN_RED_FLAGS.filter(plan__opportunity__owner=user)[:limit]
    plan_url = link_to("plan_detail")
    return [
        OpenRedFlag(pk, title, raised_at, role, company, f"{plan_url(opportunity)}#red-flag-{pk}")
        for pk, title, raised_at, opportunity, role, company in rows
    ]
