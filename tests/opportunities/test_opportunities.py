"""The pipeline, one opportunity, its stage history, people and interviews."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from opportunities import services
from opportunities.models import Fit, Interview, Opportunity, Person, Stage, StageChange
from opportunities.views.opportunities import PIPELINE_PAGE_SIZE
from tests.factories import (
    FocusFactory,
    InterviewFactory,
    MissionFactory,
    NegotiationPlanFactory,
    OpportunityFactory,
    PersonFactory,
    RedFlagFactory,
    StageChangeFactory,
)
from tests.html import links_to, opens_with, select

SCRIPT = '<script>alert("owned")</script>'
ESCAPED_SCRIPT = "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;"


def opportunity_data(**overrides) -> dict:
    data = {
        "company": "Acme Cloud",
        "role": "Director of Product, Platform",
        "posting_url": "https://acme.example/jobs/42",
        "location": "Berlin",
        "stage": Stage.EXPLORING,
        "fit": Fit.STRONG,
        "next_step": "Ask Dana for an intro",
        "next_step_due": (timezone.localdate() + dt.timedelta(days=3)).isoformat(),
        "posting_text": "We are looking for a product leader.",
        "notes": "Referred by Jo.",
    }
    return {**data, **overrides}


def local_input(when: dt.datetime) -> str:
    """The value a browser's datetime-local input sends."""
    return timezone.localtime(when).strftime("%Y-%m-%dT%H:%M")


def interview_data(**overrides) -> dict:
    data = {
        "scheduled_at": local_input(timezone.now() + dt.timedelta(days=2)),
        "kind": "hiring_manager",
        "channel": "video",
        "notes": "",
    }
    return {**data, **overrides}


class TestOpportunityList:
    url = "/opportunities/"

    def test_shows_active_opportunities_with_stage_fit_and_next_step(self, owner, owner_client):
        OpportunityFactory(
            owner=owner,
            company="Acme Cloud",
            stage=Stage.INTERVIEWING,
            fit=Fit.PARTIAL,
            next_step="Send the mission",
        )
        OpportunityFactory(owner=owner, company="Old Corp", stage=Stage.DECLINED)

        page = owner_client.get(self.url).content.decode()

        assert "Acme Cloud" in page
        assert "Interviewing" in page
        assert "Partial fit" in page
        assert "Send the mission" in page
        assert "Old Corp" not in page

    def test_filters_by_stage(self, owner, owner_client):
        OpportunityFactory(owner=owner, company="Acme Cloud", stage=Stage.INTERVIEWING)
        OpportunityFactory(owner=owner, company="Nimbus", stage=Stage.APPLIED)

        page = owner_client.get(self.url, {"stage": "interviewing"}).content.decode()

        assert "Acme Cloud" in page
        assert "Nimbus" not in page

    def test_all_includes_closed_opportunities(self, owner, owner_client):
        OpportunityFactory(owner=owner, company="Old Corp", stage=Stage.WITHDRAWN)

        page = owner_client.get(self.url, {"stage": "all"}).content.decode()

        assert "Old Corp" in page

    def test_an_unknown_stage_falls_back_to_active(self, owner, owner_client):
        OpportunityFactory(owner=owner, company="Acme Cloud", stage=Stage.APPLIED)

        response = owner_client.get(self.url, {"stage": "<b>nope</b>"})

        assert response.status_code == 200
        assert "Acme Cloud" in response.content.decode()
        assert "<b>nope</b>" not in response.content.decode()

    def test_counts_opportunities_per_stage(self, owner, owner_client):
        OpportunityFactory.create_batch(3, owner=owner, stage=Stage.APPLIED)
        OpportunityFactory(owner=owner, stage=Stage.DECLINED)

        response = owner_client.get(self.url)

        counts = {value: count for value, _, count in response.context["filters"]}
        assert counts == {
            "active": 3,
            "exploring": 0,
            "applied": 3,
            "interviewing": 0,
            "offer": 0,
            "accepted": 0,
            "declined": 1,
            "withdrawn": 0,
            "all": 4,
        }

    def test_highlights_an_overdue_next_step(self, owner, owner_client):
        OpportunityFactory(
            owner=owner,
            next_step="Follow up",
            next_step_due=timezone.localdate() - dt.timedelta(days=2),
        )

        page = owner_client.get(self.url).content.decode()

        assert "Overdue since" in page
        assert select(page, class_="overdue")

    def test_invites_to_add_the_first_opportunity_when_empty(self, owner_client):
        page = owner_client.get(self.url).content.decode()

        assert "Add your first opportunity" in page

    def test_shows_html_as_text(self, owner, owner_client):
        OpportunityFactory(owner=owner, company=SCRIPT)

        page = owner_client.get(self.url).content.decode()

        assert SCRIPT not in page
        assert ESCAPED_SCRIPT in page

    def test_shows_a_stranger_only_their_own(self, owner, stranger_client):
        OpportunityFactory(owner=owner, company="Owner Secret Co")

        page = stranger_client.get(self.url, {"stage": "all"}).content.decode()

        assert "Owner Secret Co" not in page
        assert "Add your first opportunity" in page

    @pytest.mark.parametrize("rows", [5, 200])
    def test_query_count_does_not_grow_with_rows(
        self, owner, owner_client, django_assert_max_num_queries, rows
    ):
        stages = list(Stage.values)
        for i in range(rows):
            OpportunityFactory(owner=owner, stage=stages[i % len(stages)])

        with django_assert_max_num_queries(5):
            response = owner_client.get(self.url, {"stage": "all"})

        rows_shown = response.content.decode().count('class="fw-semibold text-decoration-none"')
        assert rows_shown == min(rows, PIPELINE_PAGE_SIZE)

    def test_pages_through_a_long_pipeline_keeping_the_stage_filter(self, owner, owner_client):
        for i in range(PIPELINE_PAGE_SIZE + 3):
            OpportunityFactory(owner=owner, company=f"Row {i:03d}", stage=Stage.APPLIED)

        first = owner_client.get(self.url, {"stage": "applied"}).content.decode()
        second = owner_client.get(self.url, {"stage": "applied", "page": 2}).content.decode()

        assert "Page 1 of 2" in first
        assert "?stage=applied&amp;page=2" in first
        assert len(select(second, "a", class_="fw-semibold text-decoration-none")) == 3
        assert owner_client.get(self.url, {"page": "nonsense"}).status_code == 200


