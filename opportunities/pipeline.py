"""Reads about a user's pipeline as a whole: counts per stage and how much of it is on focus."""

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from opportunities.models import ACTIVE_STAGES, Fit, Opportunity, Stage

ACTIVE = "active"
ALL = "all"
# The pipeline's order (Opportunity.Meta.ordering): most recently touched first.
OPPORTUNITY_ORDER = ("-updated_at", "-pk")
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

    @classmethod
    def of_counts(cls, counts: dict[tuple[str, str], int]) -> "FitShare":
        """From ``active_overview``: how many active opportunities per (stage, fit)."""
        by_fit = Counter()
        for (_, fit), n in counts.items():
            by_fit[fit] += n
        return cls(by_fit[Fit.STRONG], by_fit[Fit.PARTIAL], by_fit[Fit.OFF])

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


@dataclass(frozen=True)
class ActiveOverview:
    """The dashboard's reads of the active pipeline: counts per (stage, fit), each active stage's
    first few opportunities, and the next steps due."""

    counts: dict[tuple[str, str], int]
    columns: list[StageColumn]
    due_steps: list[Opportunity]


# The columns the dashboard shows of an active opportunity, in the order of the query's rows.
_OVERVIEW_FIELDS = ("pk", "stage", "fit", "role", "company", "next_step", "next_step_due")


def active_overview(user, *, shown: int, within: dt.timedelta) -> ActiveOverview:
    """Counts, stage columns and due steps of ``user``'s active pipeline from ONE plain query.

    The rows are tuples of a few short columns in the pipeline's order, so a pipeline of a few
    hundred active opportunities costs well under a millisecond; three separate grouped,
    windowed and filtered queries cost several times that to build and compile. Only the rows
    shown become Opportunity instances."""
    rows = (
        Opportunity.objects.owned_by(user)
        .active()
        .order_by(*OPPORTUNITY_ORDER)
        .values_list(*_OVERVIEW_FIELDS)
    )
    horizon = timezone.localdate() + within
    counts: Counter[tuple[str, str]] = Counter()
    by_stage: dict[str, list[Opportunity]] = {stage: [] for stage in ACTIVE_STAGES}
    due = []
    for row in rows:
        _, stage, fit, _, _, next_step, next_step_due = row
        counts[stage, fit] += 1
        column = by_stage[stage]
        is_due = bool(next_step) and next_step_due is not None and next_step_due <= horizon
        if len(column) < shown or is_due:
            opportunity = Opportunity(**dict(zip(_OVERVIEW_FIELDS, row, strict=True)))
            if len(column) < shown:
                column.append(opportunity)
            if is_due:
                due.append(opportunity)
    per_stage = Counter()
    for (stage, _), n in counts.items():
        per_stage[stage] += n
    columns = [
        StageColumn(Stage(stage), by_stage[stage], per_stage[stage]) for stage in ACTIVE_STAGES
    ]
    due.sort(key=lambda o: o.next_step_due)  # stable: ties keep the pipeline's order
    return ActiveOverview(dict(counts), columns, due)


# Negotiations: where each opportunity in the offer stage stands, and the open red flags.
