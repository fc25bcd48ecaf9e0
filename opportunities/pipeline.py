"""Reads about a user's pipeline as a whole: counts per stage and how much of it is on focus."""

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from inplace.links import link_to
from opportunities.models import (
    ACTIVE_STAGES,
    Channel,
    Fit,
    Interview,
    InterviewKind,
    Opportunity,
    Stage,
    step_overdue,
)
from opportunities.templatetags.badges import fit_badge_html, stage_badge_html

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


# The queries of the pipeline and the dashboard are built once, here, and each request adds only
# whose opportunities it reads (to a copy: these are never evaluated themselves). Building a
# query costs the ORM more than compiling it, and far more than SQLite takes to run it.
_PER_STAGE = Opportunity.objects.order_by().values_list("stage").annotate(n=Count("pk"))
_IN_ORDER = Opportunity.objects.order_by(*OPPORTUNITY_ORDER)


def stage_counts(user) -> dict[str, int]:
    """Opportunities per stage, plus the ``active`` and ``all`` totals, in one query."""
    counts = dict.fromkeys(Stage.values, 0) | dict(_PER_STAGE.owned_by(user))
    counts[ACTIVE] = sum(counts[stage] for stage in ACTIVE_STAGES)
    counts[ALL] = sum(counts[stage] for stage in Stage.values)
    return counts


# The columns the pipeline's table shows, in the order of its rows' tuples.
_ROW_FIELDS = ("pk", "role", "company", "location", "stage", "fit", "next_step", "next_step_due")
_PIPELINE_ROWS = _IN_ORDER.values_list(*_ROW_FIELDS)


def pipeline_of(user, selected: str) -> QuerySet:
    """The rows of ``user``'s pipeline in one stage, or ``ACTIVE`` or ``ALL`` of it, as tuples of
    the columns the table shows (for ``pipeline_rows``), in the pipeline's order."""
    opportunities = _PIPELINE_ROWS.owned_by(user)
    if selected == ACTIVE:
        return opportunities.active()
    return opportunities if selected == ALL else opportunities.filter(stage=selected)


def pipeline_rows(rows: Iterable[tuple]) -> list[dict]:
    """The table's rows from ``pipeline_of``: each with its link, its badges and whether its next
    step is overdue worked out once, here; tags and reverses in every row were most of the page.
    (Dicts: the template engine reads a key at its first try.)"""
    detail_url = link_to("opportunity_detail")
    today = timezone.localdate()
    return [
        {
            "url": detail_url(pk),
            "role": role,
            "company": company,
            "location": location,
            "stage_badge": stage_badge_html(stage),
            "fit_badge": fit_badge_html(fit),
            "next_step": next_step,
            "next_step_due": due,
            "overdue": step_overdue(due, today),
        }
        for pk, role, company, location, stage, fit, next_step, due in rows
    ]


@dataclass(frozen=True, slots=True)
class ShownOpportunity:
    """An active opportunity as the dashboard shows it, its link and fit badge worked out once."""

    pk: int
    role: str
    company: str
    next_step: str
    next_step_due: dt.date | None
    url: str
    fit_badge: str
    overdue: bool


@dataclass(frozen=True)
class StageColumn:
    """One active stage on the dashboard: its first few opportunities and how many there are."""

    stage: Stage
    shown: list[ShownOpportunity]
    count: int


@dataclass(frozen=True)
class ActiveOverview:
    """The dashboard's reads of the active pipeline: counts per (stage, fit), each active stage's
    first few opportunities, and the next steps due."""

    counts: dict[tuple[str, str], int]
    columns: list[StageColumn]
    due_steps: list[ShownOpportunity]


# The columns the dashboard shows of an active opportunity, in the order of the query's rows.
_OVERVIEW_FIELDS = ("pk", "stage", "fit", "role", "company", "next_step", "next_step_due")
_OVERVIEW_ROWS = _IN_ORDER.values_list(*_OVERVIEW_FIELDS)
_PKS_IN_ORDER = _IN_ORDER.values("pk")
_ACTIVE_PER_STAGE_AND_FIT = (
    Opportunity.objects.active().order_by().values_list("stage", "fit").annotate(n=Count("pk"))
)