class TestOpportunityCreate:
    url = "/opportunities/new/"

    def test_shows_the_focus_next_to_the_fit_field(self, owner, owner_client):
        FocusFactory(owner=owner, attribute_1="Product leader for dev tools")

        page = owner_client.get(self.url).content.decode()

        assert "Product leader for dev tools" in page
        assert select(page, "input", name="fit")

    def test_invites_to_write_a_focus_when_there_is_none(self, owner_client):
        page = owner_client.get(self.url).content.decode()

        assert "No focus yet" in page

    def test_asks_for_a_deliberate_fit_rating(self, owner, owner_client):
        form = owner_client.get(self.url).content.decode()
        assert 'name="fit" value="partial" class="form-check-input" required' not in form
        ratings = [f for f in select(form, "fieldset") if select(f, "input", name="fit")]
        assert ratings and not any(select(rating, checked=True) for rating in ratings)

        response = owner_client.post(
            self.url, {"company": "Acme", "role": "PM", "stage": "exploring"}
        )

        assert response.status_code == 200
        assert "Rate how well it fits your focus" in response.content.decode()
        assert not owner.opportunities.exists()

    def test_creates_the_opportunity_and_records_its_first_stage(self, owner, owner_client):
        response = owner_client.post(self.url, opportunity_data(stage=Stage.APPLIED))

        opportunity = Opportunity.objects.get(owner=owner)
        assert response.status_code == 302
        assert response.url == f"/opportunities/{opportunity.pk}/"
        assert opportunity.company == "Acme Cloud"
        assert list(opportunity.stage_changes.values_list("from_stage", "to_stage")) == [
            ("", "applied")
        ]

    def test_confirms_with_a_message(self, owner_client):
        response = owner_client.post(self.url, opportunity_data(), follow=True)

        assert "is in your pipeline" in response.content.decode()

    def test_ignores_an_owner_in_the_post(self, owner, stranger, owner_client):
        owner_client.post(self.url, opportunity_data(owner=stranger.pk))

        assert Opportunity.objects.get().owner == owner

    def test_keeps_typed_text_when_invalid(self, owner_client):
        response = owner_client.post(self.url, opportunity_data(company="", role="Typed role"))

        page = response.content.decode()
        assert response.status_code == 200
        assert "This field is required." in page
        assert select(page, "input", value="Typed role")
        assert not Opportunity.objects.exists()

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("company", "x" * 201, "Ensure this value has at most 200 characters"),
            ("notes", "x" * 20_001, "Ensure this value has at most 20000 characters"),
            ("posting_url", "javascript:alert(1)", "Enter a valid URL."),
            ("posting_url", "not a link", "Enter a valid URL."),
            ("next_step_due", "31/12/2026", "Enter a valid date."),
            ("next_step_due", "tomorrow", "Enter a valid date."),
            ("next_step_due", "9999-12-31", "more than 5 years away"),
            ("next_step_due", "1900-01-01", "long past"),
            ("stage", "hired", "Select a valid choice."),
            ("fit", "perfect", "Select a valid choice."),
        ],
    )
    def test_rejects_bad_input_next_to_the_field(self, owner_client, field, value, message):
        response = owner_client.post(self.url, opportunity_data(**{field: value}))

        assert response.status_code == 200
        assert message in response.content.decode()
        assert field in response.context["form"].errors
        assert not Opportunity.objects.exists()

    def test_asks_for_the_next_step_when_only_its_date_is_given(self, owner_client):
        response = owner_client.post(self.url, opportunity_data(next_step=""))

        assert "Say what the next step is" in response.content.decode()

    def test_stores_html_as_text_and_shows_it_escaped(self, owner, owner_client):
        owner_client.post(self.url, opportunity_data(role=SCRIPT, notes=SCRIPT))
        opportunity = Opportunity.objects.get()

        page = owner_client.get(f"/opportunities/{opportunity.pk}/").content.decode()

        assert opportunity.role == SCRIPT
        assert SCRIPT not in page
        assert ESCAPED_SCRIPT in page


