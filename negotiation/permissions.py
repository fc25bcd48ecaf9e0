"""Who may see and change what in the negotiation app. Every view loads objects through here.

An object the user may not see is a 404, never a hint that it exists. Work the owner shared with
a council is readable by its members (``edit=False``); asked to change it, they get a 403.
"Shared with a council I belong to" is an ORM lookup through the ``council_shares`` related
name, so this app never imports councils.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from negotiation import services
from negotiation.models import (
    Conversation,
    Interview,
    KeyResult,
    Mission,
    NegotiationPlan,
    Objective,
    Offer,
    Opportunity,
    Person,
    Question,
    RedFlag,
    ShareLink,
    SuccessAsk,
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


def shared_with(user, path: str = "") -> Q:
    """Rows shared with a council ``user`` belongs to; ``path`` leads to the shared model."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    return Q(**{f"{path}council_shares__council__memberships__user_id": user.pk})


def _refuse_change(user, candidates: QuerySet, path: str):
    """Not the user's to change: 403 when a council of theirs can read it, else 404."""
    if candidates.filter(shared_with(user, path)).exists():
        raise PermissionDenied
    raise Http404


def get_mission_for(user, opportunity_pk: int, *, edit: bool = True) -> Mission:
    """Return the user's own mission (created empty on first visit), or with ``edit=False`` one
    shared with a council they belong to; 403 for such a member asking to change it, else 404."""
    opportunity = Opportunity.objects.owned_by(user).filter(pk=opportunity_pk).first()
    if opportunity is not None:
        mission, _ = Mission.objects.get_or_create(opportunity=opportunity)
        mission.opportunity = opportunity
        return mission
    shared = Mission.objects.filter(shared_with(user), opportunity_id=opportunity_pk)
    mission = shared.select_related("opportunity__owner").first()
    if mission is None:
        raise Http404
    if edit:
        raise PermissionDenied
    return mission


def get_objective_for(user, opportunity_pk: int, pk: int) -> Objective:
    """Return an objective of the user's own mission; 403 for a council member, else 404."""
    objectives = Objective.objects.select_related("mission").filter(
        pk=pk, mission__opportunity_id=opportunity_pk
    )
    objective = objectives.filter(mission__opportunity__owner_id=user.pk).first()
    return objective or _refuse_change(user, objectives, "mission__")


def get_key_result_for(user, opportunity_pk: int, pk: int) -> KeyResult:
    """Return a key result of the user's own mission; 403 for a council member, else 404."""
    key_results = KeyResult.objects.select_related("objective__mission").filter(
        pk=pk, objective__mission__opportunity_id=opportunity_pk
    )
    key_result = key_results.filter(objective__mission__opportunity__owner_id=user.pk).first()
    return key_result or _refuse_change(user, key_results, "objective__mission__")


def get_question_for(user, opportunity_pk: int, pk: int) -> Question:
    """Return a question of the user's own mission; 403 for a council member, else 404."""
    questions = Question.objects.select_related("mission").filter(
        pk=pk, mission__opportunity_id=opportunity_pk
    )
    question = questions.filter(mission__opportunity__owner_id=user.pk).first()
    return question or _refuse_change(user, questions, "mission__")


def get_live_share_link(token: str) -> ShareLink:
    """Return the live share link for a token; unknown, malformed and revoked all give 404."""
    if not token or len(token) > 100:
        raise Http404
    return get_object_or_404(
        ShareLink.objects.live().select_related("mission__opportunity__owner"),
        token_digest=digest_token(token),
    )


def get_offer_for(user, opportunity_pk: int, pk: int) -> Offer:
    """Return an offer of the user's own opportunity; 403 for a member of a council its plan
    is shared with (they read the offer there), else 404."""
    offers = Offer.objects.select_related("opportunity").filter(
        pk=pk, opportunity_id=opportunity_pk
    )
    offer = offers.filter(opportunity__owner_id=user.pk).first()
    return offer or _refuse_change(user, offers, "opportunity__plan__")


def get_plan_for(user, opportunity_pk: int, *, edit: bool = True) -> NegotiationPlan:
    """Return the plan of the user's own opportunity (created on first visit), or with
    ``edit=False`` one shared with a council they belong to; 403 for such a member asking to
    change it, else 404."""
    plan = (
        NegotiationPlan.objects.select_related("opportunity")
        .filter(opportunity_id=opportunity_pk, opportunity__owner_id=user.pk)
        .first()
    )
    if plan is None:
        shared = NegotiationPlan.objects.filter(shared_with(user), opportunity_id=opportunity_pk)
        if (plan := shared.select_related("opportunity__owner").first()) is not None:
            if edit:
                raise PermissionDenied
            return plan
        plan = services.get_or_create_plan(opportunity=get_opportunity_for(user, opportunity_pk))
    return plan


def get_success_ask_for(user, opportunity_pk: int, pk: int) -> SuccessAsk:
    """Return a success ask of the user's own plan; 403 for a council member, else 404."""
    asks = SuccessAsk.objects.select_related("plan__opportunity", "objective").filter(
        pk=pk, plan__opportunity_id=opportunity_pk
    )
    ask = asks.filter(plan__opportunity__owner_id=user.pk).first()
    return ask or _refuse_change(user, asks, "plan__")


def get_red_flag_for(user, opportunity_pk: int, pk: int) -> RedFlag:
    """Return a red flag of the user's own plan; 403 for a council member, else 404."""
    flags = RedFlag.objects.select_related("plan__opportunity").filter(
        pk=pk, plan__opportunity_id=opportunity_pk
    )
    flag = flags.filter(plan__opportunity__owner_id=user.pk).first()
    return flag or _refuse_change(user, flags, "plan__")


def get_conversation_for(user, opportunity_pk: int, pk: int) -> Conversation:
    """Return a conversation of the user's own plan; 403 for a council member, else 404."""
    conversations = Conversation.objects.select_related("plan__opportunity").filter(
        pk=pk, plan__opportunity_id=opportunity_pk
    )
    conversation = conversations.filter(plan__opportunity__owner_id=user.pk).first()
    return conversation or _refuse_change(user, conversations, "plan__")
