"""A negotiation plan as its user fills it in, through negotiation.services: success asks (a
refused one raises its red flag), conversations, offer versions and a drafted money ask."""

import datetime as dt

from django.utils import timezone

from demo.content import shapes
from missions.models import Objective
from negotiation.models import Conversation, NegotiationPlan, Offer
from negotiation.services import (
    add_success_ask,
    draft_money_script,
    ensure_plan,
    record_conversation,
    record_offer,
)
from opportunities.models import Opportunity


def build_plan(*, opportunity: Opportunity, plan: shapes.Plan) -> NegotiationPlan:
    """Prepare the plan for ``opportunity``: asks, conversations, offers, then the money ask."""
    prepared = ensure_plan(opportunity=opportunity)
    objectives = list(
        Objective.objects.filter(mission__opportunity=opportunity).order_by("position")
    )
    for ask in plan.asks:
        add_success_ask(plan=prepared, **_serving(ask, objectives))
    for conversation in plan.conversations:
        _record_conversation(prepared, conversation)
    for offer in plan.offers:
        _record_offer(opportunity, offer)
    if plan.money_ask:
        draft_money_script(plan=prepared, **plan.money_ask)
    return prepared


def _serving(ask: dict, objectives: list[Objective]) -> dict:
    """The ask's fields, with the objective it serves in place of that objective's index."""
    if "objective" not in ask:
        return ask
    return {**ask, "objective": objectives[ask["objective"]]}


def _days_from_today(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def _record_conversation(plan: NegotiationPlan, conversation: shapes.Conversation) -> None:
    record_conversation(
        conversation=Conversation(
            plan=plan,
            happened_on=_days_from_today(-conversation.days_ago),
            channel=conversation.channel,
            about_success=conversation.about_success,
            summary=conversation.summary,
            outcomes=conversation.outcomes,
        ),
        people=plan.opportunity.people.filter(name__in=conversation.people),
    )


def _record_offer(opportunity: Opportunity, offer: shapes.Offer) -> None:
    record_offer(
        offer=Offer(
            opportunity=opportunity,
            received_on=_days_from_today(-offer.received_days_ago),
            deadline=_days_from_today(offer.deadline_in_days),
            **offer.terms,
        )
    )
