"""The pipeline as its user fills it in: the focus and people through the forms their pages
save, opportunities, stage changes and interviews through opportunities.services."""

import datetime as dt

from django.utils import timezone

from demo.builders.forms import valid
from demo.content import shapes
from demo.content.pipeline import INTERVIEW_HOUR_UTC
from opportunities.forms import FocusForm, PersonForm
from opportunities.models import Focus, Interview, Opportunity, Person, StageChange
from opportunities.services import change_stage, create_opportunity, save_interview


def build_focus(*, owner, data: dict) -> Focus:
    """Save the focus form with ``data``, as the focus page does."""
    form = valid(FocusForm(data, instance=Focus.objects.filter(owner=owner).first()))
    form.instance.owner = owner
    return form.save()


def build_opportunity(*, owner, opportunity: shapes.Opportunity, now) -> Opportunity:
    """Add an opportunity with its people and interviews, and move it through its stages."""
    first, *later = opportunity.stages
    added = create_opportunity(
        owner=owner, stage=first, next_step_due=_due(opportunity), **opportunity.fields
    )
    for stage in later:
        change_stage(opportunity=added, stage=stage)
    _date_history(added, started=now - dt.timedelta(days=opportunity.started_days_ago), now=now)
    for person in opportunity.people:
        add_person(opportunity=added, data=person)
    for interview in opportunity.interviews:
        add_interview(opportunity=added, interview=interview, now=now)
    return added


def _due(opportunity: shapes.Opportunity) -> dt.date | None:
    if opportunity.next_step_in_days is None:
        return None
    return timezone.localdate() + dt.timedelta(days=opportunity.next_step_in_days)


def _date_history(opportunity: Opportunity, *, started: dt.datetime, now: dt.datetime) -> None:
    """Date the opportunity's stage changes evenly from ``started`` until ``now``.

    Nobody can add an opportunity or change its stage in the past: only these times are set.
    """
    changes = list(opportunity.stage_changes.order_by("pk"))
    step = (now - started) / len(changes)
    for index, change in enumerate(changes):
        StageChange.objects.filter(pk=change.pk).update(changed_at=started + index * step)
    Opportunity.objects.filter(pk=opportunity.pk).update(created_at=started)


def add_person(*, opportunity: Opportunity, data: dict) -> Person:
    """Save the person form with ``data``, as the opportunity page does."""
    form = valid(PersonForm(data))
    form.instance.opportunity = opportunity
    return form.save()


def add_interview(*, opportunity: Opportunity, interview: shapes.Interview, now) -> Interview:
    """Schedule an interview at the demo's hour, ``in_days`` from today, with its people."""
    slot = now.replace(hour=INTERVIEW_HOUR_UTC, minute=0, second=0, microsecond=0)
    return save_interview(
        interview=Interview(
            opportunity=opportunity,
            scheduled_at=slot + dt.timedelta(days=interview.in_days),
            kind=interview.kind,
            channel=interview.channel,
            notes=interview.notes,
        ),
        people=opportunity.people.filter(name__in=interview.people),
    )
