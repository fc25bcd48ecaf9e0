"""A page edited in place computes only what the request shows (inplace/regions.py's ``Page``).

An htmx save of one region works out that region's context (and that of the regions that
ride along out of band), never the whole page's; a plain request builds the whole page.
The spies wrap each region's context function of the page's declaration.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from missions.views.editor import EDITOR
from negotiation.views.page import ASKS_CHANGED, PLAN
from opportunities.views.opportunities import DETAIL
from tests.factories import (
    InterviewFactory,
    KeyResultFactory,
    MissionFactory,
    NegotiationPlanFactory,
    ObjectiveFactory,
    OfferFactory,
    PersonFactory,
    QuestionFactory,
    SuccessAskFactory,
)


@pytest.fixture
def computed(monkeypatch):
    """The names of the regions whose context a request computed, per page."""
    seen: list[str] = []
    for page in (EDITOR, PLAN, DETAIL):
        for name, compute in list(page.regions.items()):

            def spy(request, obj, state, *, _name=name, _compute=compute):
                seen.append(_name)
                return _compute(request, obj, state)

            monkeypatch.setitem(page.regions, name, spy)
    return seen


@pytest.fixture
def mission(owner):
    mission = MissionFactory(opportunity__owner=owner)
    for _ in range(3):
        objective = ObjectiveFactory(mission=mission)
        KeyResultFactory.create_batch(3, objective=objective)
        QuestionFactory(mission=mission, objective=objective)
    return mission


@pytest.fixture
def plan(owner):
    plan = NegotiationPlanFactory(opportunity__owner=owner)
    SuccessAskFactory.create_batch(3, plan=plan)
    OfferFactory(opportunity=plan.opportunity)
    return plan


def htmx(target: str) -> dict:
    return {"HX-Request": "true", "HX-Target": target}


class TestTheMissionEditor:
    def test_a_question_saved_in_place_computes_only_the_questions(
        self, owner_client, mission, computed
    ):
        url = reverse("question_create", args=[mission.opportunity_id])

        response = owner_client.post(url, {"text": "Who decides?"}, headers=htmx("questions"))

        assert response.status_code == 200
        assert computed == ["questions"]
        assert 'id="questions"' in response.content.decode()
        assert 'id="objectives"' not in response.content.decode()

    def test_an_objective_brings_the_questions_along_and_nothing_else(
        self, owner_client, mission, computed
    ):
        url = reverse("objective_create", args=[mission.opportunity_id])

        owner_client.post(url, {"title": "Ship the new routing"}, headers=htmx("objectives"))

        assert sorted(computed) == ["objectives", "questions"]

    def test_the_whole_page_computes_every_region(self, owner_client, mission, computed):
        owner_client.get(mission.get_absolute_url())

        assert sorted(computed) == sorted(EDITOR.regions)

    def test_a_region_costs_fewer_queries_than_the_page(self, owner_client, mission):
        url = mission.get_absolute_url()
        with CaptureQueriesContext(connection) as page:
            owner_client.get(url)
        with CaptureQueriesContext(connection) as region:
            owner_client.get(url, headers=htmx("share-link"))

        assert len(region) < len(page)


class TestThePlan:
    def test_an_ask_added_in_place_computes_its_region_and_those_it_changes(
        self, owner_client, plan, computed
    ):
        url = reverse("success_ask_create", args=[plan.opportunity_id])
        data = {"description": "A budget for the data team", "category": "budget"}
        data |= {"priority": "must", "currency": ""}

        response = owner_client.post(url, data, headers=htmx("success-asks"))

        assert response.status_code == 200
        assert sorted(computed) == sorted(("success-asks", *ASKS_CHANGED))

    def test_the_money_outcome_never_computes_the_asks_or_the_offers(
        self, owner_client, plan, computed
    ):
        url = reverse("money_ask_outcome", args=[plan.opportunity_id])

        owner_client.post(url, {"outcome": ""}, headers=htmx("money-outcome"))

        assert computed == ["money-outcome"]

    def test_the_whole_page_computes_every_region(self, owner_client, plan, computed):
        owner_client.get(plan.get_absolute_url())

        assert sorted(computed) == sorted(PLAN.regions)


class TestTheOpportunityPage:
    def test_a_person_added_in_place_computes_only_the_people(self, owner_client, owner, computed):
        interview = InterviewFactory(opportunity__owner=owner)
        PersonFactory.create_batch(2, opportunity=interview.opportunity)
        url = reverse("person_create", args=[interview.opportunity_id])

        owner_client.post(url, {"name": "Ada", "role": "recruiter"}, headers=htmx("people"))

        assert computed == ["people"]
