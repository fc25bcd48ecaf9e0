"""Writes that touch several rows land whole or not at all, and emails go out only once the
write is committed: a failure half-way leaves no half-done change and mails nobody."""

import pytest
from django.core import mail
from django.db import DatabaseError, transaction

from councils import services as council_services
from councils.models import Invitation, Membership
from missions.models import KeyResult
from missions.services import move_key_result
from negotiation.models import MoneyAsk, NegotiationPlan, Offer
from negotiation.services import draft_money_script, record_offer
from opportunities.models import Opportunity, Stage, StageChange
from opportunities.services import change_stage, update_opportunity
from tests.factories import (
    CouncilFactory,
    KeyResultFactory,
    NegotiationPlanFactory,
    ObjectiveFactory,
    OfferFactory,
    OpportunityFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

BASE_URL = "https://jobmission.example"


def fail(*args, **kwargs):
    raise DatabaseError("the disk filled up half-way")


class TestStageChangeWithItsHistory:
    def test_a_failed_history_row_leaves_the_stage_as_it_was(self, owner, monkeypatch):
        opportunity = OpportunityFactory(owner=owner, stage=Stage.APPLIED)
        monkeypatch.setattr(StageChange.objects, "create", fail)

        with pytest.raises(DatabaseError):
            change_stage(opportunity=opportunity, stage=Stage.INTERVIEWING)

        assert Opportunity.objects.get(pk=opportunity.pk).stage == Stage.APPLIED

    def test_a_failed_history_row_leaves_an_edited_opportunity_unsaved(self, owner, monkeypatch):
        opportunity = OpportunityFactory(owner=owner, stage=Stage.APPLIED, company="Before")
        monkeypatch.setattr(StageChange.objects, "create", fail)

        with pytest.raises(DatabaseError):
            update_opportunity(opportunity=opportunity, company="After", stage=Stage.INTERVIEWING)

        stored = Opportunity.objects.get(pk=opportunity.pk)
        assert (stored.company, stored.stage) == ("Before", Stage.APPLIED)


class TestOfferRevision:
    def test_an_offer_whose_stage_move_fails_is_not_recorded(self, owner, monkeypatch):
        opportunity = OpportunityFactory(owner=owner, stage=Stage.INTERVIEWING)
        offer = OfferFactory.build(opportunity=opportunity)
        monkeypatch.setattr(StageChange.objects, "create", fail)

        with pytest.raises(DatabaseError):
            record_offer(offer=offer)

        assert not Offer.objects.exists()
        assert Opportunity.objects.get(pk=opportunity.pk).stage == Stage.INTERVIEWING


class TestReorder:
    def test_a_failed_reorder_keeps_every_position(self, owner, monkeypatch):
        objective = ObjectiveFactory(mission__opportunity__owner=owner)
        key_results = [KeyResultFactory(objective=objective, position=n) for n in range(3)]

        def half_way(objs, fields, **kwargs):
            KeyResult.objects.filter(pk=objs[0].pk).update(position=99)
            fail()

        monkeypatch.setattr(KeyResult.objects, "bulk_update", half_way)

        with pytest.raises(DatabaseError):
            move_key_result(key_result=key_results[0], direction="down")

        positions = list(KeyResult.objects.order_by("pk").values_list("position", flat=True))
        assert positions == [0, 1, 2]


class TestVersionedSave:
    def test_a_money_ask_that_cannot_be_drafted_leaves_the_plan_version_alone(self, owner):
        plan = NegotiationPlanFactory(opportunity__owner=owner)

        with pytest.raises(Exception, match="honest reasons"):
            draft_money_script(
                plan=plan,
                expected_version=1,
                currency="USD",
                target_base=None,
                target_total=None,
                walk_away=None,
                deal_breakers="",
                reasons="",
                script="",
            )

        assert NegotiationPlan.objects.get(pk=plan.pk).version == 1
        assert not MoneyAsk.objects.exists()


class TestInvitations:
    @pytest.fixture
    def council(self, owner):
        return CouncilFactory(owner=owner)

    def test_the_email_waits_for_the_commit(self, council, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            council_services.invite_members(
                council=council,
                invited_by=council.owner,
                emails=["sam@example.com"],
                base_url=BASE_URL,
            )
            assert mail.outbox == []

        assert len(callbacks) == 1
        callbacks[0]()
        assert [message.to for message in mail.outbox] == [["sam@example.com"]]

    def test_an_invitation_rolled_back_mails_nobody(
        self, council, django_capture_on_commit_callbacks
    ):
        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            pytest.raises(DatabaseError),
            transaction.atomic(),
        ):
            council_services.invite_members(
                council=council,
                invited_by=council.owner,
                emails=["sam@example.com"],
                base_url=BASE_URL,
            )
            fail()

        assert callbacks == []
        assert mail.outbox == []
        assert not Invitation.objects.exists()

    def test_accepting_fails_whole_when_the_invitation_cannot_be_marked(
        self, council, django_capture_on_commit_callbacks, monkeypatch
    ):
        with django_capture_on_commit_callbacks(execute=True):
            council_services.invite_members(
                council=council,
                invited_by=council.owner,
                emails=["sam@example.com"],
                base_url=BASE_URL,
            )
        invitation = Invitation.objects.get()
        sam = UserFactory(email="sam@example.com")
        monkeypatch.setattr(Invitation, "save", fail)

        with pytest.raises(DatabaseError):
            council_services.accept_invitation(invitation=invitation, user=sam)

        assert not Membership.objects.filter(user=sam).exists()
        assert Invitation.objects.get().accepted_at is None
