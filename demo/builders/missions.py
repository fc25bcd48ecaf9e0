"""A job mission as its user writes it in the editor: the summary and each key result's
reaction through the forms the editor saves, the rest through missions.services."""

import datetime as dt

from config.tokens import digest_token
from demo.builders.forms import valid
from demo.content import shapes
from inplace.versions import save_if_current
from missions.forms import KeyResultForm, MissionSummaryForm
from missions.models import KeyResult, KeyResultStatus, Mission, ShareLink, share_token_from_salt
from missions.services import (
    add_key_result,
    add_objective,
    add_question,
    create_share_link,
    ensure_mission,
    record_share_view,
)
from opportunities.models import Opportunity


def build_mission(*, opportunity: Opportunity, mission: shapes.Mission) -> Mission:
    """Write the mission for ``opportunity``: summary, objectives with key results, questions."""
    written = ensure_mission(opportunity=opportunity)
    summary = {
        "purpose": mission.purpose,
        "responsibilities": mission.responsibilities,
        "include_questions": True,
    }
    save_if_current(valid(MissionSummaryForm(summary, instance=written)))
    objectives = [_add_objective(written, objective) for objective in mission.objectives]
    for question in mission.questions:
        about = objectives[question.objective] if question.objective is not None else None
        add_question(mission=written, text=question.text, objective=about, answer=question.answer)
    return written


def _add_objective(mission: Mission, objective: shapes.Objective):
    added = add_objective(mission=mission, title=objective.title)
    for key_result in objective.key_results:
        _add_key_result(added, key_result)
    return added


def _add_key_result(objective, key_result: shapes.KeyResult) -> KeyResult:
    """Add a key result; then, as after the interview, note how the hiring manager took it."""
    added = add_key_result(
        objective=objective,
        description=key_result.description,
        target=key_result.target,
        horizon=key_result.horizon,
    )
    if key_result.status == KeyResultStatus.PROPOSED and not key_result.manager_note:
        return added
    data = {
        "description": added.description,
        "target": added.target,
        "horizon": added.horizon,
        "status": key_result.status,
        "manager_note": key_result.manager_note,
    }
    return save_if_current(valid(KeyResultForm(data, instance=added)))


def live_link_salt(owner) -> str | None:
    """The salt of the live share link of ``owner``'s missions: their token is made from it."""
    links = ShareLink.objects.live().filter(mission__opportunity__owner=owner)
    return links.values_list("token_salt", flat=True).first()


def open_share_link(
    *, mission: Mission, opens: int, last_opened_at: dt.datetime, salt: str | None
) -> str:
    """Give the mission a share link the hiring manager opened ``opens`` times; its token.

    With ``salt`` the link keeps the token a previous demo run gave out, so that a link copied
    then still works: no user can choose a token, only the demo, rebuilding, keeps its own.
    """
    token = create_share_link(mission=mission)
    link = ShareLink.objects.live().get(mission=mission)
    if salt is not None:
        token = share_token_from_salt(salt)
        ShareLink.objects.filter(pk=link.pk).update(
            token_salt=salt, token_digest=digest_token(token)
        )
    for _ in range(opens):
        record_share_view(link=link)
    # Nobody can open a link in the past: only the time of the last opening is set.
    ShareLink.objects.filter(pk=link.pk).update(last_opened_at=last_opened_at)
    return token