class TestOpportunityEdit:
    def url(self, opportunity) -> str:
        return f"/opportunities/{opportunity.pk}/edit/"

    def test_shows_the_current_values(self, opportunity, owner_client):
        page = owner_client.get(self.url(opportunity)).content.decode()

        assert select(page, "input", value="Kestrel Routing")

    def test_saves_changes_without_a_stage_change_when_the_stage_stays(
        self, opportunity, owner_client
    ):
        data = opportunity_data(company="Acme Cloud GmbH", stage=opportunity.stage)

        response = owner_client.post(self.url(opportunity), data)

        opportunity.refresh_from_db()
        assert response.status_code == 302
        assert opportunity.company == "Acme Cloud GmbH"
        assert not opportunity.stage_changes.exists()

    def test_records_a_stage_change(self, opportunity, owner_client):
        owner_client.post(self.url(opportunity), opportunity_data(stage=Stage.OFFER))

        change = opportunity.stage_changes.get()
        assert (change.from_stage, change.to_stage) == (Stage.APPLIED, Stage.OFFER)

    def test_keeps_typed_text_and_the_stored_title_when_invalid(self, opportunity, owner_client):
        data = opportunity_data(company="", role="Typed new role")

        response = owner_client.post(self.url(opportunity), data)

        page = response.content.decode()
        opportunity.refresh_from_db()
        assert response.status_code == 200
        assert select(page, "input", value="Typed new role")
        assert "Edit Director of Product" in page
        assert opportunity.company == "Kestrel Routing"

    def test_returns_404_for_a_stranger(self, opportunity, stranger_client):
        assert stranger_client.get(self.url(opportunity)).status_code == 404
        response = stranger_client.post(self.url(opportunity), opportunity_data(company="Hacked"))

        opportunity.refresh_from_db()
        assert response.status_code == 404
        assert opportunity.company == "Kestrel Routing"

    def test_returns_404_for_an_unknown_id(self, owner_client):
        assert owner_client.get("/opportunities/999999/edit/").status_code == 404


