"""``manage.py demo``: a realistic, idempotent demo account that never touches anyone else."""

import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from demo.content.accounts import DEFAULT_EMAIL, DEFAULT_PASSWORD
from missions.models import KeyResult, KeyResultStatus, Mission, Objective, Question, ShareLink
from missions.permissions import get_live_share_link
from negotiation.models import (
    AskStatus,
    Conversation,
    MoneyAsk,
    NegotiationPlan,
    Offer,
    OfferVersion,
    RedFlag,
    RedFlagKind,
    SuccessAsk,
)
from opportunities.models import Fit, Focus, Interview, Opportunity, Person, Stage, StageChange
from tests.factories import OpportunityFactory

pytestmark = pytest.mark.django_db


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def printed(output: str, label: str) -> str:
    match = re.search(rf"^\s*{label}\s+(\S+)$", output, re.MULTILINE)
    assert match, f"{label!r} not printed in:\n{output}"
    return match.group(1)


def share_token(output: str) -> str:
    match = re.search(r"http://127\.0\.0\.1:8000/share/([\w-]+)/", output)
    assert match, output
    return match.group(1)


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            get_user_model(),
            EmailAddress,
            Focus,
            Opportunity,
            StageChange,
            Person,
            Interview,
            Mission,
            Objective,
            KeyResult,
            Question,
            ShareLink,
            NegotiationPlan,
            SuccessAsk,
            RedFlag,
            Conversation,
            Offer,
            MoneyAsk,
        )
    }


@pytest.fixture
def demo_user():
    run_demo("--force")
    return get_user_model().objects.get(email=DEFAULT_EMAIL)


class TestDemoData:
    def test_creates_a_verified_account(self, demo_user):
        address = EmailAddress.objects.get(user=demo_user)
        assert address.email == DEFAULT_EMAIL
        assert address.verified and address.primary
        assert demo_user.check_password(DEFAULT_PASSWORD)

    def test_states_a_focus_with_name_and_contact(self, demo_user):
        focus = demo_user.focus
        assert len(focus.attributes) >= 3
        assert focus.full_name
        assert DEFAULT_EMAIL in focus.contact
        assert focus.must_haves and focus.deal_breakers

    def test_spreads_opportunities_across_the_pipeline(self, demo_user):
        opportunities = list(demo_user.opportunities.all())
        stages = {o.stage for o in opportunities}
        fits = [o.fit for o in opportunities]

        assert len(opportunities) >= 4
        assert {"exploring", "applied", "interviewing", "offer"} <= stages
        assert fits.count(Fit.STRONG) >= 2
        assert Fit.OFF in fits
        assert any(o.next_step_overdue for o in opportunities)
        assert any(o.next_step_due and not o.next_step_overdue for o in opportunities)

    def test_records_each_stage_the_opportunities_went_through(self, demo_user):
        for opportunity in demo_user.opportunities.all():
            history = list(opportunity.stage_changes.all())
            assert history[0].from_stage == ""
            assert history[-1].to_stage == opportunity.stage
            assert all(c.changed_at <= timezone.now() for c in history)

    def test_adds_people_and_interviews_past_and_upcoming(self, demo_user):
        people = Person.objects.filter(opportunity__owner=demo_user)
        interviews = Interview.objects.filter(opportunity__owner=demo_user)

        assert {"hiring_manager", "recruiter", "interviewer"} <= {p.role for p in people}
        assert any(i.is_past for i in interviews)
        assert interviews.upcoming().exists()
        assert all(i.people.exists() for i in interviews)

    def test_writes_a_full_mission_for_the_interviewing_opportunity(self, demo_user):
        mission = Mission.objects.get(
            opportunity__owner=demo_user, opportunity__stage=Stage.INTERVIEWING
        )
        objectives = list(mission.objectives.all())
        key_results = KeyResult.objects.filter(objective__mission=mission)
        questions = list(mission.questions.all())

        assert mission.opportunity.stage == Stage.INTERVIEWING
        assert mission.purpose and mission.responsibilities
        assert len(objectives) == 3
        assert all(2 <= o.key_results.count() <= 3 for o in objectives)
        assert all(kr.target for kr in key_results)
        assert len({kr.horizon for kr in key_results}) >= 3
        confirmed = key_results.get(status=KeyResultStatus.CONFIRMED)
        changed = key_results.get(status=KeyResultStatus.CHANGED)
        assert confirmed.manager_note and changed.manager_note
        assert len(questions) == 4
        assert sum(q.objective_id is not None for q in questions) == 2
        assert sum(bool(q.answer) for q in questions) == 1

    def test_prepares_negotiation_plans_for_the_offer_and_the_interviewing_stages(self, demo_user):
        plans = NegotiationPlan.objects.filter(opportunity__owner=demo_user)
        asks = SuccessAsk.objects.filter(plan__in=plans)

        assert {p.opportunity.stage for p in plans} == {"offer", "interviewing"}
        assert plans.count() == 3
        assert len({a.category for a in asks}) >= 5
        assert {"agreed", "asked", "declined", "planned"} <= {a.status for a in asks}
        assert asks.exclude(objective=None).count() >= 5
        assert all(
            a.objective.mission.opportunity_id == a.plan.opportunity_id
            for a in asks.exclude(objective=None)
        )

    def test_an_ask_they_would_not_discuss_raised_an_open_red_flag(self, demo_user):
        flag = RedFlag.objects.get(plan__opportunity__owner=demo_user)

        assert flag.is_open
        assert flag.kind == RedFlagKind.ASK_NOT_DISCUSSED
        assert flag.ask.status == AskStatus.DECLINED and flag.ask.would_not_discuss
        assert flag.explanation

    def test_logs_a_live_success_conversation_and_an_email(self, demo_user):
        conversations = Conversation.objects.filter(plan__opportunity__owner=demo_user)

        assert conversations.filter(about_success=True, channel="video").exists()
        assert conversations.filter(channel="email").exists()
        assert all(c.people.exists() for c in conversations)

    def test_gives_two_current_offers_to_compare_one_of_them_revised(self, demo_user):
        offers = Offer.objects.filter(opportunity__owner=demo_user)
        client = Client()
        client.force_login(demo_user)

        page = client.get("/offers/compare/").content.decode()

        assert offers.count() == 3
        assert offers.filter(version=OfferVersion.REVISED).count() == 1
        assert {o.opportunity.stage for o in offers} == {"offer"}
        assert page.count('class="compare-company"') == 2
        assert "Tessellate Health" in page and "Northpine Logistics" in page

    def test_drafts_a_money_ask_from_honest_reasons(self, demo_user):
        money_ask = MoneyAsk.objects.get(plan__opportunity__owner=demo_user)

        assert money_ask.reasons and money_ask.walk_away and money_ask.target_total
        assert "Are you open to" in money_ask.script
        assert f"{money_ask.walk_away:,.0f}" not in money_ask.script

    def test_prints_a_live_share_link_for_the_mission(self):
        output = run_demo("--force")

        link = get_live_share_link(share_token(output))
        assert link.mission.opportunity.owner.email == DEFAULT_EMAIL


