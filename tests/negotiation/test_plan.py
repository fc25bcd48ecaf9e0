"""The negotiation plan page and every in-place action on it, for the owner, a stranger and an
anonymous visitor."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from negotiation import services
from negotiation.models import (
    AskStatus,
    Conversation,
    MoneyAsk,
    NegotiationPlan,
    RedFlag,
    RedFlagKind,
    SuccessAsk,
)
from opportunities.models import Stage, StageChange
from tests.factories import (
    ConversationFactory,
    MissionFactory,
    MoneyAskFactory,
    NegotiationPlanFactory,
    ObjectiveFactory,
    OfferFactory,
    OpportunityFactory,
    PersonFactory,
    QuestionFactory,
    RedFlagFactory,
    SuccessAskFactory,
)
from tests.html import links_to, one, position, select, text_of

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED_XSS = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


@pytest.fixture
def opportunity(opportunity):
    """The owner's opportunity, at the offer stage, where the plan is made."""
    opportunity.stage = Stage.OFFER
    opportunity.save()
    return opportunity


@pytest.fixture
def plan(opportunity):
    return NegotiationPlanFactory(opportunity=opportunity)


@pytest.fixture
def objective(opportunity):
    mission = MissionFactory(opportunity=opportunity)
    return ObjectiveFactory(mission=mission, title="Ship weekly instead of monthly")


@pytest.fixture
def ask(plan, objective):
    return SuccessAskFactory(
        plan=plan, description="A budget for platform debt", objective=objective
    )


@pytest.fixture
def dana(opportunity):
    return PersonFactory(opportunity=opportunity, name="Dana Okafor")


def url(name: str, opportunity, **kwargs) -> str:
    return reverse(name, kwargs={"pk": opportunity.pk, **kwargs})


def page_of(plan) -> str:
    return reverse("plan_detail", args=[plan.opportunity_id])


def snapshot() -> dict:
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for label in ("opportunities", "missions", "negotiation")
        for model in apps.get_app_config(label).get_models()
    }


def assert_region_only(response, region: str) -> str:
    content = response.content.decode()
    assert response.status_code == 200
    assert not select(content, "html")
    assert select(content, id=region), f"no #{region} in the fragment"
    return content


def ask_data(**overrides) -> dict:
    return {
        "category": "tech_debt",
        "description": "Twenty percent of engineering time for platform debt",
        "objective": "",
        "priority": "must",
        "amount": "",
        "currency": "",
    } | overrides


def money_data(plan, **overrides) -> dict:
    return {
        "version": plan.version,
        "currency": "USD",
        "target_base": "195000",
        "target_total": "",
        "walk_away": "178000",
        "deal_breakers": "More than two office days a week",
        "reasons": "The role now includes the routing platform.",
        "script": "",
    } | overrides


