"""Who may see and change what of a job mission. Every view loads objects through here.

The owner may do everything; a member of a council the mission is shared with reads it and
comments (403 when asking to change it); anyone else gets a 404. The hiring manager reads it
through a live share link only. Checks only read (see opportunities/permissions.py).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from config.tokens import digest_token
from missions.models import KeyResult, Mission, Objective, Question, ShareLink
from opportunities.models import Opportunity
from opportunities.permissions import MEMBER, OWNER, Rights, refuse_change, shared_with


def get_mission_for(user, opportunity_pk: int, *, edit: bool = True) -> tuple[Mission, Rights]:
    """The mission of the user's own opportunity with the owner's rights — unsaved while it
    has never been written (``missions.services.ensure_mission`` saves it) — or, with
    ``edit=False``, one shared with a council they belong to, as a member; 403 for such a
    member asking to change it, else 404."""
    opportunity = Opportunity.objects.owned_by(user).filter(pk=opportunity_pk).first()
    if opportunity is not None:
        mission = Mission.objects.filter(opportunity=opportunity).first()
        mission = mission or Mission(opportunity=opportunity)
        mission.opportunity = opportunity
        return mission, OWNER
    shared = Mission.objects.filter(shared_with(user), opportunity_id=opportunity_pk)
    mission = shared.select_related("opportunity__owner").first()
    if mission is None:
        raise Http404
    if edit:
        raise PermissionDenied
    return mission, MEMBER


def get_objective_for(user, opportunity_pk: int, pk: int) -> Objective:
    """Return an objective of the user's own mission; 403 for a council member, else 404."""
    objectives = Objective.objects.select_related("mission").filter(
        pk=pk, mission__opportunity_id=opportunity_pk
    )
    objective = objectives.filter(mission__opportunity__owner_id=user.pk).first()
    return objective or refuse_change(user, objectives, "mission__")


def get_key_result_for(user, opportunity_pk: int, pk: int) -> KeyResult:
    """Return a key result of the user's own mission; 403 for a council member, else 404."""
    key_results = KeyResult.objects.select_related("objective__mission").filter(
        pk=pk, objective__mission__opportunity_id=opportunity_pk
    )
    key_result = key_results.filter(objective__mission__opportunity__owner_id=user.pk).first()
    return key_result or refuse_change(user, key_results, "objective__mission__")


def get_question_for(user, opportunity_pk: int, pk: int) -> Question:
    """Return a question of the user's own mission; 403 for a council member, else 404."""
    questions = Question.objects.select_related("mission").filter(
        pk=pk, mission__opportunity_id=opportunity_pk
    )
    question = questions.filter(mission__opportunity__owner_id=user.pk).first()
    return question or refuse_change(user, questions, "mission__")


def get_live_share_link(token: str) -> ShareLink:
    """Return the live share link for a token; unknown, malformed and revoked all give 404."""
    if not token or len(token) > 100:
        raise Http404
    return get_object_or_404(
        ShareLink.objects.live().select_related("mission__opportunity__owner"),
        token_digest=digest_token(token),
    )