class TestDemoIsIdempotent:
    def test_running_twice_gives_the_same_data(self):
        first = run_demo("--force")
        before = counts()

        second = run_demo("--force")

        assert counts() == before
        # A share link copied after the first run keeps working.
        assert share_token(second) == share_token(first)
        get_live_share_link(share_token(second))

    def test_running_again_keeps_the_demo_user_signed_in(self, demo_user):
        client = Client()
        client.post("/accounts/login/", {"login": DEFAULT_EMAIL, "password": DEFAULT_PASSWORD})

        run_demo("--force")

        assert client.get("/accounts/email/").status_code == 200

    def test_leaves_other_users_data_alone(self, owner):
        opportunity = OpportunityFactory(owner=owner, company="Sentinel Works")

        run_demo("--force")
        run_demo("--force")

        opportunity.refresh_from_db()
        assert opportunity.company == "Sentinel Works"
        assert list(owner.opportunities.all()) == [opportunity]
        assert owner.check_password("correct-horse-battery-staple-42")

    def test_refuses_to_take_over_an_account_it_did_not_create(self, owner):
        OpportunityFactory(owner=owner)

        with pytest.raises(CommandError, match="did not create"):
            run_demo("--force", "--email", owner.email, "--password", "a-long-demo-password")

        owner.refresh_from_db()
        assert owner.opportunities.count() == 1
        assert owner.check_password("correct-horse-battery-staple-42")


class TestDemoSafety:
    def test_refuses_to_run_with_debug_off(self, settings):
        settings.DEBUG = False

        with pytest.raises(CommandError, match="--force"):
            run_demo()

        assert not get_user_model().objects.filter(email=DEFAULT_EMAIL).exists()

    def test_runs_with_debug_on_without_force(self, settings):
        settings.DEBUG = True

        run_demo()

        assert get_user_model().objects.filter(email=DEFAULT_EMAIL).exists()

    def test_refuses_a_weak_password(self):
        with pytest.raises(CommandError, match="too short"):
            run_demo("--force", "--password", "demo")

        assert not get_user_model().objects.exists()


class TestDemoSignIn:
    def test_the_printed_credentials_sign_in(self):
        output = run_demo("--force")
        client = Client()

        response = client.post(
            "/accounts/login/",
            {"login": printed(output, "Email"), "password": printed(output, "Password")},
        )

        assert "http://127.0.0.1:8000/accounts/login/" in output
        assert response.status_code == 302
        assert response["Location"] == "/"
        assert "_auth_user_id" in client.session

    def test_custom_email_and_password_work(self):
        output = run_demo(
            "--force", "--email", "Maya@Example.org", "--password", "a-long-pass-2026"
        )
        client = Client()

        response = client.post(
            "/accounts/login/", {"login": "maya@example.org", "password": "a-long-pass-2026"}
        )

        assert printed(output, "Email") == "maya@example.org"
        assert response.status_code == 302
        assert "_auth_user_id" in client.session
        assert not get_user_model().objects.filter(email=DEFAULT_EMAIL).exists()