class TestPlanDetail:
    def test_shows_the_steps_in_the_order_the_method_teaches(self, owner_client, plan):
        response = owner_client.get(page_of(plan))

        content = response.content.decode()
        assert response.status_code == 200
        assert "Director of Product" in content
        assert "Kestrel Routing" in content
        headings = [
            'id="success-asks-heading"',
            'id="conversations-heading"',
            'id="offers-heading"',
            'id="money-heading"',
        ]
        positions = [content.index(heading) for heading in headings]
        assert positions == sorted(positions)
        assert "Success first, then money." in content

    def test_links_to_the_mission_the_prep_sheet_and_the_opportunity(self, owner_client, plan):
        content = owner_client.get(page_of(plan)).content.decode()

        assert links_to(content, url("mission_edit", plan.opportunity))
        assert links_to(content, url("plan_pdf", plan.opportunity))
        assert links_to(content, url("opportunity_detail", plan.opportunity))

    def test_creates_an_empty_plan_on_first_visit(self, owner_client, opportunity):
        response = owner_client.get(url("plan_detail", opportunity))

        assert response.status_code == 200
        assert NegotiationPlan.objects.filter(opportunity=opportunity).count() == 1
        assert "Start with the one thing your first objective cannot do without." in (
            response.content.decode()
        )

    def test_has_every_region_with_its_id(self, owner_client, plan):
        content = owner_client.get(page_of(plan)).content.decode()

        for region in (
            "announcer",
            "red-flags",
            "plan-progress",
            "success-asks",
            "conversations",
            "offers",
            "money-sequence",
            "money-ask",
            "money-outcome",
        ):
            assert select(content, id=region), region

    def test_shows_open_red_flags_prominently_above_the_steps(self, owner_client, plan):
        RedFlagFactory(plan=plan, title="Three versions of the same role")
        RedFlagFactory(plan=plan, title="Settled worry", resolved_at=timezone.now())

        content = owner_client.get(page_of(plan)).content.decode()

        assert "1 open red flag" in content
        assert position(content, text="Three versions of the same role") < position(
            content, id="success-asks-heading"
        )
        assert "1 resolved" in content

    def test_says_quietly_when_there_is_no_open_red_flag(self, owner_client, plan):
        content = owner_client.get(page_of(plan)).content.decode()

        assert "No open red flags." in content
        assert "open red flag" not in content.replace("No open red flags.", "")

    def test_warns_about_money_before_success_until_an_ask_was_put_to_them(
        self, owner_client, plan
    ):
        SuccessAskFactory(plan=plan, status=AskStatus.PLANNED)

        content = owner_client.get(page_of(plan)).content.decode()

        assert "Have the success conversation first." in content
        assert "You can prepare your money ask now" in content

    def test_drops_the_warning_once_an_ask_was_put_to_them(self, owner_client, plan):
        SuccessAskFactory(plan=plan, status=AskStatus.ASKED)

        content = owner_client.get(page_of(plan)).content.decode()

        assert "Have the success conversation first." not in content

    def test_never_blocks_the_money_ask(self, owner_client, plan):
        content = owner_client.get(page_of(plan)).content.decode()

        assert "Have the success conversation first." in content
        assert select(content, "form", action=url("money_ask_edit", plan.opportunity))
        assert select(content, "button", formaction=url("money_ask_draft", plan.opportunity))

    def test_warns_differently_when_they_refused_the_success_conversation(self, owner_client, plan):
        RedFlagFactory(plan=plan, kind=RedFlagKind.CONVERSATION_REFUSED)

        content = owner_client.get(page_of(plan)).content.decode()

        assert "They would not talk about what it takes to succeed." in content
        assert "Have the success conversation first." not in content

    def test_says_whether_the_success_conversation_happened_live(self, owner_client, plan, dana):
        ConversationFactory(plan=plan, about_success=True, channel="email")

        content = owner_client.get(page_of(plan)).content.decode()
        assert "The success conversation has not happened live yet." in content

        live = ConversationFactory.build(plan=plan, about_success=True, channel="video")
        services.record_conversation(conversation=live, people=[dana])  # as the user would

        content = owner_client.get(page_of(plan)).content.decode()
        assert "You had the success conversation live" in content
        assert "with Dana Okafor" in content

    def test_notes_a_written_conversation_is_not_live(self, owner_client, plan):
        ConversationFactory(plan=plan, channel="email", summary="Offer letter logistics")

        content = owner_client.get(page_of(plan)).content.decode()

        assert "Written, not live." in content

    def test_shows_the_users_record_next_to_the_long_run_figure(self, owner, owner_client, plan):
        for outcome in ("moved", "moved", "held"):
            MoneyAskFactory(plan__opportunity__owner=owner, outcome=outcome)

        content = owner_client.get(page_of(plan)).content.decode()

        assert "You asked 3 times; 2 moved the offer." in content
        assert "About 87% of people who ask get more." in content
        assert "in a tight market the share is lower" in content

    def test_numbers_each_asks_objective_like_the_mission(self, owner_client, plan, objective):
        # The fixture's position comes from a sequence that grows over the run: pin the order.
        objective.position = 0
        objective.save(update_fields=["position"])
        second = ObjectiveFactory(mission=objective.mission, title="Grow the team", position=1)
        SuccessAskFactory(plan=plan, objective=second)

        content = owner_client.get(page_of(plan)).content.decode()

        assert "Serves O2: Grow the team" in content

    def test_offers_only_this_missions_objectives(self, owner_client, plan, objective):
        other = ObjectiveFactory(mission=MissionFactory(), title="Somebody else's objective")

        content = owner_client.get(page_of(plan)).content.decode()

        assert select(content, "option", value=objective.pk)
        assert not select(content, "option", value=other.pk)

    def test_shows_user_html_as_text(self, owner_client, plan, objective):
        SuccessAskFactory(plan=plan, description=XSS[:300], employer_response=XSS)
        RedFlagFactory(plan=plan, title=XSS[:200], explanation=XSS)
        ConversationFactory(plan=plan, summary=XSS, outcomes=XSS)
        MoneyAskFactory(plan=plan, reasons=XSS, script=XSS)

        content = owner_client.get(page_of(plan)).content.decode()

        assert XSS not in content
        assert ESCAPED_XSS in content

    def test_answers_an_htmx_request_with_the_targeted_region_only(
        self, owner_client, plan, htmx_headers
    ):
        response = owner_client.get(page_of(plan), headers=htmx_headers("conversations"))

        content = assert_region_only(response, "conversations")
        assert not select(content, id="success-asks")

    def test_answers_an_unknown_htmx_target_with_the_whole_page(
        self, owner_client, plan, htmx_headers
    ):
        response = owner_client.get(page_of(plan), headers=htmx_headers("nonsense"))

        assert select(response, "html")

    def test_returns_404_for_a_stranger_and_creates_nothing(self, stranger_client, opportunity):
        response = stranger_client.get(url("plan_detail", opportunity))

        assert response.status_code == 404
        assert not NegotiationPlan.objects.exists()

    def test_returns_404_for_an_unknown_opportunity(self, owner_client):
        assert owner_client.get(reverse("plan_detail", args=[999_999])).status_code == 404

    def test_is_never_cached(self, owner_client, plan):
        assert "no-store" in owner_client.get(page_of(plan))["Cache-Control"]

    @pytest.mark.parametrize("rows", [2, 30])
    def test_query_count_does_not_grow_with_rows(
        self, owner, owner_client, plan, objective, django_assert_max_num_queries, rows
    ):
        people = PersonFactory.create_batch(3, opportunity=plan.opportunity)
        for i in range(rows):
            ask = SuccessAskFactory(plan=plan, objective=objective, status=AskStatus.ASKED)
            RedFlagFactory(plan=plan, ask=ask)
            RedFlagFactory(plan=plan, resolved_at=timezone.now())
            ConversationFactory(plan=plan, about_success=i % 2 == 0).people.set(people)
            OfferFactory(opportunity=plan.opportunity)
            QuestionFactory(mission=objective.mission)
            MoneyAskFactory(plan__opportunity__owner=owner, outcome="moved")
        MoneyAskFactory(plan=plan, script="Are you open to it?")

        with django_assert_max_num_queries(16):
            response = owner_client.get(page_of(plan))

        assert len(select(response, "li", id=re.compile(r"ask-\d+"))) == rows