class TestOpportunityDelete:
    def url(self, opportunity) -> str:
        return f"/opportunities/{opportunity.pk}/delete/"

    def test_asks_for_confirmation_and_says_what_goes(self, opportunity, owner_client):
        PersonFactory.create_batch(2, opportunity=opportunity)

        response = owner_client.get(self.url(opportunity))

        page = response.content.decode()
        assert "Delete Director of Product at Kestrel Routing?" in page
        assert "2 people" in page
        assert Opportunity.objects.filter(pk=opportunity.pk).exists()

    def test_deletes_the_opportunity_and_everything_under_it(self, opportunity, owner_client):
        PersonFactory(opportunity=opportunity)
        MissionFactory(opportunity=opportunity)

        response = owner_client.post(self.url(opportunity), follow=True)

        assert response.redirect_chain[-1][0] == "/opportunities/"
        assert "is deleted" in response.content.decode()
        assert not Opportunity.objects.exists()
        assert not Person.objects.exists()

    def test_returns_404_for_a_stranger(self, opportunity, stranger_client):
        assert stranger_client.get(self.url(opportunity)).status_code == 404
        assert stranger_client.post(self.url(opportunity)).status_code == 404
        assert Opportunity.objects.filter(pk=opportunity.pk).exists()


class TestOpportunityDetail:
    def url(self, opportunity) -> str:
        return f"/opportunities/{opportunity.pk}/"

    def test_shows_details_history_people_and_interviews(self, opportunity, owner_client):
        opportunity.notes = "Referred by Jo."
        opportunity.save()
        StageChangeFactory(opportunity=opportunity, from_stage="", to_stage=Stage.EXPLORING)
        StageChangeFactory(opportunity=opportunity, from_stage="exploring", to_stage="applied")
        dana = PersonFactory(opportunity=opportunity, name="Dana Lee")
        InterviewFactory(opportunity=opportunity, kind="panel").people.add(dana)

        page = owner_client.get(self.url(opportunity)).content.decode()

        assert "Referred by Jo." in page
        assert "Added as Exploring" in page
        assert "Exploring → Applied" in page
        assert "Dana Lee" in page
        assert "Panel · Video call · with Dana Lee" in page

    def test_links_to_the_job_mission_editor(self, opportunity, owner_client):
        page = owner_client.get(self.url(opportunity)).content.decode()

        assert select(page, "a", href=f"/opportunities/{opportunity.pk}/mission/")
        assert "Write your job mission" in page

    def test_offers_the_pdf_once_a_mission_exists(self, opportunity, owner_client):
        MissionFactory(opportunity=opportunity)

        page = owner_client.get(self.url(opportunity)).content.decode()

        assert "Continue your job mission" in page
        assert select(page, "a", href=f"/opportunities/{opportunity.pk}/mission.pdf")

    def test_renders_only_the_region_htmx_asks_for(self, opportunity, owner_client, htmx_headers):
        PersonFactory(opportunity=opportunity, name="Dana Lee")

        response = owner_client.get(self.url(opportunity), headers=htmx_headers("people"))

        page = response.content.decode()
        assert opens_with(page, "section", id="people")
        assert "Dana Lee" in page
        assert not select(page, "html")

    def test_returns_404_for_a_stranger(self, opportunity, stranger_client):
        assert stranger_client.get(self.url(opportunity)).status_code == 404

    def test_returns_404_for_an_unknown_id(self, owner_client):
        assert owner_client.get("/opportunities/999999/").status_code == 404

    def test_shows_open_red_flags_and_links_to_the_plan(self, opportunity, owner_client):
        plan = NegotiationPlanFactory(opportunity=opportunity)
        RedFlagFactory(plan=plan, title="They would not discuss headcount")
        RedFlagFactory(plan=plan, title="An old worry", resolved_at=timezone.now())

        page = owner_client.get(self.url(opportunity)).content.decode()

        assert "1 open red flag" in page
        assert "They would not discuss headcount" in page
        assert "An old worry" not in page
        assert links_to(page, f"/opportunities/{opportunity.pk}/plan/")

    def test_links_to_the_plan_before_there_is_one(self, opportunity, owner_client):
        page = owner_client.get(self.url(opportunity)).content.decode()

        assert "Open the negotiation plan" in page
        assert "open red flag" not in page

    @pytest.mark.parametrize("rows", [5, 100])
    def test_query_count_does_not_grow_with_people_and_interviews(
        self, opportunity, owner, owner_client, django_assert_max_num_queries, rows
    ):
        FocusFactory(owner=owner)
        MissionFactory(opportunity=opportunity)
        people = PersonFactory.create_batch(rows, opportunity=opportunity)
        for person in people:
            InterviewFactory(opportunity=opportunity).people.add(person)
            StageChangeFactory(opportunity=opportunity)
        RedFlagFactory.create_batch(rows, plan=NegotiationPlanFactory(opportunity=opportunity))

        # Two of them are the negotiation plan and its open red flags, one the interviews'
        # debriefs (councils_tags.debriefs_by_interview).
        with django_assert_max_num_queries(14):
            response = owner_client.get(self.url(opportunity))

        assert len(select(response, id=re.compile(r"interview-\d+"))) == rows


