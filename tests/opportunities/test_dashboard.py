"""The signed-in front page: the pipeline by stage, the focus share, interviews, due steps."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from opportunities.models import ACTIVE_STAGES, Fit, Opportunity, Stage
from opportunities.pipeline import FitShare
from tests.factories import (
    ConversationFactory,
    FocusFactory,
    InterviewFactory,
    MoneyAskFactory,
    NegotiationPlanFactory,
    OfferFactory,
    OpportunityFactory,
    PersonFactory,
    RedFlagFactory,
)
from tests.html import document, select, text_of, texts


class TestDashboard:
    url = "/"

    def test_shows_the_share_of_the_active_pipeline_that_fits_the_focus(self, owner, owner_client):
        OpportunityFactory.create_batch(2, owner=owner, fit=Fit.STRONG)
        OpportunityFactory(owner=owner, fit=Fit.OFF)
        OpportunityFactory(owner=owner, fit=Fit.STRONG, stage=Stage.DECLINED)

        page = owner_client.get(self.url).content.decode()

        assert "67%" in page
        assert "2 of 3" in texts(page, "strong")
        assert "2 of 3 active opportunities are strong fits" in text_of(document(page))

    def test_draws_the_fit_bar_without_inline_styles(self, owner, owner_client):
        OpportunityFactory(owner=owner, fit=Fit.STRONG)
        OpportunityFactory(owner=owner, fit=Fit.PARTIAL)

        page = owner_client.get(self.url).content.decode()

        assert select(page, "rect", class_="seg-strong", x="0", y="0", width="50")
        assert select(page, "rect", class_="seg-partial", x="50", y="0", width="50")
        assert "style=" not in page

    def test_groups_active_opportunities_by_stage(self, owner, owner_client):
        OpportunityFactory(owner=owner, company="Acme Cloud", stage=Stage.INTERVIEWING)
        OpportunityFactory(owner=owner, company="Old Corp", stage=Stage.WITHDRAWN)

        response = owner_client.get(self.url)

        columns = {c.stage: [o.company for o in c.shown] for c in response.context["by_stage"]}
        assert list(columns) == list(ACTIVE_STAGES)
        assert columns[Stage.INTERVIEWING] == ["Acme Cloud"]
        assert "Old Corp" not in response.content.decode()

    def test_links_to_the_rest_of_a_crowded_stage(self, owner, owner_client):
        OpportunityFactory.create_batch(7, owner=owner, stage=Stage.APPLIED)

        page = owner_client.get(self.url).content.decode()

        assert "See all 7" in page
        assert select(page, "a", href="/opportunities/?stage=applied")

    def test_shows_the_five_most_recently_touched_of_a_stage_and_counts_by_fit(
        self, owner, owner_client
    ):
        now = timezone.now()
        for n in range(7):
            opportunity = OpportunityFactory(
                owner=owner, company=f"Applied {n}", stage=Stage.APPLIED, fit=Fit.STRONG
            )
            Opportunity.objects.filter(pk=opportunity.pk).update(
                updated_at=now - dt.timedelta(days=n)
            )
        OpportunityFactory(owner=owner, stage=Stage.INTERVIEWING, fit=Fit.OFF)
        OpportunityFactory(owner=owner, stage=Stage.WITHDRAWN, fit=Fit.STRONG)
        OpportunityFactory(stage=Stage.APPLIED, fit=Fit.STRONG)  # someone else's

        response = owner_client.get(self.url)

        applied = next(c for c in response.context["by_stage"] if c.stage == Stage.APPLIED)
        assert [o.company for o in applied.shown] == [f"Applied {n}" for n in range(5)]
        assert applied.count == 7
        assert response.context["active_count"] == 8
        share = response.context["fit_share"]
        assert (share.strong, share.partial, share.off) == (7, 0, 1)
        assert "7 of 8" in texts(response, "strong")

    def test_leaves_out_steps_of_closed_opportunities(self, owner, owner_client):
        today = timezone.localdate()
        OpportunityFactory(owner=owner, next_step="Chase", next_step_due=today)
        OpportunityFactory(
            owner=owner, stage=Stage.WITHDRAWN, next_step="Old chase", next_step_due=today
        )

        response = owner_client.get(self.url)

        assert [o.next_step for o in response.context["due_steps"]] == ["Chase"]

    def test_lists_due_steps_of_opportunities_beyond_a_stages_first_five_soonest_first(
        self, owner, owner_client
    ):
        today = timezone.localdate()
        now = timezone.now()
        for n in range(7):
            opportunity = OpportunityFactory(
                owner=owner,
                company=f"Applied {n}",
                stage=Stage.APPLIED,
                next_step=f"Chase {n}" if n in (1, 6) else "",
                next_step_due=today - dt.timedelta(days=n) if n in (1, 6) else None,
            )
            Opportunity.objects.filter(pk=opportunity.pk).update(
                updated_at=now - dt.timedelta(days=n)
            )
        OpportunityFactory(
            owner=owner, next_step="Later", next_step_due=today + dt.timedelta(days=30)
        )

        response = owner_client.get(self.url)

        assert [o.next_step for o in response.context["due_steps"]] == ["Chase 6", "Chase 1"]
        page = response.content.decode()
        assert "Chase 6" in page
        assert "Applied 6" in page  # named beside its step, though not in the stage's column
        assert "Later" not in page

    def test_nudges_to_set_a_focus_when_there_is_none(self, owner_client):
        page = owner_client.get(self.url).content.decode()

        assert "Set your focus" in page
        assert "Getting started" in page

    def test_shows_the_focus_attributes(self, owner, owner_client):
        FocusFactory(owner=owner, attribute_1="Product leader for dev tools")

        page = owner_client.get(self.url).content.decode()

        assert "Product leader for dev tools" in page
        assert "Set your focus" not in page

    def test_lists_upcoming_interviews_only(self, owner, owner_client):
        opportunity = OpportunityFactory(owner=owner, company="Acme Cloud")
        dana = PersonFactory(opportunity=opportunity, name="Dana Lee")
        InterviewFactory(opportunity=opportunity).people.add(dana)
        InterviewFactory(
            opportunity=opportunity,
            kind="screen",
            scheduled_at=timezone.now() - dt.timedelta(days=1),
        )

        page = owner_client.get(self.url).content.decode()
        # The past interview shows in the debrief reminders instead (councils' debrief_reminders).
        upcoming = page.split('aria-labelledby="interviews-heading"')[1].split("</section>")[0]

        assert "Hiring manager · Video call · with Dana Lee" in upcoming
        assert "Recruiter screen" not in upcoming

    def test_lists_next_steps_due_or_overdue(self, owner, owner_client):
        today = timezone.localdate()
        OpportunityFactory(
            owner=owner, next_step="Follow up", next_step_due=today - dt.timedelta(days=2)
        )
        OpportunityFactory(owner=owner, next_step="Send the PDF", next_step_due=today)
        OpportunityFactory(
            owner=owner, next_step="Far away", next_step_due=today + dt.timedelta(days=30)
        )

        response = owner_client.get(self.url)

        page = response.content.decode()
        assert [o.next_step for o in response.context["due_steps"]] == [
            "Follow up",
            "Send the PDF",
        ]
        assert "Overdue" in page
        assert "Today" in page
        assert "Far away" not in page

    def test_shows_html_as_text(self, owner, owner_client):
        OpportunityFactory(owner=owner, company="<script>alert(1)</script>", next_step="x")

        page = owner_client.get(self.url).content.decode()

        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page

    def test_shows_a_stranger_nothing_of_the_owner(self, owner, stranger_client):
        opportunity = OpportunityFactory(owner=owner, company="Owner Secret Co", next_step="Ping")
        InterviewFactory(opportunity=opportunity)
        FocusFactory(owner=owner, attribute_1="Owner secret attribute")

        page = stranger_client.get(self.url).content.decode()

        assert "Owner Secret Co" not in page
        assert "Owner secret attribute" not in page
        assert "Set your focus" in page

    def test_anonymous_visitors_get_the_landing_page(self, anonymous_client):
        response = anonymous_client.get(self.url)

        assert response.status_code == 200
        assert response.templates[0].name == "opportunities/landing.html"

    def test_lists_open_red_flags_of_active_opportunities(self, owner, owner_client):
        plan = NegotiationPlanFactory(opportunity__owner=owner, opportunity__company="Acme Cloud")
        RedFlagFactory(plan=plan, title="They would not discuss the platform budget")
        RedFlagFactory(plan=plan, title="Resolved worry", resolved_at=timezone.now())
        closed = NegotiationPlanFactory(
            opportunity__owner=owner, opportunity__stage=Stage.WITHDRAWN
        )
        RedFlagFactory(plan=closed, title="Flag of a withdrawn opportunity")

        page = owner_client.get(self.url).content.decode()

        assert "Open red flags" in page
        assert "They would not discuss the platform budget" in page
        flag = re.compile(rf"/opportunities/{plan.opportunity_id}/plan/#red-flag-\d+")
        assert select(page, "a", href=flag)
        assert "Resolved worry" not in page
        assert "Flag of a withdrawn opportunity" not in page

    def test_shows_where_each_offer_stage_negotiation_stands(self, owner, owner_client):
        today = timezone.localdate()
        held = NegotiationPlanFactory(opportunity__owner=owner, opportunity__role="Head of Product")
        ConversationFactory(plan=held, about_success=True, channel="phone")
        MoneyAskFactory(plan=held, outcome="moved", asked_on=today)
        OfferFactory(opportunity=held.opportunity, deadline=today + dt.timedelta(days=2))
        fresh = NegotiationPlanFactory(
            opportunity__owner=owner, opportunity__role="Director of Product"
        )
        ConversationFactory(plan=fresh, about_success=True, channel="email")
        RedFlagFactory(plan=fresh)

        response = owner_client.get(self.url)

        standings = {s.opportunity.role: s for s in response.context["negotiations"]}
        assert standings["Head of Product"].success_live
        assert standings["Head of Product"].money_asked
        assert standings["Head of Product"].deadline == today + dt.timedelta(days=2)
        assert not standings["Director of Product"].success_live
        assert standings["Director of Product"].open_flags == 1
        page = response.content.decode()
        assert "Offers in negotiation" in page
        assert "Success conversation held live" in page
        assert "Success conversation not held live yet" in page
        assert "Answer due" in page
        assert "1 open red flag" in page

    def test_counts_each_red_flag_once_whatever_else_the_plan_holds(self, owner, owner_client):
        plan = NegotiationPlanFactory(opportunity__owner=owner, opportunity__role="Busy plan")
        for channel in ("phone", "video", "email"):
            ConversationFactory(plan=plan, about_success=True, channel=channel)
        RedFlagFactory.create_batch(2, plan=plan)
        RedFlagFactory(plan=plan, resolved_at=timezone.now())
        MoneyAskFactory(plan=plan, script="Are you open to …?")

        response = owner_client.get(self.url)

        (standing,) = response.context["negotiations"]
        assert standing.open_flags == 2
        assert standing.success_live is True
        assert (standing.money_drafted, standing.money_asked) == (True, False)
        assert "2 open red flags" in response.content.decode()

    def test_shows_the_six_nearest_deadlines_and_links_to_the_rest(self, owner, owner_client):
        today = timezone.localdate()
        for days in range(8, 0, -1):
            plan = NegotiationPlanFactory(
                opportunity__owner=owner, opportunity__role=f"Role due in {days} days"
            )
            OfferFactory(opportunity=plan.opportunity, deadline=today + dt.timedelta(days=days))

        response = owner_client.get(self.url)

        page = response.content.decode()
        assert [s.opportunity.role for s in response.context["negotiations"]] == [
            f"Role due in {days} days" for days in range(1, 7)
        ]
        assert "Role due in 7 days" not in page
        assert "See all 8 in the offer stage" in page
        assert select(page, "a", href="/opportunities/?stage=offer")

    def test_shows_no_negotiations_without_an_offer_stage_opportunity(self, owner, owner_client):
        NegotiationPlanFactory(opportunity__owner=owner, opportunity__stage=Stage.INTERVIEWING)

        response = owner_client.get(self.url)

        assert response.context["negotiations"] == []
        assert "Offers in negotiation" not in response.content.decode()

    def test_shows_a_stranger_none_of_the_owners_red_flags(self, owner, stranger_client):
        RedFlagFactory(plan__opportunity__owner=owner, title="Owner's secret flag")

        page = stranger_client.get(self.url).content.decode()

        assert "Owner&#x27;s secret flag" not in page
        assert "Open red flags" not in page

    @pytest.mark.parametrize("rows", [5, 200])
    def test_query_count_does_not_grow_with_rows(
        self, owner, owner_client, django_assert_max_num_queries, rows
    ):
        FocusFactory(owner=owner)
        stages = list(Stage.values)
        for i in range(rows):
            opportunity = OpportunityFactory(
                owner=owner,
                stage=stages[i % len(stages)],
                fit=list(Fit.values)[i % 3],
                next_step="Call",
                next_step_due=timezone.localdate(),
            )
            InterviewFactory(opportunity=opportunity).people.add(
                PersonFactory(opportunity=opportunity)
            )
            plan = NegotiationPlanFactory(opportunity=opportunity)
            RedFlagFactory(plan=plan)
            ConversationFactory(plan=plan, about_success=True)
            MoneyAskFactory(plan=plan, outcome="moved")
            OfferFactory(opportunity=opportunity)

        # Session and user; the debrief reminders' query (councils_tags.debrief_reminders); the
        # focus; the upcoming interviews with their people; the open red flags; where the first
        # few offer-stage negotiations stand, and how many there are; the active opportunities
        # counted by stage and fit; and the rows shown: the first few of each stage, the steps due.
        with django_assert_max_num_queries(9):
            response = owner_client.get(self.url)

        assert response.context["active_count"] == len(
            [i for i in range(rows) if stages[i % len(stages)] in ACTIVE_STAGES]
        )


class TestFitShare:
    def test_is_empty_without_active_opportunities(self):
        share = FitShare.of([])

        assert (share.total, share.strong_percent, share.segments) == (0, 0, [])

    def test_segments_always_fill_the_bar(self):
        share = FitShare(strong=1, partial=1, off=1)

        assert share.segments == [("strong", 0, 33), ("partial", 33, 33), ("off", 66, 34)]

    @pytest.mark.parametrize(
        ("strong", "other", "verdict"),
        [(7, 3, "focused"), (4, 6, "mixed"), (3, 7, "scattered")],
    )
    def test_names_how_focused_the_pipeline_is(self, strong, other, verdict):
        assert FitShare(strong=strong, partial=other).verdict == verdict
