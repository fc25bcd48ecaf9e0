"""Reads about a user's pipeline as a whole: counts per stage and how much of it is on focus."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone

from negotiation.models import (
    ACTIVE_STAGES,
    Conversation,
    Fit,
    MoneyAsk,
    Offer,
    Opportunity,
    RedFlag,
    Stage,
)

ACTIVE = "active"
ALL = "all"
FOCUSED_PERCENT = 70
MIXED_PERCENT = 40


@dataclass(frozen=True)
class FitShare:
    """How the active pipeline splits by fit; ``strong`` is the anti-spray-and-pray number."""

    strong: int = 0
    partial: int = 0
    off: int = 0

    @classmethod
    def of(cls, opportunities: Iterable[Opportunity]) -> "FitShare":
        fits = [o.fit for o in opportunities]
        return cls(fits.count(Fit.STRONG), fits.count(Fit.PARTIAL), fits.count(Fit.OFF))

    @property
    def total(self) -> int:
        return self.strong + self.partial + self.off

    @property
    def strong_percent(self) -> int:
        return round(100 * self.strong / self.total) if self.total else 0

    @property
    def verdict(self) -> str:
        """ "focused" when at least 70 % are strong fits, "mixed" from 40 %, else "scattered"."""
        if self.strong_percent >= FOCUSED_PERCENT:
            return "focused"
        return "mixed" if self.strong_percent >= MIXED_PERCENT else "scattered"

    @property
    def segments(self) -> list[tuple[str, int, int]]:
        """(fit, start, width) in percent for each non-empty part of a 100-wide bar."""
        segments, start = [], 0
        for fit, count in ((Fit.STRONG, self.strong), (Fit.PARTIAL, self.partial)):
            width = round(100 * count / self.total) if self.total else 0
            if width:
                segments.append((fit.value, start, width))
            start += width
        if self.off:
            segments.append((Fit.OFF.value, start, 100 - start))
        return segments


def stage_counts(user) -> dict[str, int]:
    """Opportunities per stage, plus the ``active`` and ``all`` totals, in one query."""
    rows = (
        Opportunity.objects.owned_by(user).order_by().values_list("stage").annotate(n=Count("pk"))
    )
    counts = dict.fromkeys(Stage.values, 0) | dict(rows)
    counts[ACTIVE] = sum(counts[stage] for stage in ACTIVE_STAGES)
    counts[ALL] = sum(counts[stage] for stage in Stage.values)
    return counts


@dataclass(frozen=True)
class StageColumn:
    """One active stage on the dashboard: its first few opportunities and how many there are."""

    stage: Stage
    shown: list[Opportunity]
    count: int


def stage_columns(active: list[Opportunity], shown: int) -> list[StageColumn]:
    """The active opportunities grouped by stage, in pipeline order, ``shown`` per stage."""
    columns = []
    for stage in ACTIVE_STAGES:
        items = [o for o in active if o.stage == stage]
        columns.append(StageColumn(Stage(stage), items[:shown], len(items)))
    return columns


def steps_due(opportunities: Iterable[Opportunity], within: dt.timedelta) -> list[Opportunity]:
    """Opportunities whose next step is overdue or due within ``within``, soonest first."""
    horizon = timezone.localdate() + within
    due = [o for o in opportunities if o.next_step and o.next_step_due]
    return sorted((o for o in due if o.next_step_due <= horizon), key=lambda o: o.next_step_due)


# Negotiations: where each opportunity in the offer stage stands, and the open red flags.


@dataclass(frozen=True)
class NegotiationStanding:
    """Where the negotiation of one opportunity in the offer stage stands."""

    opportunity: Opportunity
    success_live: bool
    money_drafted: bool
    money_asked: bool
    deadline: dt.date | None
    open_flags: int


def negotiation_standings(opportunities: Iterable[Opportunity]) -> list[NegotiationStanding]:
    """For each opportunity in the offer stage: success conversation held live? money asked?
    the current offer's deadline? In one query, soonest deadline first."""
    in_offer = {o.pk: o for o in opportunities if o.stage == Stage.OFFER}
    if not in_offer:
        return []
    this_plan = Q(plan__opportunity=OuterRef("pk"))
    rows = (
        Opportunity.objects.filter(pk__in=in_offer)
        .annotate(
            success_live=Exists(Conversation.objects.about_success().live().filter(this_plan)),
            money_drafted=Exists(MoneyAsk.objects.filter(this_plan).exclude(script="")),
            money_asked=Exists(MoneyAsk.objects.asked().filter(this_plan)),
            deadline=Subquery(
                Offer.objects.filter(opportunity=OuterRef("pk"))
                .order_by("-received_on", "-pk")
                .values("deadline")[:1]
            ),
            open_flags=Count("plan__red_flags", filter=Q(plan__red_flags__resolved_at=None)),
        )
        .values_list("pk", "success_live", "money_drafted", "money_asked", "deadline", "open_flags")
    )
    standings = [NegotiationStanding(in_offer[pk], *facts) for pk, *facts in rows]
    return sorted(standings, key=lambda s: (s.deadline is None, s.deadline, s.opportunity.pk))


def open_red_flags(user, *, limit: int) -> list[RedFlag]:
    """The user's open red flags on active opportunities, newest first."""
    return list(
        RedFlag.objects.open()
        .filter(plan__opportunity__owner=user, plan__opportunity__stage__in=ACTIVE_STAGES)
        .select_related("plan__opportunity")
        .defer("explanation", "plan__opportunity__posting_text", "plan__opportunity__notes")[:limit]
    )