class TestSuccessAskCreate:
    def test_adds_an_ask_and_redirects_to_it(self, owner_client, plan, objective):
        data = ask_data(objective=objective.pk, amount="120,000", currency="USD")

        response = owner_client.post(url("success_ask_create", plan.opportunity), data)

        ask = SuccessAsk.objects.get()
        assert response.status_code == 302
        assert response.url == f"{page_of(plan)}#ask-{ask.pk}"
        assert (ask.objective, ask.amount, ask.currency) == (objective, Decimal("120000"), "USD")
        assert ask.status == AskStatus.PLANNED

    def test_the_form_is_open_while_there_is_no_ask(self, owner_client, plan):
        content = owner_client.get(page_of(plan)).content.decode()

        assert select(content, "form", id="new-ask")
        assert "Add another ask" not in content

    def test_with_asks_the_form_is_a_button_that_opens_it_in_place(
        self, owner_client, ask, htmx_headers
    ):
        create_url = url("success_ask_create", ask.plan.opportunity)
        content = owner_client.get(page_of(ask.plan)).content.decode()
        assert not select(content, "form", id="new-ask")
        assert select(content, "a", href=f"{create_url}#new-ask", hx_get=create_url)

        response = owner_client.get(create_url, headers=htmx_headers("success-asks"))

        opened = assert_region_only(response, "success-asks")
        assert select(opened, "form", id="new-ask")
        assert select(opened, "input", type="text", name="description", autofocus=True)
        assert "Cancel" in opened
        assert SuccessAsk.objects.count() == 1

    def test_the_button_works_without_javascript(self, owner_client, ask):
        response = owner_client.get(url("success_ask_create", ask.plan.opportunity))

        content = response.content.decode()
        assert response.status_code == 200
        assert select(content, "html")
        assert select(content, "form", id="new-ask")

    def test_creates_the_plan_when_the_first_ask_comes_before_any_visit(
        self, owner_client, opportunity
    ):
        owner_client.post(url("success_ask_create", opportunity), ask_data())

        assert SuccessAsk.objects.get().plan.opportunity == opportunity

    def test_answers_htmx_with_the_asks_and_what_changed_elsewhere(
        self, owner_client, plan, htmx_headers
    ):
        response = owner_client.post(
            url("success_ask_create", plan.opportunity),
            ask_data(),
            headers=htmx_headers("success-asks"),
        )

        content = assert_region_only(response, "success-asks")
        assert "Twenty percent of engineering time for platform debt" in content
        assert select(content, id="plan-progress")
        assert select(content, id="money-sequence")
        assert select(
            content, id="announcer", class_="visually-hidden", role="status", aria_live="polite"
        )
        assert "Added “Twenty percent of engineering time for platform debt”" in content

    @pytest.mark.parametrize(
        ("amount", "message"),
        [
            ("-5", "This can&#x27;t be negative."),
            ("lots", "Enter a plain number"),
            ("2000000000", "That is more than 1,000,000,000. Check for an extra zero."),
            ("12.345", "Use at most two decimals"),
            ("NaN", "Enter a plain number"),
        ],
    )
    def test_refuses_a_bad_amount_and_keeps_what_was_typed(
        self, owner_client, plan, htmx_headers, amount, message
    ):
        data = ask_data(description="Coach for six months", amount=amount, currency="USD")

        response = owner_client.post(
            url("success_ask_create", plan.opportunity), data, headers=htmx_headers("success-asks")
        )

        content = assert_region_only(response, "success-asks")
        assert message in content
        assert select(content, "input", value="Coach for six months")
        assert select(content, "input", value=amount)
        assert not SuccessAsk.objects.exists()

    def test_refuses_an_unknown_currency(self, owner_client, plan):
        data = ask_data(amount="5000", currency="XYZ")

        response = owner_client.post(url("success_ask_create", plan.opportunity), data)

        assert response.status_code == 200
        assert "Choose a currency from the list" in response.content.decode()
        assert not SuccessAsk.objects.exists()

    def test_asks_which_currency_an_amount_is_in(self, owner_client, plan):
        response = owner_client.post(
            url("success_ask_create", plan.opportunity), ask_data(amount="5000")
        )

        assert "Which currency is the amount in?" in response.content.decode()
        assert not SuccessAsk.objects.exists()

    def test_refuses_another_missions_objective(self, owner, owner_client, plan):
        elsewhere = ObjectiveFactory(mission=MissionFactory(opportunity__owner=owner))

        response = owner_client.post(
            url("success_ask_create", plan.opportunity), ask_data(objective=elsewhere.pk)
        )

        assert response.status_code == 200
        assert "Choose one of this mission" in response.content.decode()
        assert not SuccessAsk.objects.exists()

    def test_asks_for_a_description(self, owner_client, plan):
        response = owner_client.post(
            url("success_ask_create", plan.opportunity), ask_data(description="")
        )

        assert "Say what you need, in a sentence." in response.content.decode()

    def test_ignores_a_posted_plan_status_or_position(self, owner, owner_client, plan):
        other = NegotiationPlanFactory(opportunity__owner=owner)
        data = ask_data(plan=other.pk, status="agreed", position=99, would_not_discuss="on")

        owner_client.post(url("success_ask_create", plan.opportunity), data)

        ask = SuccessAsk.objects.get()
        assert (ask.plan, ask.status, ask.position, ask.would_not_discuss) == (
            plan,
            AskStatus.PLANNED,
            0,
            False,
        )

    def test_returns_404_for_a_stranger_and_changes_nothing(self, stranger_client, plan):
        before = snapshot()

        response = stranger_client.post(url("success_ask_create", plan.opportunity), ask_data())

        assert response.status_code == 404
        assert snapshot() == before


