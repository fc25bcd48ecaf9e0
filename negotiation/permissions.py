"""Who may see and change what in the negotiation app. Every view loads objects through here.

An object the user may not see is a 404, never a hint that it exists.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from negotiation.models import (
    Interview,
    KeyResult,
    Mission,
    Objective,
    Opportunity,
    Person,
    Question,
    ShareLink,
    digest_token,
)


def get_opportunity_for(user, pk: int) -> Opportunity:
    """Return the user's own opportunity, or raise 404."""
    return get_object_or_404(Opportunity.objects.owned_by(user), pk=pk)


def get_person_for(user, opportunity_pk: int, pk: int) -> Person:
    """Return a person of the user's own opportunity, or raise 404."""
    return get_object_or_404(
        Person, pk=pk, opportunity_id=opportunity_pk, opportunity__owner_id=user.pk
    )


def get_interview_for(user, opportunity_pk: int, pk: int) -> Interview:
    """Return an interview of the user's own opportunity, or raise 404."""
    return get_object_or_404(
        Interview, pk=pk, opportunity_id=opportunity_pk, opportunity__owner_id=user.pk
    )


def get_mission_for(user, opportunity_pk: int) -> Mission:
    """Return the mission of the user's own opportunity (created empty on first visit), or 404."""
    opportunity = get_opportunity_for(user, opportunity_pk)
    mission, _ = Mission.objects.get_or_create(opportunity=opportunity)
    return mission


def get_objective_for(user, opportunity_pk: int, pk: int) -> Objective:
    """Return an objective of the user's own mission, or raise 404."""
    return get_object_or_404(
        Objective.objects.select_related("mission"),
        pk=pk,
        mission__opportunity_id=opportunity_pk,
        mission__opportunity__owner_id=user.pk,
    )


def get_key_result_for(user, opportunity_pk: int, pk: int) -> KeyResult:
    """Return a key result of the user's own mission, or raise 404."""
    return get_object_or_404(
        KeyResult.objects.select_related("objective__mission"),
        pk=pk,
        objective__mission__opportunity_id=opportunity_pk,
        objective__mission__opportunity__owner_id=user.pk,
    )


def get_question_for(user, opportunity_pk: int, pk: int) -> Question:
    """Return a question of the user's own mission, or raise 404."""
    return get_object_or_404(
        Question.objects.select_related("mission"),
        pk=pk,
        mission__opportunity_id=opportunity_pk,
        mission__opportunity__owner_id=user.pk,
    )


def get_live_share_link(token: str) -> ShareLink:
    """Return the live share link for a token; unknown, malformed and revoked all give 404."""
    if not token or len(token) > 100:
        raise Http404
    return get_object_or_404(
        ShareLink.objects.live().select_related("mission__opportunity__owner"),
        token_digest=digest_token(token),
    )