class TestOpportunityStage:
    def url(self, opportunity) -> str:
        return f"/opportunities/{opportunity.pk}/stage/"

    def test_moves_the_opportunity_and_records_when(self, opportunity, owner_client):
        before = timezone.now()

        response = owner_client.post(self.url(opportunity), {"stage": "interviewing"})

        opportunity.refresh_from_db()
        change = opportunity.stage_changes.get()
        assert response.status_code == 302
        assert response.url == f"/opportunities/{opportunity.pk}/#stage"
        assert opportunity.stage == Stage.INTERVIEWING
        assert (change.from_stage, change.to_stage) == ("applied", "interviewing")
        assert change.changed_at >= before

    def test_updates_the_stage_region_in_place(self, opportunity, owner_client, htmx_headers):
        response = owner_client.post(
            self.url(opportunity), {"stage": "offer"}, headers=htmx_headers("stage")
        )

        page = response.content.decode()
        assert response.status_code == 200
        assert opens_with(page, "section", id="stage")
        assert "Moved to Offer." in page
        assert "Applied → Offer" in page

    def test_records_nothing_when_the_stage_is_the_same(self, opportunity, owner_client):
        response = owner_client.post(self.url(opportunity), {"stage": "applied"}, follow=True)

        assert "nothing changed" in response.content.decode()
        assert not StageChange.objects.exists()

    def test_rejects_an_unknown_stage(self, opportunity, owner_client, htmx_headers):
        response = owner_client.post(
            self.url(opportunity), {"stage": "hired"}, headers=htmx_headers("stage")
        )

        opportunity.refresh_from_db()
        assert response.status_code == 200
        assert "Select a valid choice." in response.content.decode()
        assert opportunity.stage == Stage.APPLIED

    def test_refuses_get(self, opportunity, owner_client):
        assert owner_client.get(self.url(opportunity)).status_code == 405

    def test_returns_404_for_a_stranger(self, opportunity, stranger_client):
        response = stranger_client.post(self.url(opportunity), {"stage": "withdrawn"})

        opportunity.refresh_from_db()
        assert response.status_code == 404
        assert opportunity.stage == Stage.APPLIED


class TestStageServices:
    def test_change_stage_records_each_move_in_order(self, owner):
        opportunity = services.create_opportunity(
            owner=owner, company="Acme", role="PM", stage=Stage.EXPLORING
        )

        services.change_stage(opportunity=opportunity, stage=Stage.APPLIED)
        services.change_stage(opportunity=opportunity, stage=Stage.INTERVIEWING)

        moves = list(opportunity.stage_changes.values_list("from_stage", "to_stage"))
        assert moves == [("", "exploring"), ("exploring", "applied"), ("applied", "interviewing")]

    def test_update_compares_with_the_stored_stage(self, owner):
        opportunity = OpportunityFactory(owner=owner, stage=Stage.APPLIED)
        opportunity.stage = Stage.OFFER  # as a bound form leaves it

        services.update_opportunity(opportunity=opportunity, company="Acme")

        change = opportunity.stage_changes.get()
        assert (change.from_stage, change.to_stage) == ("applied", "offer")