class TestSuccessAskEdit:
    def edit_url(self, ask) -> str:
        return url("success_ask_edit", ask.plan.opportunity, ask_pk=ask.pk)

    def edit_data(self, ask, **overrides) -> dict:
        return (
            ask_data(
                description=ask.description,
                objective=ask.objective_id or "",
                status=ask.status,
                employer_response="",
            )
            | overrides
        )

    def test_opens_the_form_in_place(self, owner_client, ask, htmx_headers):
        response = owner_client.get(self.edit_url(ask), headers=htmx_headers("success-asks"))

        content = assert_region_only(response, "success-asks")
        assert "Edit the ask" in content
        assert "They would not even discuss it" in content

    def test_saves_what_they_said_and_redirects(self, owner_client, ask):
        data = self.edit_data(ask, status="agreed", employer_response="Yes, from day one.")

        response = owner_client.post(self.edit_url(ask), data)

        ask.refresh_from_db()
        assert response.status_code == 302
        assert (ask.status, ask.employer_response) == ("agreed", "Yes, from day one.")

    def test_declined_without_discussion_brings_the_red_flag_along(
        self, owner_client, ask, htmx_headers
    ):
        data = self.edit_data(ask, status="declined", would_not_discuss="on")

        response = owner_client.post(self.edit_url(ask), data, headers=htmx_headers("success-asks"))

        content = assert_region_only(response, "success-asks")
        assert select(content, "section", id="red-flags")
        assert "They would not discuss: A budget for platform debt" in content
        assert "A red flag is now at the top of your plan." in content
        assert RedFlag.objects.open().count() == 1

    def test_refuses_would_not_discuss_on_an_ask_that_was_not_declined(self, owner_client, ask):
        data = self.edit_data(ask, status="asked", would_not_discuss="on")

        response = owner_client.post(self.edit_url(ask), data)

        assert response.status_code == 200
        assert "Only a declined ask can be one they would not discuss." in (
            response.content.decode()
        )
        assert not RedFlag.objects.exists()

    def test_keeps_typed_text_when_invalid(self, owner_client, ask):
        data = self.edit_data(ask, description="Typed but unsaved", amount="-1", currency="USD")

        response = owner_client.post(self.edit_url(ask), data)

        content = response.content.decode()
        assert select(content, "input", value="Typed but unsaved")
        ask.refresh_from_db()
        assert ask.description == "A budget for platform debt"

    def test_returns_404_for_the_ask_under_another_opportunity_of_the_owner(
        self, owner, owner_client, ask
    ):
        other = OpportunityFactory(owner=owner)

        response = owner_client.get(url("success_ask_edit", other, ask_pk=ask.pk))

        assert response.status_code == 404

    def test_returns_404_for_a_stranger_and_changes_nothing(self, stranger_client, ask):
        before = snapshot()

        response = stranger_client.post(self.edit_url(ask), self.edit_data(ask, status="agreed"))

        assert response.status_code == 404
        assert snapshot() == before


class TestSuccessAskStatus:
    def status_url(self, ask) -> str:
        return url("success_ask_status", ask.plan.opportunity, ask_pk=ask.pk)

    def test_moves_the_ask_on_and_redirects(self, owner_client, ask):
        response = owner_client.post(self.status_url(ask), {"status": "asked"})

        ask.refresh_from_db()
        assert response.status_code == 302
        assert response.url == f"{page_of(ask.plan)}#ask-{ask.pk}"
        assert ask.status == AskStatus.ASKED

    def test_would_not_discuss_raises_the_flag_shown_without_a_reload(
        self, owner_client, ask, htmx_headers
    ):
        response = owner_client.post(
            self.status_url(ask), {"status": "not_discussed"}, headers=htmx_headers("success-asks")
        )

        content = assert_region_only(response, "success-asks")
        ask.refresh_from_db()
        assert (ask.status, ask.would_not_discuss) == (AskStatus.DECLINED, True)
        assert select(content, hx_swap_oob="true")
        assert "1 open red flag" in content
        assert "Marked “A budget for platform debt” as declined without discussion." in content
        assert "Have the success conversation first." not in content

    def test_the_sequencing_warning_goes_once_an_ask_is_asked(
        self, owner_client, ask, htmx_headers
    ):
        response = owner_client.post(
            self.status_url(ask), {"status": "asked"}, headers=htmx_headers("success-asks")
        )

        content = response.content.decode()
        assert select(content, "div", id="money-sequence", aria_live="polite", hx_swap_oob="true")
        assert "Have the success conversation first." not in content

    def test_refuses_an_unknown_status(self, owner_client, ask, htmx_headers):
        response = owner_client.post(
            self.status_url(ask), {"status": "won"}, headers=htmx_headers("success-asks")
        )

        content = assert_region_only(response, "success-asks")
        assert "Choose a status from the list." in content
        ask.refresh_from_db()
        assert ask.status == AskStatus.PLANNED

    def test_refuses_a_get(self, owner_client, ask):
        assert owner_client.get(self.status_url(ask)).status_code == 405

    def test_returns_404_for_a_stranger_and_changes_nothing(self, stranger_client, ask):
        before = snapshot()

        response = stranger_client.post(self.status_url(ask), {"status": "not_discussed"})

        assert response.status_code == 404
        assert snapshot() == before


class TestSuccessAskDelete:
    def delete_url(self, ask) -> str:
        return url("success_ask_delete", ask.plan.opportunity, ask_pk=ask.pk)

    def test_asks_first(self, owner_client, ask, htmx_headers):
        response = owner_client.get(self.delete_url(ask), headers=htmx_headers("success-asks"))

        content = assert_region_only(response, "success-asks")
        assert "Delete this ask?" in content
        assert SuccessAsk.objects.exists()

    def test_deletes_and_keeps_its_red_flag_open(self, owner_client, ask):
        from negotiation import services

        services.set_ask_status(ask=ask, status="declined", would_not_discuss=True)

        response = owner_client.post(self.delete_url(ask))

        assert response.status_code == 302
        assert not SuccessAsk.objects.exists()
        assert RedFlag.objects.open().count() == 1

    def test_returns_404_for_a_stranger_and_changes_nothing(self, stranger_client, ask):
        before = snapshot()

        assert stranger_client.post(self.delete_url(ask)).status_code == 404
        assert snapshot() == before


