"""Who may see and change what of a negotiation plan and its offers. Every view loads objects
through here.

The owner may do everything; a member of a council the plan is shared with reads it, figures
included (the owner chose to share them), and comments; asked to change it, a 403; anyone else
gets a 404. Checks only read (see opportunities/permissions.py).
"""

from django.core.exceptions import PermissionDenied

from negotiation.models import Conversation, NegotiationPlan, Offer, RedFlag, SuccessAsk
from opportunities.permissions import (
    MEMBER,
    OWNER,
    Rights,
    get_opportunity_for,
    refuse_change,
    shared_with,
)


def get_plan_for(user, opportunity_pk: int, *, edit: bool = True) -> tuple[NegotiationPlan, Rights]:
    """The plan of the user's own opportunity with the owner's rights — unsaved while it has
    never been opened (``negotiation.services.ensure_plan`` saves it) — or, with ``edit=False``,
    one shared with a council they belong to, as a member; 403 for such a member asking to
    change it, else 404."""
    plan = (
        NegotiationPlan.objects.select_related("opportunity")
        .filter(opportunity_id=opportunity_pk, opportunity__owner_id=user.pk)
        .first()
    )
    if plan is not None:
        return plan, OWNER
    shared = NegotiationPlan.objects.filter(shared_with(user), opportunity_id=opportunity_pk)
    if (plan := shared.select_related("opportunity__owner").first()) is not None:
        if edit:
            raise PermissionDenied
        return plan, MEMBER
    opportunity = get_opportunity_for(user, opportunity_pk)
    return NegotiationPlan(opportunity=opportunity), OWNER


def get_offer_for(user, opportunity_pk: int, pk: int) -> Offer:
    """Return an offer of the user's own opportunity; 403 for a member of a council its plan
    is shared with (they read the offer there), else 404."""
    offers = Offer.objects.select_related("opportunity").filter(
        pk=pk, opportunity_id=opportunity_pk
    )
    offer = offers.filter(opportunity__owner_id=user.pk).first()
    return offer or refuse_change(user, offers, "opportunity__plan__")


def get_success_ask_for(user, opportunity_pk: int, pk: int) -> SuccessAsk:
    """Return a success ask of the user's own plan; 403 for a council member, else 404."""
    asks = SuccessAsk.objects.select_related("plan__opportunity", "objective").filter(
        pk=pk, plan__opportunity_id=opportunity_pk
    )
    ask = asks.filter(plan__opportunity__owner_id=user.pk).first()
    return ask or refuse_change(user, asks, "plan__")


def get_red_flag_for(user, opportunity_pk: int, pk: int) -> RedFlag:
    """Return a red flag of the user's own plan; 403 for a council member, else 404."""
    flags = RedFlag.objects.select_related("plan__opportunity").filter(
        pk=pk, plan__opportunity_id=opportunity_pk
    )
    flag = flags.filter(plan__opportunity__owner_id=user.pk).first()
    return flag or refuse_change(user, flags, "plan__")


def get_conversation_for(user, opportunity_pk: int, pk: int) -> Conversation:
    """Return a conversation of the user's own plan; 403 for a council member, else 404."""
    conversations = Conversation.objects.select_related("plan__opportunity").filter(
        pk=pk, plan__opportunity_id=opportunity_pk
    )
    conversation = conversations.filter(plan__opportunity__owner_id=user.pk).first()
    return conversation or refuse_change(user, conversations, "plan__")