class TestPersonCreate:
    def url(self, opportunity) -> str:
        return f"/opportunities/{opportunity.pk}/people/new/"

    def test_adds_a_person_with_a_plain_post(self, opportunity, owner_client):
        data = {"name": "Dana Lee", "role": "hiring_manager", "email": "dana@acme.example"}

        response = owner_client.post(self.url(opportunity), data)

        assert response.status_code == 302
        assert response.url == f"/opportunities/{opportunity.pk}/#people"
        assert opportunity.people.get().name == "Dana Lee"

    def test_adds_a_person_in_place(self, opportunity, owner_client, htmx_headers):
        data = {"name": "Dana Lee", "role": "hiring_manager"}

        response = owner_client.post(self.url(opportunity), data, headers=htmx_headers("people"))

        page = response.content.decode()
        assert response.status_code == 200
        assert opens_with(page, "section", id="people")
        assert "Added Dana Lee." in page
        assert "people-changed" in response.headers["HX-Trigger"]

    def test_keeps_typed_text_when_invalid(self, opportunity, owner_client, htmx_headers):
        data = {"name": "", "role": "recruiter", "email": "not-an-email", "notes": "Typed note"}

        response = owner_client.post(self.url(opportunity), data, headers=htmx_headers("people"))

        page = response.content.decode()
        assert response.status_code == 200
        assert "This field is required." in page
        assert "Enter a valid email address." in page
        assert "Typed note" in page
        assert not Person.objects.exists()

    def test_shows_errors_on_the_whole_page_without_javascript(self, opportunity, owner_client):
        response = owner_client.post(self.url(opportunity), {"name": "x" * 201, "role": "other"})

        page = response.content.decode()
        assert response.status_code == 200
        assert select(page, "html")
        assert "Ensure this value has at most 200 characters" in page

    def test_shows_html_as_text(self, opportunity, owner_client, htmx_headers):
        response = owner_client.post(
            self.url(opportunity), {"name": SCRIPT, "role": "other"}, headers=htmx_headers("people")
        )

        assert SCRIPT not in response.content.decode()
        assert ESCAPED_SCRIPT in response.content.decode()

    def test_refuses_a_post_without_the_csrf_token(self, opportunity, owner):
        client = Client(enforce_csrf_checks=True)
        client.force_login(owner)

        response = client.post(self.url(opportunity), {"name": "Dana Lee", "role": "other"})

        assert response.status_code == 403
        assert not Person.objects.exists()

    def test_returns_404_for_a_stranger(self, opportunity, stranger_client):
        response = stranger_client.post(self.url(opportunity), {"name": "Eve", "role": "other"})

        assert response.status_code == 404
        assert not Person.objects.exists()


class TestPersonEdit:
    @pytest.fixture
    def person(self, opportunity):
        return PersonFactory(opportunity=opportunity, name="Dana Lee")

    def url(self, person) -> str:
        return f"/opportunities/{person.opportunity_id}/people/{person.pk}/edit/"

    def test_shows_the_edit_form_in_place(self, person, owner_client, htmx_headers):
        response = owner_client.get(self.url(person), headers=htmx_headers("people"))

        page = response.content.decode()
        assert opens_with(page, "section", id="people")
        assert select(page, "input", value="Dana Lee")
        assert select(page, "form", action=self.url(person))

    def test_shows_the_edit_form_on_the_whole_page_without_javascript(self, person, owner_client):
        page = owner_client.get(self.url(person)).content.decode()

        assert select(page, "html")
        assert select(page, "input", value="Dana Lee")

    def test_saves_changes(self, person, owner_client, htmx_headers):
        data = {"name": "Dana Lee-Park", "role": "recruiter", "email": "", "notes": ""}

        response = owner_client.post(self.url(person), data, headers=htmx_headers("people"))

        person.refresh_from_db()
        assert "Saved Dana Lee-Park." in response.content.decode()
        assert person.name == "Dana Lee-Park"
        assert person.role == "recruiter"

    def test_keeps_typed_text_when_invalid(self, person, owner_client, htmx_headers):
        data = {"name": "", "role": "recruiter", "email": "", "notes": "New typed note"}

        response = owner_client.post(self.url(person), data, headers=htmx_headers("people"))

        person.refresh_from_db()
        assert response.status_code == 200
        assert "New typed note" in response.content.decode()
        assert person.name == "Dana Lee"

    def test_returns_404_for_a_person_of_another_opportunity(self, person, owner, owner_client):
        other = OpportunityFactory(owner=owner)

        response = owner_client.get(f"/opportunities/{other.pk}/people/{person.pk}/edit/")

        assert response.status_code == 404

    def test_returns_404_for_a_stranger(self, person, stranger_client):
        data = {"name": "Eve", "role": "other"}

        assert stranger_client.get(self.url(person)).status_code == 404
        assert stranger_client.post(self.url(person), data).status_code == 404
        person.refresh_from_db()
        assert person.name == "Dana Lee"