class TestRedFlagCreate:
    def test_notes_a_red_flag_by_hand(self, owner_client, plan, htmx_headers):
        response = owner_client.post(
            url("red_flag_create", plan.opportunity),
            {"title": "Three versions of the role", "explanation": "Nobody agrees on scope."},
            headers=htmx_headers("red-flags"),
        )

        content = assert_region_only(response, "red-flags")
        flag = RedFlag.objects.get()
        assert (flag.kind, flag.plan) == (RedFlagKind.MANUAL, plan)
        assert "Three versions of the role" in content
        assert "Nobody agrees on scope." in content

    def test_is_a_link_that_opens_the_form_in_place(self, owner_client, plan, htmx_headers):
        flag_url = url("red_flag_create", plan.opportunity)
        content = owner_client.get(page_of(plan)).content.decode()
        assert select(content, "a", href=f"{flag_url}#new-flag")
        assert not select(content, id="new-flag")

        response = owner_client.get(flag_url, headers=htmx_headers("red-flags"))

        opened = assert_region_only(response, "red-flags")
        assert select(opened, "form", id="new-flag")
        assert select(opened, name="title", autofocus=True)
        assert not RedFlag.objects.exists()

    def test_asks_what_was_noticed(self, owner_client, plan):
        response = owner_client.post(
            url("red_flag_create", plan.opportunity), {"title": "", "explanation": "Kept text"}
        )

        content = response.content.decode()
        assert response.status_code == 200
        assert "Name what you noticed, in a few words." in content
        assert "Kept text" in content
        assert not RedFlag.objects.exists()

    def test_ignores_a_posted_kind_or_resolution(self, owner_client, plan):
        owner_client.post(
            url("red_flag_create", plan.opportunity),
            {"title": "Vague", "kind": "conversation_refused", "resolved_at": "2020-01-01"},
        )

        flag = RedFlag.objects.get()
        assert (flag.kind, flag.resolved_at) == (RedFlagKind.MANUAL, None)

    def test_returns_404_for_a_stranger_and_changes_nothing(self, stranger_client, plan):
        before = snapshot()

        response = stranger_client.post(url("red_flag_create", plan.opportunity), {"title": "x"})

        assert response.status_code == 404
        assert snapshot() == before


class TestRedFlagResolve:
    def resolve_url(self, flag) -> str:
        return url("red_flag_resolve", flag.plan.opportunity, flag_pk=flag.pk)

    def test_opens_the_note_in_place(self, owner_client, plan, htmx_headers):
        flag = RedFlagFactory(plan=plan)

        response = owner_client.get(self.resolve_url(flag), headers=htmx_headers("red-flags"))

        content = assert_region_only(response, "red-flags")
        assert "What changed" in content
        assert "Resolve the red flag" in content

    def test_resolves_with_a_note(self, owner_client, plan):
        flag = RedFlagFactory(plan=plan, title="Vague budget owner")

        response = owner_client.post(
            self.resolve_url(flag), {"resolution_note": "The CFO confirmed the budget."}
        )

        flag.refresh_from_db()
        assert response.status_code == 302
        assert not flag.is_open
        assert flag.resolution_note == "The CFO confirmed the budget."

    def test_needs_a_note(self, owner_client, plan, htmx_headers):
        flag = RedFlagFactory(plan=plan)

        response = owner_client.post(
            self.resolve_url(flag), {"resolution_note": " "}, headers=htmx_headers("red-flags")
        )

        content = assert_region_only(response, "red-flags")
        assert "Say in a sentence what changed" in content
        flag.refresh_from_db()
        assert flag.is_open

    def test_returns_404_for_a_stranger_and_changes_nothing(self, stranger_client, plan):
        flag = RedFlagFactory(plan=plan)
        before = snapshot()

        response = stranger_client.post(self.resolve_url(flag), {"resolution_note": "Mine now"})

        assert response.status_code == 404
        assert snapshot() == before


class TestSuccessConversationRefused:
    def test_raises_a_red_flag_shown_without_a_reload(self, owner_client, plan, htmx_headers):
        response = owner_client.post(
            url("success_conversation_refused", plan.opportunity),
            {"note": "Resources are decided after you join."},
            headers=htmx_headers("success-asks"),
        )

        content = assert_region_only(response, "success-asks")
        flag = RedFlag.objects.get()
        assert flag.kind == RedFlagKind.CONVERSATION_REFUSED
        assert "Resources are decided after you join." in flag.explanation
        assert "They would not talk about what it takes to succeed" in content
        assert "They would not talk about what it takes to succeed." in content  # the warning

    def test_records_it_once(self, owner_client, plan):
        for _ in range(2):
            response = owner_client.post(url("success_conversation_refused", plan.opportunity))
            assert response.status_code == 302

        assert RedFlag.objects.count() == 1

    def test_is_a_link_until_opened_then_a_form_in_place(self, owner_client, plan, htmx_headers):
        refused_url = url("success_conversation_refused", plan.opportunity)
        page = owner_client.get(page_of(plan)).content.decode()
        assert select(page, "a", href=f"{refused_url}#refused")
        assert not select(page, id="refused")  # the form is fetched when asked for

        response = owner_client.get(refused_url, headers=htmx_headers("success-asks"))

        content = assert_region_only(response, "success-asks")
        assert "Record that they refused" in content
        assert select(content, "textarea", name="note", autofocus=True, id="refused-note")
        assert not RedFlag.objects.exists()

    def test_opens_without_javascript_as_the_page_with_the_form(self, owner_client, plan):
        response = owner_client.get(url("success_conversation_refused", plan.opportunity))

        content = response.content.decode()
        assert response.status_code == 200
        assert select(content, "html")
        assert select(content, id="refused")
        assert not RedFlag.objects.exists()

    def test_refuses_a_put(self, owner_client, plan):
        response = owner_client.put(url("success_conversation_refused", plan.opportunity))

        assert response.status_code == 405

    def test_returns_404_for_a_stranger_and_changes_nothing(self, stranger_client, plan):
        before = snapshot()

        response = stranger_client.post(url("success_conversation_refused", plan.opportunity))

        assert response.status_code == 404
        assert snapshot() == before


