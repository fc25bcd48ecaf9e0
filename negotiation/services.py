"""Writes that touch several rows: keyword-only, atomic functions the views call."""

import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from negotiation import models

# The job mission editor.

MOVE_DIRECTIONS = ("up", "down")


def _lock_mission(mission_id: int) -> None:
    """Serialise writes to one mission so that its limits hold under concurrent requests."""
    list(models.Mission.objects.select_for_update().filter(pk=mission_id).values_list("pk"))


def _next_position(queryset) -> int:
    last = queryset.order_by("-position").values_list("position", flat=True).first()
    return 0 if last is None else last + 1


def _move(siblings, item, direction: str) -> None:
    """Swap ``item`` with its neighbour and renumber the siblings 0..n-1."""
    if direction not in MOVE_DIRECTIONS:
        raise ValueError(f"direction must be one of {MOVE_DIRECTIONS}, not {direction!r}")
    ordered = list(siblings.order_by("position", "pk"))
    index = next(i for i, sibling in enumerate(ordered) if sibling.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, sibling in enumerate(ordered):
        sibling.position = position
    siblings.model.objects.bulk_update(ordered, ["position"])


@transaction.atomic
def add_objective(*, mission: models.Mission, title: str) -> models.Objective:
    """Append an objective to a mission, within Mission.MAX_OBJECTIVES."""
    _lock_mission(mission.pk)
    objectives = mission.objectives.all()
    if objectives.count() >= mission.MAX_OBJECTIVES:
        raise ValidationError(
            f"A mission holds at most {mission.MAX_OBJECTIVES} objectives — more than that "
            "is hard to walk through in one conversation. Merge or drop one first.",
            code="too_many_objectives",
        )
    return models.Objective.objects.create(
        mission=mission, title=title, position=_next_position(objectives)
    )


@transaction.atomic
def add_key_result(
    *, objective: models.Objective, description: str, target: str, horizon: str
) -> models.KeyResult:
    """Append a key result to an objective, within Mission.MAX_KEY_RESULTS."""
    _lock_mission(objective.mission_id)
    key_results = objective.key_results.all()
    if key_results.count() >= models.Mission.MAX_KEY_RESULTS:
        raise ValidationError(
            f"An objective holds at most {models.Mission.MAX_KEY_RESULTS} key results. "
            "Three or four strong ones say more than many.",
            code="too_many_key_results",
        )
    return models.KeyResult.objects.create(
        objective=objective,
        description=description,
        target=target,
        horizon=horizon,
        position=_next_position(key_results),
    )


@transaction.atomic
def add_question(
    *,
    mission: models.Mission,
    text: str,
    objective: models.Objective | None = None,
    answer: str = "",
) -> models.Question:
    """Append a question for the hiring team, within Mission.MAX_QUESTIONS."""
    _lock_mission(mission.pk)
    if objective is not None and objective.mission_id != mission.pk:
        raise ValidationError("Choose one of this mission's objectives.", code="foreign_objective")
    questions = mission.questions.all()
    if questions.count() >= mission.MAX_QUESTIONS:
        raise ValidationError(
            f"A mission holds at most {mission.MAX_QUESTIONS} questions. "
            "Pick the ones you most want answered and drop the rest.",
            code="too_many_questions",
        )
    return models.Question.objects.create(
        mission=mission,
        text=text,
        objective=objective,
        answer=answer,
        position=_next_position(questions),
    )


@transaction.atomic
def move_objective(*, objective: models.Objective, direction: str) -> None:
    """Move an objective one place up or down within its mission."""
    _lock_mission(objective.mission_id)
    _move(models.Objective.objects.filter(mission_id=objective.mission_id), objective, direction)


@transaction.atomic
def move_key_result(*, key_result: models.KeyResult, direction: str) -> None:
    """Move a key result one place up or down within its objective."""
    _lock_mission(key_result.objective.mission_id)
    _move(
        models.KeyResult.objects.filter(objective_id=key_result.objective_id), key_result, direction
    )


@transaction.atomic
def move_question(*, question: models.Question, direction: str) -> None:
    """Move a question one place up or down within its mission."""
    _lock_mission(question.mission_id)
    _move(models.Question.objects.filter(mission_id=question.mission_id), question, direction)


# Opportunities: every stage an opportunity moves into is recorded with its time.


def _stored_stage(opportunity: models.Opportunity) -> str:
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
    stored_stage = _stored_stage(opportunity)
    for name, value in fields.items():
        setattr(opportunity, name, value)
    opportunity.save()
    if opportunity.stage != stored_stage:
        models.StageChange.objects.create(
            opportunity=opportunity, from_stage=stored_stage, to_stage=opportunity.stage
        )
    return opportunity


@transaction.atomic
def change_stage(*, opportunity: models.Opportunity, stage: str) -> bool:
    """Move an opportunity to ``stage``; return False when it already was there."""
    stored_stage = _stored_stage(opportunity)
    opportunity.stage = stage
    if stage == stored_stage:
        return False
    opportunity.save(update_fields=["stage", "updated_at"])
    models.StageChange.objects.create(
        opportunity=opportunity, from_stage=stored_stage, to_stage=stage
    )
    return True


@transaction.atomic
def save_interview(
    *, interview: models.Interview, people: Iterable[models.Person]
) -> models.Interview:
    """Save an interview together with the people it is with."""
    interview.save()
    interview.people.set(people)
    return interview


# Share links: one live read-only link per mission for the hiring manager.


@transaction.atomic
def create_share_link(*, mission: models.Mission) -> str:
    """Give the mission a new live share link, revoking the current one; return the new token."""
    _lock_mission(mission.pk)
    revoke_share_link(mission=mission)
    salt = secrets.token_urlsafe(32)
    token = models.share_token_from_salt(salt)
    models.ShareLink.objects.create(
        mission=mission, token_salt=salt, token_digest=models.digest_token(token)
    )
    return token


@transaction.atomic
def revoke_share_link(*, mission: models.Mission) -> bool:
    """Revoke the mission's live share link; return False when there was none."""
    _lock_mission(mission.pk)
    revoked = models.ShareLink.objects.live().filter(mission=mission)
    return revoked.update(revoked_at=timezone.now()) > 0


def record_share_view(*, link: models.ShareLink) -> None:
    """Count one opening of a share link; F() keeps concurrent openings from losing a count."""
    models.ShareLink.objects.filter(pk=link.pk).update(
        open_count=F("open_count") + 1, last_opened_at=timezone.now()
    )