class TestPersonDelete:
    @pytest.fixture
    def person(self, opportunity):
        return PersonFactory(opportunity=opportunity, name="Dana Lee")

    def url(self, person) -> str:
        return f"/opportunities/{person.opportunity_id}/people/{person.pk}/delete/"

    def test_removes_the_person_in_place(self, person, owner_client, htmx_headers):
        response = owner_client.post(self.url(person), headers=htmx_headers("people"))

        assert "Removed Dana Lee." in response.content.decode()
        assert "people-changed" in response.headers["HX-Trigger"]
        assert not Person.objects.exists()

    def test_removes_the_person_with_a_plain_post(self, person, owner_client):
        response = owner_client.post(self.url(person))

        assert response.status_code == 302
        assert not Person.objects.exists()

    def test_keeps_the_interview_without_them(self, person, owner_client):
        interview = InterviewFactory(opportunity=person.opportunity)
        interview.people.add(person)

        owner_client.post(self.url(person))

        assert not Interview.objects.get(pk=interview.pk).people.exists()

    def test_refuses_get(self, person, owner_client):
        assert owner_client.get(self.url(person)).status_code == 405

    def test_returns_404_for_a_stranger(self, person, stranger_client):
        assert stranger_client.post(self.url(person)).status_code == 404
        assert Person.objects.filter(pk=person.pk).exists()


class TestInterviewCreate:
    def url(self, opportunity) -> str:
        return f"/opportunities/{opportunity.pk}/interviews/new/"

    def test_adds_an_interview_with_the_chosen_people(
        self, opportunity, owner_client, htmx_headers
    ):
        dana = PersonFactory(opportunity=opportunity, name="Dana Lee")
        PersonFactory(opportunity=opportunity, name="Sam Ortiz")
        when = (timezone.now() + dt.timedelta(days=2)).replace(second=0, microsecond=0)
        data = interview_data(scheduled_at=local_input(when), people=[dana.pk])

        response = owner_client.post(
            self.url(opportunity), data, headers=htmx_headers("interviews")
        )

        interview = opportunity.interviews.get()
        assert response.status_code == 200
        assert "Added the Hiring manager interview" in response.content.decode()
        assert interview.scheduled_at == when
        assert list(interview.people.all()) == [dana]

    def test_adds_an_interview_with_a_plain_post(self, opportunity, owner_client):
        response = owner_client.post(self.url(opportunity), interview_data())

        assert response.status_code == 302
        assert response.url == f"/opportunities/{opportunity.pk}/#interviews"
        assert opportunity.interviews.count() == 1

    def test_rejects_a_person_of_another_opportunity(self, opportunity, owner, owner_client):
        elsewhere = PersonFactory(opportunity=OpportunityFactory(owner=owner))

        response = owner_client.post(self.url(opportunity), interview_data(people=[elsewhere.pk]))

        assert response.status_code == 200
        assert "Choose people from this opportunity only." in response.content.decode()
        assert not Interview.objects.exists()

    def test_rejects_another_users_person(self, opportunity, stranger, owner_client):
        theirs = PersonFactory(opportunity=OpportunityFactory(owner=stranger), name="Their Eve")

        response = owner_client.post(self.url(opportunity), interview_data(people=[theirs.pk]))

        assert "Choose people from this opportunity only." in response.content.decode()
        assert not Interview.objects.exists()

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("", "This field is required."),
            ("next tuesday", "Enter a valid date/time."),
            ("2026-13-45T25:99", "Enter a valid date/time."),
            ("9999-01-01T10:00", "more than 5 years away"),
        ],
    )
    def test_rejects_a_bad_time_and_keeps_typed_text(
        self, opportunity, owner_client, htmx_headers, value, message
    ):
        data = interview_data(scheduled_at=value, notes="Bring the PDF")

        response = owner_client.post(
            self.url(opportunity), data, headers=htmx_headers("interviews")
        )

        page = response.content.decode()
        assert response.status_code == 200
        assert message in page
        assert "Bring the PDF" in page
        assert not Interview.objects.exists()

    def test_rejects_an_unknown_channel(self, opportunity, owner_client):
        response = owner_client.post(
            self.url(opportunity), interview_data(channel="carrier-pigeon")
        )

        assert "Select a valid choice." in response.content.decode()
        assert not Interview.objects.exists()

    def test_returns_404_for_a_stranger(self, opportunity, stranger_client):
        response = stranger_client.post(self.url(opportunity), interview_data())

        assert response.status_code == 404
        assert not Interview.objects.exists()