def conversation_data(**overrides) -> dict:
    return {
        "happened_on": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
        "channel": "video",
        "summary": "Walked Dana through the three asks.",
        "outcomes": "Budget yes; headcount after the CFO.",
    } | overrides


class TestConversationCreate:
    def test_the_form_is_open_until_the_first_conversation_then_a_button(
        self, owner_client, plan, htmx_headers
    ):
        create_url = url("conversation_create", plan.opportunity)
        assert select(owner_client.get(page_of(plan)), id="new-conversation")
        services.record_conversation(conversation=ConversationFactory.build(plan=plan), people=[])

        content = owner_client.get(page_of(plan)).content.decode()
        assert not select(content, id="new-conversation")
        assert select(content, "a", href=f"{create_url}#new-conversation", hx_get=create_url)

        response = owner_client.get(create_url, headers=htmx_headers("conversations"))

        opened = assert_region_only(response, "conversations")
        assert select(opened, "form", id="new-conversation")
        assert "Log the conversation" in opened
        assert Conversation.objects.count() == 1

    def test_logs_a_live_success_conversation_with_the_people(
        self, owner_client, plan, dana, htmx_headers
    ):
        data = conversation_data(people=[dana.pk], about_success="on")

        response = owner_client.post(
            url("conversation_create", plan.opportunity),
            data,
            headers=htmx_headers("conversations"),
        )

        content = assert_region_only(response, "conversations")
        conversation = Conversation.objects.get()
        assert list(conversation.people.all()) == [dana]
        assert conversation.about_success
        assert "You had the success conversation live" in content
        assert select(content, "nav", id="plan-progress")
        assert "Held live" in content

    def test_nudges_toward_a_live_conversation_after_an_email(self, owner_client, plan):
        response = owner_client.post(
            url("conversation_create", plan.opportunity),
            conversation_data(channel="email"),
            follow=True,
        )

        content = response.content.decode()
        assert "Next time, try to have it live" in content
        assert "Written, not live." in content

    def test_shows_the_email_nudge_when_email_was_chosen(self, owner_client, plan):
        response = owner_client.post(
            url("conversation_create", plan.opportunity),
            conversation_data(channel="email", summary=""),
        )

        content = response.content.decode()
        assert select(content, class_="email-nudge is-shown")
        assert "Email is fine for logistics." in content

    def test_refuses_someone_from_another_opportunity(self, owner, owner_client, plan):
        stranger_person = PersonFactory(opportunity=OpportunityFactory(owner=owner))

        response = owner_client.post(
            url("conversation_create", plan.opportunity),
            conversation_data(people=[stranger_person.pk]),
        )

        assert response.status_code == 200
        assert "Choose people from this opportunity only." in response.content.decode()
        assert not Conversation.objects.exists()

    def test_refuses_a_date_in_the_future_and_keeps_the_summary(self, owner_client, plan):
        tomorrow = timezone.localdate() + dt.timedelta(days=1)

        response = owner_client.post(
            url("conversation_create", plan.opportunity),
            conversation_data(happened_on=tomorrow.isoformat(), summary="Kept words"),
        )

        content = response.content.decode()
        assert "That is in the future." in content
        assert "Kept words" in content
        assert not Conversation.objects.exists()

    def test_returns_404_for_a_stranger_and_changes_nothing(self, stranger_client, plan):
        before = snapshot()

        response = stranger_client.post(
            url("conversation_create", plan.opportunity), conversation_data()
        )

        assert response.status_code == 404
        assert snapshot() == before


class TestConversationEdit:
    def edit_url(self, conversation) -> str:
        return url(
            "conversation_edit", conversation.plan.opportunity, conversation_pk=conversation.pk
        )

    def test_opens_the_form_in_place_with_the_email_nudge_for_an_email(
        self, owner_client, plan, htmx_headers
    ):
        conversation = ConversationFactory(plan=plan, channel="email")

        response = owner_client.get(
            self.edit_url(conversation), headers=htmx_headers("conversations")
        )

        content = assert_region_only(response, "conversations")
        assert "Edit the conversation" in content
        assert select(content, class_="email-nudge is-shown")

    def test_saves_the_changes(self, owner_client, plan, dana):
        conversation = ConversationFactory(plan=plan)

        response = owner_client.post(
            self.edit_url(conversation),
            conversation_data(channel="in_person", people=[dana.pk], summary="Coffee with Dana"),
        )

        conversation.refresh_from_db()
        assert response.status_code == 302
        assert (conversation.channel, conversation.summary) == ("in_person", "Coffee with Dana")
        assert list(conversation.people.all()) == [dana]

    def test_returns_404_for_a_stranger_and_changes_nothing(self, stranger_client, plan):
        conversation = ConversationFactory(plan=plan)
        before = snapshot()

        response = stranger_client.post(self.edit_url(conversation), conversation_data())

        assert response.status_code == 404
        assert snapshot() == before


class TestConversationDelete:
    def delete_url(self, conversation) -> str:
        return url(
            "conversation_delete", conversation.plan.opportunity, conversation_pk=conversation.pk
        )

    def test_asks_first_then_deletes(self, owner_client, plan, htmx_headers):
        conversation = ConversationFactory(plan=plan)

        confirm = owner_client.get(
            self.delete_url(conversation), headers=htmx_headers("conversations")
        )
        assert "and your notes on it?" in assert_region_only(confirm, "conversations")

        response = owner_client.post(self.delete_url(conversation))

        assert response.status_code == 302
        assert not Conversation.objects.exists()

    def test_returns_404_for_a_stranger_and_changes_nothing(self, stranger_client, plan):
        conversation = ConversationFactory(plan=plan)
        before = snapshot()

        assert stranger_client.post(self.delete_url(conversation)).status_code == 404
        assert snapshot() == before