def active_overview(user, *, shown: int, within: dt.timedelta) -> ActiveOverview:
    """Counts per (stage, fit) of ``user``'s active pipeline, grouped in SQL, and only the rows
    the dashboard shows: each active stage's first ``shown`` and the next steps due ``within``.

    Two queries whatever the size of the pipeline: the counts, then the rows, where a stage of
    at most ``shown`` is asked for whole and a longer one for its first ``shown`` (a subquery
    with a LIMIT, as cheap for SQLite as any, and only where needed: each costs the ORM more
    to build than SQLite takes to run it)."""
    grouped = _ACTIVE_PER_STAGE_AND_FIT.owned_by(user)
    counts = {(stage, fit): n for stage, fit, n in grouped}
    per_stage = Counter()
    for (stage, _), n in counts.items():
        per_stage[stage] += n
    by_stage: dict[str, list[ShownOpportunity]] = {stage: [] for stage in ACTIVE_STAGES}
    due = []
    horizon = timezone.localdate() + within
    shown_of = _shown_opportunity()
    for row in _shown_rows(user, per_stage, shown=shown, horizon=horizon) if counts else ():
        _, stage, _, _, _, next_step, next_step_due = row
        column = by_stage[stage]  # the rows are in the pipeline's order: the first come first
        is_due = bool(next_step) and next_step_due is not None and next_step_due <= horizon
        if len(column) < shown or is_due:
            opportunity = shown_of(row)
            if len(column) < shown:
                column.append(opportunity)
            if is_due:
                due.append(opportunity)
    columns = [
        StageColumn(Stage(stage), by_stage[stage], per_stage[stage]) for stage in ACTIVE_STAGES
    ]
    due.sort(key=lambda o: o.next_step_due)  # stable: ties keep the pipeline's order
    return ActiveOverview(counts, columns, due)


def _shown_rows(user, per_stage: Counter, *, shown: int, horizon: dt.date) -> QuerySet:
    """Rows of the active opportunities on the dashboard, in the pipeline's order: every one of
    a stage of at most ``shown``; of a longer stage its first ``shown`` and those whose next step
    is due by ``horizon``."""
    whole = [stage for stage in ACTIVE_STAGES if per_stage[stage] <= shown]
    longer = [stage for stage in ACTIVE_STAGES if per_stage[stage] > shown]
    wanted = Q(stage__in=whole)
    if longer:
        wanted |= Q(stage__in=longer, next_step_due__lte=horizon) & ~Q(next_step="")
    for stage in longer:
        wanted |= Q(pk__in=_PKS_IN_ORDER.owned_by(user).filter(stage=stage)[:shown])
    return _OVERVIEW_ROWS.owned_by(user).filter(wanted)


def _shown_opportunity():
    """A function making a ShownOpportunity of a row of ``_shown_rows``."""
    detail_url = link_to("opportunity_detail")
    today = timezone.localdate()

    def shown(row: tuple) -> ShownOpportunity:
        pk, _, fit, role, company, next_step, due = row
        return ShownOpportunity(
            pk=pk,
            role=role,
            company=company,
            next_step=next_step,
            next_step_due=due,
            url=detail_url(pk),
            fit_badge=fit_badge_html(fit),
            overdue=step_overdue(due, today),
        )

    return shown


@dataclass(frozen=True, slots=True)
class UpcomingInterview:
    """An interview on the dashboard: when, what, for which opportunity, and with whom."""

    scheduled_at: dt.datetime
    kind: str  # the label: "Hiring manager"
    channel: str
    role: str
    company: str
    url: str  # the opportunity's page
    people: list[str]  # their names, in the order of Person.Meta.ordering


INTERVIEW_KINDS = dict(InterviewKind.choices)
CHANNELS = dict(Channel.choices)
_ACTIVE_INTERVIEW_PKS = Interview.objects.filter(opportunity__stage__in=ACTIVE_STAGES).values("pk")
# A row per person (or one with no one), the people in Person.Meta.ordering.
_INTERVIEWS_WITH_PEOPLE = Interview.objects.order_by(
    "scheduled_at", "pk", "people__name", "people__pk"
).values_list(
    "pk",
    "scheduled_at",
    "kind",
    "channel",
    "opportunity_id",
    "opportunity__role",
    "opportunity__company",
    "people__name",
)


def upcoming_interviews(user, *, limit: int) -> list[UpcomingInterview]:
    """The next ``limit`` interviews of ``user``'s active opportunities, soonest first, with
    the names of the people in each: one query (a row per person) pivoted here, rather than the
    interviews and then their people."""
    upcoming = _ACTIVE_INTERVIEW_PKS.filter(opportunity__owner=user).upcoming()
    rows = _INTERVIEWS_WITH_PEOPLE.filter(pk__in=upcoming.order_by("scheduled_at", "pk")[:limit])
    detail_url = link_to("opportunity_detail")
    interviews: dict[int, UpcomingInterview] = {}
    for pk, scheduled_at, kind, channel, opportunity, role, company, person in rows:
        if pk not in interviews:
            interviews[pk] = UpcomingInterview(
                scheduled_at,
                INTERVIEW_KINDS.get(kind, kind),
                CHANNELS.get(channel, channel),
                role,
                company,
                detail_url(opportunity),
                [],
            )
        if person is not None:
            interviews[pk].people.append(person)
    return list(interviews.values())


# Negotiations: where each opportunity in the offer stage stands, and the open red flags.