class TestInterviewEdit:
    @pytest.fixture
    def interview(self, opportunity):
        return InterviewFactory(opportunity=opportunity, kind="screen")

    def url(self, interview) -> str:
        return f"/opportunities/{interview.opportunity_id}/interviews/{interview.pk}/edit/"

    def test_shows_the_edit_form_with_the_local_time(self, interview, owner_client, htmx_headers):
        response = owner_client.get(self.url(interview), headers=htmx_headers("interviews"))

        page = response.content.decode()
        assert opens_with(page, "section", id="interviews")
        assert select(page, "input", value=local_input(interview.scheduled_at))

    def test_saves_changes_and_people(self, interview, owner_client, htmx_headers):
        dana = PersonFactory(opportunity=interview.opportunity, name="Dana Lee")
        data = interview_data(kind="final", channel="in_person", people=[dana.pk])

        response = owner_client.post(self.url(interview), data, headers=htmx_headers("interviews"))

        interview.refresh_from_db()
        assert "Saved the Final round interview" in response.content.decode()
        assert interview.kind == "final"
        assert interview.channel == "in_person"
        assert list(interview.people.all()) == [dana]

    def test_rejects_a_person_of_another_opportunity(self, interview, owner, owner_client):
        elsewhere = PersonFactory(opportunity=OpportunityFactory(owner=owner))

        response = owner_client.post(self.url(interview), interview_data(people=[elsewhere.pk]))

        interview.refresh_from_db()
        assert "Choose people from this opportunity only." in response.content.decode()
        assert interview.kind == "screen"
        assert not interview.people.exists()

    def test_returns_404_for_an_interview_of_another_opportunity(
        self, interview, owner, owner_client
    ):
        other = OpportunityFactory(owner=owner)

        response = owner_client.get(f"/opportunities/{other.pk}/interviews/{interview.pk}/edit/")

        assert response.status_code == 404

    def test_returns_404_for_a_stranger(self, interview, stranger_client):
        assert stranger_client.get(self.url(interview)).status_code == 404
        response = stranger_client.post(self.url(interview), interview_data(kind="final"))

        interview.refresh_from_db()
        assert response.status_code == 404
        assert interview.kind == "screen"


class TestInterviewDelete:
    @pytest.fixture
    def interview(self, opportunity):
        return InterviewFactory(opportunity=opportunity)

    def url(self, interview) -> str:
        return f"/opportunities/{interview.opportunity_id}/interviews/{interview.pk}/delete/"

    def test_deletes_the_interview_in_place(self, interview, owner_client, htmx_headers):
        response = owner_client.post(self.url(interview), headers=htmx_headers("interviews"))

        assert "Deleted the Hiring manager interview" in response.content.decode()
        assert not Interview.objects.exists()

    def test_deletes_the_interview_with_a_plain_post(self, interview, owner_client):
        response = owner_client.post(self.url(interview))

        assert response.status_code == 302
        assert not Interview.objects.exists()

    def test_returns_404_for_a_stranger(self, interview, stranger_client):
        assert stranger_client.post(self.url(interview)).status_code == 404
        assert Interview.objects.filter(pk=interview.pk).exists()