class TestMoneyAskEdit:
    def test_saves_the_targets_and_reasons(self, owner_client, plan):
        response = owner_client.post(url("money_ask_edit", plan.opportunity), money_data(plan))

        money_ask = MoneyAsk.objects.get()
        assert response.status_code == 302
        assert response.url == f"{page_of(plan)}#money-ask"
        assert (money_ask.target_base, money_ask.walk_away) == (Decimal(195000), Decimal(178000))
        assert money_ask.reasons == "The role now includes the routing platform."

    def test_shows_whole_amounts_without_cents(self, owner_client, plan):
        MoneyAskFactory(plan=plan, target_base=Decimal("195000.00"))

        content = owner_client.get(url("money_ask_edit", plan.opportunity)).content.decode()

        assert select(content, "input", value="195000")

    def test_a_saved_ask_reads_as_text_with_an_edit_button(self, owner_client, plan):
        MoneyAskFactory(
            plan=plan,
            currency="USD",
            target_base=Decimal("195000.00"),
            walk_away=Decimal("178000"),
            reasons="The role now includes the routing platform.",
            script="Are you open to a base salary of USD 195,000?",
        )
        edit_url = url("money_ask_edit", plan.opportunity)

        content = owner_client.get(page_of(plan)).content.decode()

        region = one(content, id="money-ask")
        text = text_of(region)
        assert not select(region, "form")
        assert "195,000" in text
        assert "The role now includes the routing platform." in text
        assert "Private: never in your script." in text
        assert select(region, id="money-script")
        assert "Copy the script" in text
        assert select(region, "a", href=f"{edit_url}#money-ask")

    def test_the_edit_button_opens_the_form_in_place(self, owner_client, plan, htmx_headers):
        MoneyAskFactory(plan=plan, reasons="Saved reasons")

        response = owner_client.get(
            url("money_ask_edit", plan.opportunity), headers=htmx_headers("money-ask")
        )

        content = assert_region_only(response, "money-ask")
        assert select(content, "textarea", text="Saved reasons")
        assert select(content, id="money-version")
        assert response["JM-Focus"] == "money-currency"

    def test_answers_htmx_with_the_money_ask(self, owner_client, plan, htmx_headers):
        response = owner_client.post(
            url("money_ask_edit", plan.opportunity),
            money_data(plan),
            headers=htmx_headers("money-ask"),
        )

        content = assert_region_only(response, "money-ask")
        assert "Saved your money ask." in content
        assert "Edit your money ask" in content  # saved: read as text
        assert not select(content, "form")
        opened = owner_client.get(
            url("money_ask_edit", plan.opportunity), headers=htmx_headers("money-ask")
        ).content.decode()
        assert select(opened, "input", name="version", value="2")

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("target_base", "-100", "This can&#x27;t be negative."),
            ("target_base", "a lot", "Enter a plain number"),
            ("walk_away", "99999999999", "Check for an extra zero."),
            ("currency", "DOGE", "Choose a currency from the list"),
            ("currency", "", "Choose the currency of your target."),
            ("walk_away", "250000", "This is above your target."),
            ("target_total", "100000", "cannot be below it"),
        ],
    )
    def test_refuses_bad_numbers_keeps_what_was_typed_and_saves_nothing(
        self, owner_client, plan, htmx_headers, field, value, message
    ):
        data = money_data(plan, **{field: value}, reasons="My typed reasons")

        response = owner_client.post(
            url("money_ask_edit", plan.opportunity), data, headers=htmx_headers("money-ask")
        )

        content = assert_region_only(response, "money-ask")
        assert message in content
        assert "My typed reasons" in content
        assert not MoneyAsk.objects.exists()

    def test_a_save_from_a_stale_tab_is_a_visible_conflict_that_keeps_the_text(
        self, owner_client, plan, htmx_headers
    ):
        MoneyAskFactory(plan=plan, reasons="Saved in the other tab")
        NegotiationPlan.objects.filter(pk=plan.pk).update(version=5)

        response = owner_client.post(
            url("money_ask_edit", plan.opportunity),
            money_data(plan, version=4, reasons="Typed in this tab"),
            headers=htmx_headers("money-ask"),
        )

        content = assert_region_only(response, "money-ask")
        assert "changed in another tab or by another device" in content
        assert "Typed in this tab" in content
        assert select(content, "input", name="version", value="5")
        assert MoneyAsk.objects.get().reasons == "Saved in the other tab"

    def test_returns_404_for_a_stranger_and_changes_nothing(self, stranger_client, plan):
        before = snapshot()

        response = stranger_client.post(url("money_ask_edit", plan.opportunity), money_data(plan))

        assert response.status_code == 404
        assert snapshot() == before


