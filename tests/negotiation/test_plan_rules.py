"""The negotiation plan's domain rules: red flags, the success-first sequence, live conversations,
the drafted money ask and the user's record of asking."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from negotiation import services
from negotiation.asking import (
    LONG_RUN_PERCENT_WHO_GET_MORE,
    AskingRecord,
    draft_collaborative_ask,
    format_money,
)
from negotiation.models import (
    AskStatus,
    Conversation,
    MoneyAsk,
    NegotiationPlan,
    RedFlag,
    RedFlagKind,
)
from tests.factories import (
    ConversationFactory,
    MissionFactory,
    MoneyAskFactory,
    NegotiationPlanFactory,
    ObjectiveFactory,
    OpportunityFactory,
    SuccessAskFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(owner):
    return NegotiationPlanFactory(opportunity__owner=owner, opportunity__company="Kestrel")


@pytest.fixture
def objective(plan):
    mission = MissionFactory(opportunity=plan.opportunity)
    return ObjectiveFactory(mission=mission, title="Ship weekly instead of monthly")


@pytest.fixture
def ask(plan, objective):
    return SuccessAskFactory(
        plan=plan, description="A budget for platform debt", objective=objective
    )


class TestRedFlagFromADeclinedAsk:
    def test_declined_without_discussion_raises_a_flag_that_explains_why(self, ask):
        flag = services.set_ask_status(ask=ask, status=AskStatus.DECLINED, would_not_discuss=True)

        assert flag is not None
        assert flag.kind == RedFlagKind.ASK_NOT_DISCUSSED
        assert flag.ask == ask
        assert flag.is_open
        assert "A budget for platform debt" in flag.title
        assert "“A budget for platform debt”" in flag.explanation
        assert "Ship weekly instead of monthly" in flag.explanation
        assert "would not even discuss" in flag.explanation

    def test_declined_after_a_real_discussion_raises_none(self, ask):
        flag = services.set_ask_status(ask=ask, status=AskStatus.DECLINED)

        assert flag is None
        assert not RedFlag.objects.exists()

    def test_saving_it_again_does_not_raise_a_second_flag(self, ask):
        services.set_ask_status(ask=ask, status=AskStatus.DECLINED, would_not_discuss=True)
        again = services.set_ask_status(ask=ask, status=AskStatus.DECLINED, would_not_discuss=True)
        services.update_success_ask(ask=ask, employer_response="Not now, maybe never.")

        assert again is None
        assert RedFlag.objects.count() == 1

    def test_the_database_refuses_a_second_open_flag_for_one_ask(self, ask):
        services.set_ask_status(ask=ask, status=AskStatus.DECLINED, would_not_discuss=True)

        with pytest.raises(IntegrityError), transaction.atomic():
            RedFlag.objects.create(plan=ask.plan, ask=ask, title="Duplicate")

    def test_an_ask_added_as_declined_outright_raises_a_flag(self, plan):
        services.add_success_ask(
            plan=plan,
            category="headcount",
            description="Two engineers",
            priority="must",
            status=AskStatus.DECLINED,
            would_not_discuss=True,
        )

        assert RedFlag.objects.open().filter(kind=RedFlagKind.ASK_NOT_DISCUSSED).count() == 1

    def test_when_they_agree_after_all_the_flag_is_closed_with_a_note(self, ask):
        services.set_ask_status(ask=ask, status=AskStatus.DECLINED, would_not_discuss=True)

        services.set_ask_status(ask=ask, status=AskStatus.AGREED)

        flag = RedFlag.objects.get()
        assert not flag.is_open
        assert flag.resolution_note == "Closed when you changed this ask to “Agreed”."

    def test_a_closed_flag_is_raised_anew_when_they_refuse_again(self, ask):
        services.set_ask_status(ask=ask, status=AskStatus.DECLINED, would_not_discuss=True)
        services.set_ask_status(ask=ask, status=AskStatus.ASKED)

        services.set_ask_status(ask=ask, status=AskStatus.DECLINED, would_not_discuss=True)

        assert RedFlag.objects.count() == 2
        assert RedFlag.objects.open().count() == 1

    def test_would_not_discuss_only_sticks_to_a_declined_ask(self, ask):
        services.update_success_ask(ask=ask, status=AskStatus.ASKED, would_not_discuss=True)

        ask.refresh_from_db()
        assert ask.would_not_discuss is False
        assert not RedFlag.objects.exists()

    def test_a_flag_noted_by_hand_is_left_alone(self, ask):
        manual = RedFlag.objects.create(plan=ask.plan, title="Vague about the budget owner")

        services.set_ask_status(ask=ask, status=AskStatus.AGREED)

        manual.refresh_from_db()
        assert manual.is_open

    def test_an_objective_of_another_mission_is_refused(self, plan):
        foreign = ObjectiveFactory(mission=MissionFactory())

        with pytest.raises(ValidationError) as refused:
            services.add_success_ask(
                plan=plan, category="budget", description="x", priority="must", objective=foreign
            )

        assert "objective" in refused.value.message_dict
        assert not plan.asks.exists()


class TestRedFlagFromARefusedConversation:
    def test_raises_one_flag_with_what_they_said(self, plan):
        flag, created = services.record_refused_conversation(
            plan=plan, note="We don't discuss resources before day one."
        )

        assert created
        assert flag.kind == RedFlagKind.CONVERSATION_REFUSED
        assert flag.title == "They would not talk about what it takes to succeed"
        assert "We don't discuss resources before day one." in flag.explanation
        assert "the support you get before you sign" in flag.explanation

    def test_recording_it_again_adds_nothing_while_the_flag_is_open(self, plan):
        first, _ = services.record_refused_conversation(plan=plan)

        again, created = services.record_refused_conversation(plan=plan, note="Still no.")

        assert not created
        assert again == first
        assert plan.red_flags.count() == 1

    def test_after_it_is_resolved_a_new_refusal_raises_a_new_flag(self, plan):
        first, _ = services.record_refused_conversation(plan=plan)
        assert services.resolve_red_flag(flag=first, note="They called back and talked it through.")

        _, created = services.record_refused_conversation(plan=plan)

        assert created
        assert plan.red_flags.open().count() == 1


class TestResolveRedFlag:
    def test_closes_the_flag_with_the_note(self, plan):
        flag, _ = services.record_refused_conversation(plan=plan)

        assert services.resolve_red_flag(flag=flag, note="  The CTO committed in writing. ")

        flag.refresh_from_db()
        assert flag.resolved_at is not None
        assert flag.resolution_note == "The CTO committed in writing."

    def test_resolving_twice_keeps_the_first_note(self, plan):
        flag, _ = services.record_refused_conversation(plan=plan)
        services.resolve_red_flag(flag=flag, note="First")

        assert services.resolve_red_flag(flag=flag, note="Second") is False

        flag.refresh_from_db()
        assert flag.resolution_note == "First"


class TestSuccessFirst:
    def test_the_success_conversation_has_not_started_with_only_planned_asks(self, plan):
        SuccessAskFactory.create_batch(2, plan=plan, status=AskStatus.PLANNED)

        assert plan.success_conversation_started is False

    def test_it_has_not_started_without_any_ask(self, plan):
        assert plan.success_conversation_started is False

    @pytest.mark.parametrize(
        "status", [AskStatus.ASKED, AskStatus.AGREED, AskStatus.DECLINED, AskStatus.DEFERRED]
    )
    def test_it_has_started_once_any_ask_was_put_to_them(self, plan, status):
        SuccessAskFactory(plan=plan, status=AskStatus.PLANNED)
        SuccessAskFactory(plan=plan, status=status)

        assert plan.success_conversation_started is True

    def test_raised_lists_the_asks_put_to_them(self, plan):
        SuccessAskFactory(plan=plan, status=AskStatus.PLANNED, description="Later")
        SuccessAskFactory(plan=plan, status=AskStatus.DEFERRED, description="Put off")

        assert [a.description for a in plan.asks.raised()] == ["Put off"]


class TestLiveSuccessConversation:
    def test_an_email_about_success_is_not_the_live_conversation(self, plan):
        ConversationFactory(plan=plan, about_success=True, channel="email")
        ConversationFactory(plan=plan, about_success=True, channel="chat")

        assert plan.live_success_conversation is None

    def test_a_live_call_about_something_else_does_not_count(self, plan):
        ConversationFactory(plan=plan, about_success=False, channel="phone")

        assert plan.live_success_conversation is None

    @pytest.mark.parametrize("channel", ["in_person", "video", "phone"])
    def test_a_live_conversation_about_success_counts(self, plan, channel):
        held = ConversationFactory(plan=plan, about_success=True, channel=channel)

        assert plan.live_success_conversation == held

    def test_the_earliest_live_one_is_when_it_happened(self, plan):
        today = timezone.localdate()
        ConversationFactory(plan=plan, about_success=True, happened_on=today)
        first = ConversationFactory(
            plan=plan, about_success=True, happened_on=today - dt.timedelta(days=5)
        )

        assert plan.live_success_conversation == first

    def test_the_queryset_finds_live_success_conversations(self, plan):
        live = ConversationFactory(plan=plan, about_success=True, channel="in_person")
        ConversationFactory(plan=plan, about_success=True, channel="email")
        ConversationFactory(plan=plan, about_success=False, channel="video")

        assert list(Conversation.objects.about_success().live()) == [live]


class TestDraftCollaborativeAsk:
    def draft(self, **overrides) -> str:
        arguments = {
            "company": "Kestrel",
            "currency": "USD",
            "target_base": Decimal("195000"),
            "target_total": None,
            "reasons": "The role now includes the data platform.",
            "agreed": (),
        } | overrides
        return draft_collaborative_ask(**arguments)

    def test_asks_a_collaborative_question_with_the_reasons(self):
        script = self.draft()

        assert "Are you open to a base salary of USD 195,000?" in script
        assert "The role now includes the data platform." in script
        assert "Thank you for the offer." in script
        assert "the role at Kestrel" in script
        assert "together" in script

    def test_names_base_and_total_when_both_are_targets(self):
        script = self.draft(target_total=Decimal("240000"))

        assert (
            "Are you open to a base salary of USD 195,000, which would bring the total to about "
            "USD 240,000 a year?"
        ) in script

    def test_asks_for_a_total_when_that_is_the_only_target(self):
        script = self.draft(target_base=None, target_total=Decimal("240000.50"))

        assert "Are you open to a total package of about USD 240,000.50 a year?" in script

    def test_thanks_them_for_what_was_agreed_to_succeed(self):
        script = self.draft(agreed=["A budget for tech debt", "SRE support", "Two hires."])

        assert (
            "what we agreed so that I can succeed in it: a budget for tech debt, SRE support "
            "and two hires."
        ) in script

    def test_names_at_most_three_agreed_asks(self):
        script = self.draft(agreed=["One", "Two", "Three", "Four"])

        assert "one, two and three." in script
        assert "four" not in script.lower()

    @pytest.mark.parametrize("reasons", ["", "   \n "])
    def test_refuses_to_draft_without_reasons(self, reasons):
        with pytest.raises(ValueError, match="reasons"):
            self.draft(reasons=reasons)

    def test_refuses_to_draft_without_a_target(self):
        with pytest.raises(ValueError, match="target"):
            self.draft(target_base=None, target_total=None)


class TestDraftMoneyScript:
    def test_writes_the_script_and_never_names_the_walk_away_number(self, plan):
        SuccessAskFactory(plan=plan, status=AskStatus.AGREED, description="Coaching budget")
        SuccessAskFactory(plan=plan, status=AskStatus.DECLINED, description="Four new hires")

        money_ask = services.draft_money_script(
            plan=plan,
            currency="EUR",
            target_base=Decimal("150000"),
            target_total=None,
            walk_away=Decimal("131313"),
            deal_breakers="Five office days",
            reasons="I lead two teams, not one.",
            script="",
        )

        assert "Are you open to a base salary of EUR 150,000?" in money_ask.script
        assert "coaching budget" in money_ask.script
        assert "four new hires" not in money_ask.script.lower()
        assert "131" not in money_ask.script
        assert "Five office days" not in money_ask.script
        assert MoneyAsk.objects.get(plan=plan).script == money_ask.script

    def test_without_reasons_nothing_is_saved(self, plan):
        with pytest.raises(ValidationError) as refused:
            services.draft_money_script(
                plan=plan,
                currency="EUR",
                target_base=Decimal("150000"),
                target_total=None,
                walk_away=None,
                deal_breakers="",
                reasons=" ",
                script="",
            )

        assert "reasons" in refused.value.message_dict
        assert not MoneyAsk.objects.exists()
        plan.refresh_from_db()
        assert plan.version == 1


class TestSaveMoneyAsk:
    fields = {
        "currency": "USD",
        "target_base": Decimal("190000"),
        "target_total": None,
        "walk_away": None,
        "deal_breakers": "",
        "reasons": "Scope",
        "script": "",
    }

    def test_saves_and_moves_the_plan_version_on(self, plan):
        services.save_money_ask(plan=plan, expected_version=1, **self.fields)

        plan.refresh_from_db()
        assert plan.version == 2
        assert MoneyAsk.objects.get(plan=plan).target_base == Decimal("190000")

    def test_a_save_from_a_stale_page_changes_nothing(self, plan):
        services.save_money_ask(plan=plan, expected_version=1, **self.fields)

        with pytest.raises(ValidationError) as stale:
            services.save_money_ask(
                plan=NegotiationPlan.objects.get(pk=plan.pk),
                expected_version=1,
                **(self.fields | {"reasons": "Overwritten?"}),
            )

        assert stale.value.code == "stale"
        assert MoneyAsk.objects.get(plan=plan).reasons == "Scope"


class TestRecordMoneyOutcome:
    def test_needs_a_money_ask_first(self, plan):
        with pytest.raises(ValidationError):
            services.record_money_outcome(plan=plan, outcome="moved")

    def test_records_only_the_outcome_fields(self, plan):
        MoneyAskFactory(plan=plan, reasons="Kept", script="Kept too")

        services.record_money_outcome(
            plan=plan,
            asked_on=timezone.localdate(),
            asked_amount=Decimal("195000"),
            offered_before=Decimal("180000"),
            offered_after=Decimal("188000"),
            outcome="moved",
        )

        money_ask = MoneyAsk.objects.get(plan=plan)
        assert (money_ask.outcome, money_ask.offered_after) == ("moved", Decimal("188000"))
        assert (money_ask.reasons, money_ask.script) == ("Kept", "Kept too")


class TestAskingRecord:
    def test_counts_the_asks_made_and_the_ones_that_moved_the_offer(self, owner):
        for outcome in ("moved", "moved", "held", "not_yet"):
            MoneyAskFactory(plan__opportunity__owner=owner, outcome=outcome)

        record = AskingRecord.of(owner)

        assert (record.asked, record.moved) == (3, 2)
        assert record.summary == "You asked 3 times; 2 moved the offer."

    def test_counts_only_the_users_own_asks(self, owner):
        MoneyAskFactory(plan__opportunity__owner=UserFactory(), outcome="moved")

        assert AskingRecord.of(owner) == AskingRecord(asked=0, moved=0)

    @pytest.mark.parametrize(
        ("asked", "moved", "summary"),
        [
            (0, 0, "You have not recorded asking for more money yet."),
            (1, 1, "You asked once, and it moved the offer."),
            (1, 0, "You asked once, and it did not move the offer."),
            (2, 0, "You asked 2 times; none moved the offer."),
            (4, 1, "You asked 4 times; one moved the offer."),
        ],
    )
    def test_says_it_in_a_sentence(self, asked, moved, summary):
        assert AskingRecord(asked=asked, moved=moved).summary == summary

    def test_sits_next_to_the_long_run_figure(self):
        assert LONG_RUN_PERCENT_WHO_GET_MORE == 87


class TestFormatMoney:
    @pytest.mark.parametrize(
        ("amount", "text"),
        [
            (Decimal("195000"), "USD 195,000"),
            (Decimal("195000.00"), "USD 195,000"),
            (Decimal("1234.5"), "USD 1,234.50"),
            (Decimal("0"), "USD 0"),
        ],
    )
    def test_groups_thousands_and_shows_cents_only_when_there_are_some(self, amount, text):
        assert format_money(amount, "USD") == text


def test_plan_is_created_once_per_opportunity(owner):
    opportunity = OpportunityFactory(owner=owner)

    first = services.ensure_plan(opportunity=opportunity)
    second = services.ensure_plan(opportunity=opportunity)

    assert first == second
    assert NegotiationPlan.objects.filter(opportunity=opportunity).count() == 1
