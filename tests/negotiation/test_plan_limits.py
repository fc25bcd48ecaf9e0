"""A plan stays readable, and its prep sheet quick to render: adding beyond a bound is refused
with a message next to the form, keeping what was typed, plain or in place."""

import pytest
from django.urls import reverse

from negotiation.models import Conversation, NegotiationPlan, Offer, RedFlag, SuccessAsk
from opportunities.models import Stage
from tests.factories import (
    ConversationFactory,
    NegotiationPlanFactory,
    OfferFactory,
    OpportunityFactory,
    RedFlagFactory,
    SuccessAskFactory,
)
from tests.negotiation.test_offers import offer_data
from tests.negotiation.test_plan import ask_data, conversation_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(owner):
    return NegotiationPlanFactory(opportunity=OpportunityFactory(owner=owner, stage=Stage.OFFER))


FULL = [
    pytest.param(
        "success_ask_create",
        lambda plan: SuccessAskFactory.create_batch(NegotiationPlan.MAX_SUCCESS_ASKS, plan=plan),
        lambda: ask_data(description="One ask too many"),
        SuccessAsk,
        "at most 20 success asks",
        id="asks",
    ),
    pytest.param(
        "red_flag_create",
        lambda plan: RedFlagFactory.create_batch(NegotiationPlan.MAX_MANUAL_RED_FLAGS, plan=plan),
        lambda: {"title": "One flag too many", "explanation": ""},
        RedFlag,
        "at most 20 red flags",
        id="red-flags",
    ),
    pytest.param(
        "conversation_create",
        lambda plan: ConversationFactory.create_batch(NegotiationPlan.MAX_CONVERSATIONS, plan=plan),
        lambda: conversation_data(summary="One conversation too many"),
        Conversation,
        "at most 60 conversations",
        id="conversations",
    ),
    pytest.param(
        "offer_create",
        lambda plan: OfferFactory.create_batch(
            NegotiationPlan.MAX_OFFERS, opportunity=plan.opportunity
        ),
        lambda: offer_data(benefits="One offer too many"),
        Offer,
        "at most 12 offer versions",
        id="offers",
    ),
]


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize(("name", "fill", "data", "model", "message"), FULL)
def test_adding_beyond_the_bound_is_refused_with_a_message(
    owner_client, plan, htmx, name, fill, data, model, message
):
    fill(plan)
    before = model.objects.count()
    typed = data()
    headers = {"HX-Request": "true"} if htmx else {}

    response = owner_client.post(reverse(name, args=[plan.opportunity_id]), typed, headers=headers)

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "too many" in page, "what was typed is still in the form"
    assert model.objects.count() == before


@pytest.mark.parametrize(("name", "fill", "data", "model", "message"), FULL)
def test_one_below_the_bound_is_still_accepted(
    owner_client, plan, name, fill, data, model, message
):
    rows = fill(plan)
    rows[-1].delete()

    owner_client.post(reverse(name, args=[plan.opportunity_id]), data())

    assert model.objects.count() == len(rows)


def test_a_full_plan_says_so_instead_of_offering_another_ask(owner_client, plan):
    SuccessAskFactory.create_batch(NegotiationPlan.MAX_SUCCESS_ASKS, plan=plan)

    page = owner_client.get(reverse("plan_detail", args=[plan.opportunity_id])).content.decode()

    assert "20 asks is the most a plan holds" in page
    assert "Add another ask" not in page