class TestMoneyAskDraft:
    def test_drafts_the_collaborative_ask_from_the_reasons(self, owner_client, plan, htmx_headers):
        SuccessAskFactory(plan=plan, status="agreed", description="A coaching budget")

        response = owner_client.post(
            url("money_ask_draft", plan.opportunity),
            money_data(plan),
            headers=htmx_headers("money-ask"),
        )

        content = assert_region_only(response, "money-ask")
        script = MoneyAsk.objects.get().script
        assert "Are you open to a base salary of USD 195,000?" in script
        assert "The role now includes the routing platform." in script
        assert "a coaching budget" in script
        assert "178" not in script
        assert "Are you open to a base salary of USD 195,000?" in content
        assert "Copy the script" in content
        # The form stays open, the cursor in the script, to make it one's own.
        assert select(content, "textarea", id="money-script")
        assert response["JM-Focus"] == "money-script"

    def test_without_javascript_comes_back_to_the_open_form(self, owner_client, plan):
        response = owner_client.post(url("money_ask_draft", plan.opportunity), money_data(plan))

        assert response.status_code == 302
        assert response.url == f"{url('money_ask_edit', plan.opportunity)}#money-script"
        content = owner_client.get(response.url).content.decode()
        assert select(content, "textarea", name="script", id="money-script")

    def test_without_reasons_says_so_next_to_the_field_and_drafts_nothing(
        self, owner_client, plan, htmx_headers
    ):
        response = owner_client.post(
            url("money_ask_draft", plan.opportunity),
            money_data(plan, reasons=""),
            headers=htmx_headers("money-ask"),
        )

        content = assert_region_only(response, "money-ask")
        assert "Write your honest reasons first: the ask rests on them." in content
        assert select(content, "input", value="195000")
        assert not MoneyAsk.objects.exists()

    def test_without_a_target_says_so(self, owner_client, plan):
        response = owner_client.post(
            url("money_ask_draft", plan.opportunity), money_data(plan, target_base="")
        )

        assert "Add the base salary or the yearly total you will ask for." in (
            response.content.decode()
        )
        assert not MoneyAsk.objects.exists()

    def test_works_as_a_plain_post(self, owner_client, plan):
        response = owner_client.post(url("money_ask_draft", plan.opportunity), money_data(plan))

        assert response.status_code == 302
        assert MoneyAsk.objects.get().script.startswith("Thank you for the offer.")

    def test_refuses_a_get(self, owner_client, plan):
        assert owner_client.get(url("money_ask_draft", plan.opportunity)).status_code == 405

    def test_returns_404_for_a_stranger_and_changes_nothing(self, stranger_client, plan):
        before = snapshot()

        response = stranger_client.post(url("money_ask_draft", plan.opportunity), money_data(plan))

        assert response.status_code == 404
        assert snapshot() == before


def outcome_data(**overrides) -> dict:
    return {
        "asked_on": timezone.localdate().isoformat(),
        "asked_amount": "195000",
        "offered_before": "180000",
        "offered_after": "188000",
        "outcome": "moved",
    } | overrides


class TestMoneyAskOutcome:
    def test_records_how_it_went_and_updates_the_record(self, owner_client, plan, htmx_headers):
        MoneyAskFactory(plan=plan)

        response = owner_client.post(
            url("money_ask_outcome", plan.opportunity),
            outcome_data(),
            headers=htmx_headers("money-outcome"),
        )

        content = assert_region_only(response, "money-outcome")
        money_ask = MoneyAsk.objects.get()
        assert (money_ask.outcome, money_ask.offered_after) == ("moved", Decimal(188000))
        assert "You asked once, and it moved the offer." in content
        assert "Asked · they moved" in content

    def test_moved_means_the_offer_went_up(self, owner_client, plan):
        MoneyAskFactory(plan=plan)

        response = owner_client.post(
            url("money_ask_outcome", plan.opportunity), outcome_data(offered_after="180000")
        )

        assert "They moved means the offer went up." in response.content.decode()
        assert MoneyAsk.objects.get().outcome == "not_yet"

    def test_an_answer_needs_the_date_of_the_ask(self, owner_client, plan):
        MoneyAskFactory(plan=plan)

        response = owner_client.post(
            url("money_ask_outcome", plan.opportunity), outcome_data(asked_on="", outcome="held")
        )

        assert "When did you ask? A date is enough." in response.content.decode()

    def test_needs_a_money_ask_first(self, owner_client, plan, htmx_headers):
        response = owner_client.post(
            url("money_ask_outcome", plan.opportunity),
            outcome_data(),
            headers=htmx_headers("money-outcome"),
        )

        content = assert_region_only(response, "money-outcome")
        assert "Save your target and reasons first" in content
        assert not MoneyAsk.objects.exists()

    def test_returns_404_for_a_stranger_and_changes_nothing(self, stranger_client, plan):
        MoneyAskFactory(plan=plan)
        before = snapshot()

        response = stranger_client.post(url("money_ask_outcome", plan.opportunity), outcome_data())

        assert response.status_code == 404
        assert snapshot() == before


class TestPlanStage:
    def test_moves_the_opportunity_and_records_when(self, owner_client, plan):
        response = owner_client.post(url("plan_stage", plan.opportunity), {"stage": "accepted"})

        plan.opportunity.refresh_from_db()
        assert response.status_code == 302
        assert response.url == f"{page_of(plan)}#plan-stage"
        assert plan.opportunity.stage == Stage.ACCEPTED
        assert StageChange.objects.filter(to_stage=Stage.ACCEPTED).count() == 1

    def test_offers_only_offer_accepted_and_declined(self, owner_client, plan):
        response = owner_client.post(url("plan_stage", plan.opportunity), {"stage": "exploring"})

        plan.opportunity.refresh_from_db()
        assert response.status_code == 200
        assert "Choose offer, accepted or declined." in response.content.decode()
        assert plan.opportunity.stage == Stage.OFFER

    def test_says_so_when_nothing_changed(self, owner_client, plan):
        response = owner_client.post(
            url("plan_stage", plan.opportunity), {"stage": "offer"}, follow=True
        )

        assert "It is already at Offer: nothing changed." in response.content.decode()

    def test_returns_404_for_a_stranger_and_changes_nothing(self, stranger_client, plan):
        before = snapshot()

        response = stranger_client.post(url("plan_stage", plan.opportunity), {"stage": "declined"})

        assert response.status_code == 404
        assert snapshot() == before
