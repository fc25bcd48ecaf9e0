"""A plan shared with a council: members read it, figures included, and change nothing."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse

from tests.factories import (
    CommentFactory,
    CouncilFactory,
    MembershipFactory,
    MoneyAskFactory,
    NegotiationPlanFactory,
    OfferFactory,
    ShareFactory,
    SuccessAskFactory,
    UserFactory,
)
from tests.html import select
from tests.world import client_for

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for label in ("opportunities", "missions", "negotiation")
        for model in apps.get_app_config(label).get_models()
    }


@pytest.fixture
def shared_plan(owner):
    plan = NegotiationPlanFactory(opportunity__owner=owner, opportunity__company="Tessellate")
    SuccessAskFactory(plan=plan, description="Budget for forty clinic visits")
    OfferFactory(opportunity=plan.opportunity, base_salary=Decimal("205000"))
    MoneyAskFactory(plan=plan, target_base=Decimal("219000"), script="Are you open to 219,000?")
    council = CouncilFactory(owner=owner)
    member = MembershipFactory(council=council).user
    share = ShareFactory(council=council, mission=None, plan=plan)
    CommentFactory(share=share, author=member, body="Would you really walk away at 175k?")
    return plan, member


def plan_url(plan) -> str:
    return reverse("plan_detail", args=[plan.opportunity_id])


class TestSharedPlanForMembers:
    def test_a_member_reads_the_plan_with_its_figures_and_the_councils_comments(self, shared_plan):
        plan, member = shared_plan
        response = client_for(member).get(plan_url(plan))

        assert response.status_code == 200
        page = response.content.decode()
        assert "Budget for forty clinic visits" in page
        assert "205,000" in page  # the offer's base salary
        assert "219,000" in page  # the money ask's target
        assert "Are you open to 219,000?" in page
        assert "Would you really walk away at 175k?" in page
        assert 'name="description"' not in page, "no editing forms for a member"

    def test_a_members_writes_are_refused_and_change_nothing(self, shared_plan):
        plan, member = shared_plan
        client = client_for(member)
        before = snapshot()
        pk = plan.opportunity_id
        for name in ("success_ask_create", "red_flag_create", "money_ask_edit", "plan_stage"):
            response = client.post(reverse(name, args=[pk]), {"description": "x", "stage": "x"})
            assert response.status_code == 403, name
        assert snapshot() == before

    def test_the_prep_sheet_stays_the_owners(self, shared_plan):
        plan, member = shared_plan
        response = client_for(member).get(reverse("plan_pdf", args=[plan.opportunity_id]))
        assert response.status_code in (403, 404)

    def test_a_member_of_another_council_and_a_stranger_get_404(self, shared_plan):
        plan, _ = shared_plan
        outsider = MembershipFactory(council=CouncilFactory()).user
        for user in (outsider, UserFactory()):
            assert client_for(user).get(plan_url(plan)).status_code == 404

    def test_unsharing_takes_effect_on_the_next_request(self, shared_plan):
        plan, member = shared_plan
        client = client_for(member)
        assert client.get(plan_url(plan)).status_code == 200
        plan.council_shares.all().delete()
        assert client.get(plan_url(plan)).status_code == 404

    def test_the_owner_still_gets_the_editor(self, shared_plan, owner_client):
        plan, _ = shared_plan
        page = owner_client.get(plan_url(plan)).content.decode()
        assert select(page, name="status")  # each ask's status form
        assert "Add another ask" in page  # the new-ask form, one click away
        add_ask = reverse("success_ask_create", args=[plan.opportunity_id])
        assert select(owner_client.get(add_ask), name="description")
