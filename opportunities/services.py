"""Writes to the pipeline: keyword-only, atomic functions the views call."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F, QuerySet

from opportunities import models

# Every stage an opportunity moves into is recorded with its time.


def bump_revision(opportunity_id: int) -> None:
    """Something the opportunity's pages show has changed: move its ``revision`` on, inside
    the write's transaction, so that no region or PDF cached under the old one is served again.

    Every write to the opportunity, its people and interviews, its mission, its negotiation
    plan and the council comments about them calls this (tests/test_region_cache.py walks them).
    """
    bump_revisions(models.Opportunity.objects.filter(pk=opportunity_id))


def bump_revisions(opportunities: QuerySet) -> None:
    """``bump_revision`` for several opportunities at once (those a council's comments are on)."""
    opportunities.update(revision=F("revision") + 1)


def locked_stage(opportunity: models.Opportunity) -> str:
    """The stage as the database holds it, locked for the rest of the transaction."""
    return (
        models.Opportunity.objects.select_for_update()
        .values_list("stage", flat=True)
        .get(pk=opportunity.pk)
    )


@transaction.atomic
def create_opportunity(*, owner, **fields) -> models.Opportunity:
    """Create an opportunity and record the stage it starts in."""
    opportunity = models.Opportunity.objects.create(owner=owner, **fields)
    models.StageChange.objects.create(opportunity=opportunity, to_stage=opportunity.stage)
    return opportunity


@transaction.atomic
def update_opportunity(*, opportunity: models.Opportunity, **fields) -> models.Opportunity:
    """Save changes to an opportunity, recording a stage change if there is one."""
    stored_stage = locked_stage(opportunity)
    for name, value in fields.items():
        setattr(opportunity, name, value)
    opportunity.save()
    if opportunity.stage != stored_stage:
        models.StageChange.objects.create(
            opportunity=opportunity, from_stage=stored_stage, to_stage=opportunity.stage
        )
    bump_revision(opportunity.pk)
    return opportunity


@transaction.atomic
def change_stage(*, opportunity: models.Opportunity, stage: str) -> bool:
    """Move an opportunity to ``stage``; return False when it already was there."""
    stored_stage = locked_stage(opportunity)
    opportunity.stage = stage
    if stage == stored_stage:
        return False
    opportunity.save(update_fields=["stage", "updated_at"])
    models.StageChange.objects.create(
        opportunity=opportunity, from_stage=stored_stage, to_stage=stage
    )
    bump_revision(opportunity.pk)
    return True


@transaction.atomic
def save_interview(
    *, interview: models.Interview, people: Iterable[models.Person]
) -> models.Interview:
    """Save an interview together with the people it is with."""
    interview.save()
    interview.people.set(people)
    bump_revision(interview.opportunity_id)
    return interview


@transaction.atomic
def save_person(*, person: models.Person) -> models.Person:
    """Add or change someone at the company (the plan's conversations name them)."""
    person.save()
    bump_revision(person.opportunity_id)
    return person


@transaction.atomic
def delete_person(*, person: models.Person) -> None:
    """Remove someone from the opportunity, its interviews and its conversations."""
    person.delete()
    bump_revision(person.opportunity_id)


@transaction.atomic
def delete_interview(*, interview: models.Interview) -> None:
    interview.delete()
    bump_revision(interview.opportunity_id)
