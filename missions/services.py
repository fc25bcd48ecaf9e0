"""Writes to job missions: keyword-only, atomic functions the views call."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from config.tokens import digest_token
from inplace.ordering import move, next_position
from inplace.versions import VersionedForm, save_if_current
from missions import models
from opportunities.models import Opportunity
from opportunities.services import bump_revision


@transaction.atomic
def ensure_mission(*, opportunity: Opportunity) -> models.Mission:
    """The opportunity's mission, created empty the first time its owner opens or writes it."""
    mission, _ = models.Mission.objects.get_or_create(opportunity=opportunity)
    mission.opportunity = opportunity
    return mission


def _lock_mission(mission_id: int) -> None:
    """Serialise writes to one mission so that its limits hold under concurrent requests;
    every write to a mission starts here, so it also moves the opportunity's revision on."""
    locked = models.Mission.objects.select_for_update().filter(pk=mission_id)
    for opportunity_id in locked.values_list("opportunity_id", flat=True):
        bump_revision(opportunity_id)


MissionRow = models.Mission | models.Objective | models.KeyResult | models.Question


def _mission_id(row: MissionRow) -> int:
    if isinstance(row, models.Mission):
        return row.pk
    if isinstance(row, models.KeyResult):
        return row.objective.mission_id
    return row.mission_id


@transaction.atomic
def save_edit(*, form: VersionedForm) -> MissionRow | None:
    """Save the edit form of the mission or one of its rows if that row is still at the version
    the form was opened at (``save_if_current``); None when the form says why not."""
    saved = save_if_current(form)
    if saved is not None:
        _lock_mission(_mission_id(saved))
    return saved


@transaction.atomic
def delete_row(*, row: MissionRow) -> None:
    """Delete an objective (with its key results), a key result or a question."""
    _lock_mission(_mission_id(row))
    row.delete()


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
        mission=mission, title=title, position=next_position(objectives)
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
        position=next_position(key_results),
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
        position=next_position(questions),
    )


@transaction.atomic
def move_objective(*, objective: models.Objective, direction: str) -> None:
    """Move an objective one place up or down within its mission."""
    _lock_mission(objective.mission_id)
    move(models.Objective.objects.filter(mission_id=objective.mission_id), objective, direction)


@transaction.atomic
def move_key_result(*, key_result: models.KeyResult, direction: str) -> None:
    """Move a key result one place up or down within its objective."""
    _lock_mission(key_result.objective.mission_id)
    move(
        models.KeyResult.objects.filter(objective_id=key_result.objective_id), key_result, direction
    )


@transaction.atomic
def move_question(*, question: models.Question, direction: str) -> None:
    """Move a question one place up or down within its mission."""
    _lock_mission(question.mission_id)
    move(models.Question.objects.filter(mission_id=question.mission_id), question, direction)


# Share links: one live read-only link per mission for the hiring manager.


@transaction.atomic
def create_share_link(*, mission: models.Mission) -> str:
    """Give the mission a new live share link, revoking the current one; return the new token."""
    _lock_mission(mission.pk)
    revoke_share_link(mission=mission)
    salt = secrets.token_urlsafe(32)
    token = models.share_token_from_salt(salt)
    models.ShareLink.objects.create(
        mission=mission, token_salt=salt, token_digest=digest_token(token)
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
