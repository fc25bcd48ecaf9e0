"""The job mission editor: the page, its regions and every in-place action, for each persona."""

import pytest
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from missions import services
from missions.models import KeyResult, KeyResultStatus, Mission, Objective, Question
from tests.factories import (
    KeyResultFactory,
    MissionFactory,
    ObjectiveFactory,
    OpportunityFactory,
    QuestionFactory,
)
from tests.html import links_to, one, select, text_of, texts

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def mission(opportunity):
    return MissionFactory(opportunity=opportunity)


@pytest.fixture
def objective(mission):
    return ObjectiveFactory(mission=mission, title="Make onboarding a reason teams choose us")


@pytest.fixture
def key_result(objective):
    return KeyResultFactory(
        objective=objective, description="Time to first deploy", target="from 3 days to 1 hour"
    )


@pytest.fixture
def question(mission, objective):
    return QuestionFactory(mission=mission, objective=objective, text="What do churned teams say?")


def url(name: str, *args) -> str:
    return reverse(name, args=args)


def editor(mission: Mission) -> str:
    return url("mission_edit", mission.opportunity_id)


def assert_region_only(response, region: str) -> str:
    content = response.content.decode()
    assert response.status_code == 200
    assert not select(content, "html")
    assert select(content, id=region), f"no #{region} in the fragment"
    return content


def titles(mission: Mission) -> list[str]:
    return list(Objective.objects.filter(mission=mission).values_list("title", flat=True))


class TestMissionEdit:
    def test_shows_role_company_pdf_link_and_the_nudge_to_walk_through_it_live(
        self, owner_client, mission
    ):
        response = owner_client.get(editor(mission))
        content = response.content.decode()
        assert response.status_code == 200
        assert "Director of Product" in content
        assert "Kestrel Routing" in content
        assert links_to(content, url("mission_pdf", mission.opportunity_id))
        assert links_to(content, url("opportunity_detail", mission.opportunity_id))
        assert "Walk them through it live" in content
        assert "draft for discussion" in content

    def test_creates_an_empty_mission_on_first_visit(self, owner_client, opportunity):
        response = owner_client.get(url("mission_edit", opportunity.pk))
        assert response.status_code == 200
        assert Mission.objects.filter(opportunity=opportunity).count() == 1
        assert "Start with the outcome they are hiring for" in response.content.decode()

    def test_has_every_region_with_its_id(self, owner_client, mission):
        content = owner_client.get(editor(mission)).content.decode()
        for region in ("mission-summary", "objectives", "questions", "share-link"):
            assert select(content, id=region), region

    def test_lists_objectives_and_key_results_in_their_order(self, owner_client, mission):
        second = ObjectiveFactory(mission=mission, title="Second objective", position=2)
        ObjectiveFactory(mission=mission, title="First objective", position=1)
        KeyResultFactory(objective=second, description="Later result", position=5)
        KeyResultFactory(objective=second, description="Earlier result", position=4)
        content = owner_client.get(editor(mission)).content.decode()
        assert content.index("First objective") < content.index("Second objective")
        assert content.index("Earlier result") < content.index("Later result")

    def test_suggests_two_to_five_objectives_when_there_is_only_one(self, owner_client, objective):
        content = owner_client.get(editor(objective.mission)).content.decode()
        assert "Two to five objectives usually read best" in content

    def test_stops_suggesting_more_objectives_at_two(self, owner_client, objective):
        ObjectiveFactory(mission=objective.mission)
        content = owner_client.get(editor(objective.mission)).content.decode()
        assert "Two to five objectives usually read best" not in content

    def test_shows_user_html_as_text(self, owner_client, mission):
        objective = ObjectiveFactory(mission=mission, title=XSS)
        KeyResultFactory(objective=objective, description=XSS, target=XSS, manager_note=XSS)
        QuestionFactory(mission=mission, objective=objective, text=XSS, answer=XSS)
        mission.purpose = XSS
        mission.save()
        content = owner_client.get(editor(mission)).content.decode()
        assert "<script>alert" not in content
        assert "<img src=x" not in content
        assert "&lt;script&gt;alert" in content

    def test_saves_the_summary_and_redirects_to_it(self, owner_client, mission):
        response = owner_client.post(
            editor(mission),
            {"purpose": "Make the platform sell itself.", "responsibilities": "The roadmap."},
        )
        assert response.status_code == 302
        assert response.url == f"{editor(mission)}#mission-summary"
        mission.refresh_from_db()
        assert mission.purpose == "Make the platform sell itself."
        assert mission.include_questions is False

    def test_htmx_save_returns_the_summary_region_and_the_questions_out_of_band(
        self, owner_client, mission, htmx_headers
    ):
        response = owner_client.post(
            editor(mission),
            {"purpose": "Why", "responsibilities": "What", "include_questions": "on"},
            headers=htmx_headers("mission-summary"),
        )
        content = assert_region_only(response, "mission-summary")
        assert "Saved." in content
        assert select(content, id="questions", hx_swap_oob="true")
        assert "Included in your PDF" in content
        assert select(content, id="share-link")

    def test_keeps_typed_text_when_invalid(self, owner_client, mission, htmx_headers):
        too_long = "x" * 4001
        response = owner_client.post(
            editor(mission),
            {"purpose": too_long, "responsibilities": "Kept words"},
            headers=htmx_headers("mission-summary"),
        )
        content = assert_region_only(response, "mission-summary")
        assert "at most 4000 characters" in content
        assert "Kept words" in content
        mission.refresh_from_db()
        assert mission.purpose == "Make the platform a reason customers stay."

    def test_plain_invalid_post_shows_the_whole_page_with_the_error(self, owner_client, mission):
        response = owner_client.post(editor(mission), {"purpose": "x" * 4001})
        assert response.status_code == 200
        assert select(response, "html")
        assert "at most 4000 characters" in response.content.decode()

    def test_ignores_posted_fields_it_does_not_list(self, owner_client, mission, stranger):
        owner_client.post(
            editor(mission),
            {"purpose": "Why", "version": "99", "opportunity": "999", "owner": stranger.pk},
        )
        mission.refresh_from_db()
        assert mission.version == 1
        assert mission.opportunity.owner != stranger

    def test_answers_htmx_with_the_targeted_region_only(
        self, owner_client, objective, htmx_headers
    ):
        response = owner_client.get(editor(objective.mission), headers=htmx_headers("objectives"))
        content = assert_region_only(response, "objectives")
        assert objective.title in content
        assert not select(content, id="questions")

    def test_answers_an_unknown_htmx_target_with_the_whole_page(
        self, owner_client, mission, htmx_headers
    ):
        response = owner_client.get(editor(mission), headers=htmx_headers("no-such-region"))
        assert response.status_code == 200
        assert select(response, "html")

    def test_refuses_other_methods(self, owner_client, mission):
        assert owner_client.delete(editor(mission)).status_code == 405

    def test_returns_404_for_a_stranger(self, stranger_client, mission):
        assert stranger_client.get(editor(mission)).status_code == 404
        assert stranger_client.post(editor(mission), {"purpose": "Mine now"}).status_code == 404
        assert stranger_client.delete(editor(mission)).status_code == 404
        mission.refresh_from_db()
        assert mission.purpose != "Mine now"

    def test_returns_404_for_an_unknown_opportunity(self, owner_client):
        assert owner_client.get(url("mission_edit", 999_999)).status_code == 404

    def test_does_not_create_a_mission_for_a_stranger(self, stranger_client, opportunity):
        stranger_client.get(url("mission_edit", opportunity.pk))
        assert not Mission.objects.filter(opportunity=opportunity).exists()

    def test_query_count_does_not_grow_with_objectives_key_results_and_questions(
        self, owner_client, owner
    ):
        small = MissionFactory(opportunity=OpportunityFactory(owner=owner))
        QuestionFactory(
            mission=small, objective=KeyResultFactory(objective__mission=small).objective
        )
        large = MissionFactory(opportunity=OpportunityFactory(owner=owner))
        for _ in range(Mission.MAX_OBJECTIVES):
            objective = ObjectiveFactory(mission=large)
            KeyResultFactory.create_batch(Mission.MAX_KEY_RESULTS, objective=objective)
        QuestionFactory.create_batch(Mission.MAX_QUESTIONS - 1, mission=large, objective=objective)

        owner_client.get(editor(small))  # the first request of a session does extra work
        cold, warm = [], []
        for mission in (small, large):
            caches["regions"].clear()
            for counts in (cold, warm):  # its regions rendered, then taken from the cache
                with CaptureQueriesContext(connection) as queries:
                    assert owner_client.get(editor(mission)).status_code == 200
                counts.append(len(queries))
        assert cold[0] == cold[1]
        assert cold[1] <= 15
        assert warm[0] == warm[1] < cold[1]


class TestObjectiveCreate:
    def test_adds_an_objective_at_the_end_and_redirects_to_it(self, owner_client, objective):
        response = owner_client.post(
            url("objective_create", objective.mission.opportunity_id), {"title": "Grow the team"}
        )
        new = Objective.objects.get(title="Grow the team")
        assert response.status_code == 302
        assert response.url == f"{editor(objective.mission)}#objective-{new.pk}"
        assert titles(objective.mission) == [objective.title, "Grow the team"]

    def test_htmx_returns_the_objectives_and_refreshes_the_question_picker(
        self, owner_client, mission, htmx_headers
    ):
        response = owner_client.post(
            url("objective_create", mission.opportunity_id),
            {"title": "Grow the team"},
            headers=htmx_headers("objectives"),
        )
        content = assert_region_only(response, "objectives")
        assert "Grow the team" in content
        questions = one(content, "section", id="questions", hx_swap_oob="true")
        assert any("Grow the team" in option for option in texts(questions, "option"))
        assert "Added the objective" in text_of(one(content, id="announcer"))

    def test_shows_an_error_next_to_an_empty_title(self, owner_client, mission, htmx_headers):
        response = owner_client.post(
            url("objective_create", mission.opportunity_id),
            {"title": "   "},
            headers=htmx_headers("objectives"),
        )
        content = assert_region_only(response, "objectives")
        assert "Write the outcome you want, in a few words." in content
        assert not Objective.objects.exists()

    def test_keeps_typed_text_when_invalid(self, owner_client, mission, htmx_headers):
        too_long = "Ship " + "x" * 300
        response = owner_client.post(
            url("objective_create", mission.opportunity_id),
            {"title": too_long},
            headers=htmx_headers("objectives"),
        )
        content = assert_region_only(response, "objectives")
        assert too_long in content
        assert "at most 300 characters" in content

    def test_refuses_a_sixth_objective_with_a_clear_message(self, owner_client, mission):
        ObjectiveFactory.create_batch(Mission.MAX_OBJECTIVES, mission=mission)
        response = owner_client.post(
            url("objective_create", mission.opportunity_id), {"title": "One more"}
        )
        assert response.status_code == 200
        assert "at most 5 objectives" in response.content.decode()
        assert mission.objectives.count() == Mission.MAX_OBJECTIVES

    def test_refuses_a_post_without_the_csrf_token(self, owner, mission):
        client = Client(enforce_csrf_checks=True)
        client.force_login(owner)
        response = client.post(url("objective_create", mission.opportunity_id), {"title": "Forged"})
        assert response.status_code == 403
        assert not Objective.objects.exists()

    def test_returns_404_for_a_stranger(self, stranger_client, mission):
        response = stranger_client.post(
            url("objective_create", mission.opportunity_id), {"title": "Planted"}
        )
        assert response.status_code == 404
        assert not Objective.objects.exists()


class TestObjectiveEdit:
    def test_htmx_get_opens_the_form_in_place(self, owner_client, objective, htmx_headers):
        response = owner_client.get(
            url("objective_edit", objective.mission.opportunity_id, objective.pk),
            headers=htmx_headers("objectives"),
        )
        content = assert_region_only(response, "objectives")
        assert select(content, "input", value=objective.title)
        assert "Save objective" in content

    def test_plain_get_shows_the_page_with_the_form_open(self, owner_client, objective):
        response = owner_client.get(
            url("objective_edit", objective.mission.opportunity_id, objective.pk)
        )
        assert select(response, "html")
        assert "Save objective" in response.content.decode()

    def test_saves_the_new_title(self, owner_client, objective):
        response = owner_client.post(
            url("objective_edit", objective.mission.opportunity_id, objective.pk),
            {"title": "Make onboarding effortless"},
        )
        assert response.url == f"{editor(objective.mission)}#objective-{objective.pk}"
        objective.refresh_from_db()
        assert objective.title == "Make onboarding effortless"

    def test_keeps_typed_text_when_invalid(self, owner_client, objective, htmx_headers):
        too_long = "Kept " + "y" * 300
        response = owner_client.post(
            url("objective_edit", objective.mission.opportunity_id, objective.pk),
            {"title": too_long},
            headers=htmx_headers("objectives"),
        )
        content = assert_region_only(response, "objectives")
        assert too_long in content and "is-invalid" in content
        objective.refresh_from_db()
        assert objective.title == "Make onboarding a reason teams choose us"

    def test_returns_404_for_an_objective_of_another_opportunity(
        self, owner_client, owner, objective
    ):
        other = OpportunityFactory(owner=owner)
        response = owner_client.get(url("objective_edit", other.pk, objective.pk))
        assert response.status_code == 404

    def test_returns_404_for_a_stranger(self, stranger_client, objective):
        path = url("objective_edit", objective.mission.opportunity_id, objective.pk)
        assert stranger_client.get(path).status_code == 404
        assert stranger_client.post(path, {"title": "Taken"}).status_code == 404
        objective.refresh_from_db()
        assert objective.title != "Taken"


class TestObjectiveDelete:
    def test_get_asks_before_deleting(self, owner_client, key_result, htmx_headers):
        objective = key_result.objective
        response = owner_client.get(
            url("objective_delete", objective.mission.opportunity_id, objective.pk),
            headers=htmx_headers("objectives"),
        )
        content = assert_region_only(response, "objectives")
        assert "Delete this objective and its 1 key result?" in content
        assert Objective.objects.filter(pk=objective.pk).exists()

    def test_deletes_the_objective_and_its_key_results_but_keeps_its_questions(
        self, owner_client, key_result, question
    ):
        objective = key_result.objective
        response = owner_client.post(
            url("objective_delete", objective.mission.opportunity_id, objective.pk)
        )
        assert response.url == f"{editor(objective.mission)}#objectives"
        assert not Objective.objects.filter(pk=objective.pk).exists()
        assert not KeyResult.objects.filter(pk=key_result.pk).exists()
        question.refresh_from_db()
        assert question.objective is None

    def test_htmx_returns_the_objectives_without_it(self, owner_client, objective, htmx_headers):
        response = owner_client.post(
            url("objective_delete", objective.mission.opportunity_id, objective.pk),
            headers=htmx_headers("objectives"),
        )
        content = assert_region_only(response, "objectives")
        assert not select(content, id=f"objective-{objective.pk}")

    def test_returns_404_for_a_stranger(self, stranger_client, objective):
        path = url("objective_delete", objective.mission.opportunity_id, objective.pk)
        assert stranger_client.post(path).status_code == 404
        assert stranger_client.delete(path).status_code == 404
        assert Objective.objects.filter(pk=objective.pk).exists()


class TestObjectiveMove:
    @pytest.fixture
    def three(self, mission):
        return [ObjectiveFactory(mission=mission, title=t) for t in ("A", "B", "C")]

    def test_moves_an_objective_up(self, owner_client, mission, three):
        response = owner_client.post(
            url("objective_move", mission.opportunity_id, three[2].pk), {"direction": "up"}
        )
        assert response.url == f"{editor(mission)}#objective-{three[2].pk}"
        assert titles(mission) == ["A", "C", "B"]

    def test_moves_an_objective_down_with_htmx(self, owner_client, mission, three, htmx_headers):
        response = owner_client.post(
            url("objective_move", mission.opportunity_id, three[0].pk),
            {"direction": "down"},
            headers=htmx_headers("objectives"),
        )
        content = assert_region_only(response, "objectives")
        assert content.index(">B<") < content.index(">A<") < content.index(">C<")
        assert titles(mission) == ["B", "A", "C"]

    def test_moving_the_first_one_up_changes_nothing(self, owner_client, mission, three):
        owner_client.post(
            url("objective_move", mission.opportunity_id, three[0].pk), {"direction": "up"}
        )
        assert titles(mission) == ["A", "B", "C"]

    def test_rejects_an_unknown_direction(self, owner_client, mission, three):
        response = owner_client.post(
            url("objective_move", mission.opportunity_id, three[0].pk), {"direction": "sideways"}
        )
        assert response.status_code == 400
        assert titles(mission) == ["A", "B", "C"]

    def test_refuses_get(self, owner_client, mission, three):
        path = url("objective_move", mission.opportunity_id, three[0].pk)
        assert owner_client.get(path).status_code == 405

    def test_returns_404_for_a_stranger(self, stranger_client, mission, three):
        path = url("objective_move", mission.opportunity_id, three[2].pk)
        assert stranger_client.post(path, {"direction": "up"}).status_code == 404
        assert stranger_client.get(path).status_code == 404
        assert titles(mission) == ["A", "B", "C"]


class TestKeyResultCreate:
    def path(self, objective: Objective) -> str:
        return url("key_result_create", objective.mission.opportunity_id, objective.pk)

    def data(self, **overrides) -> dict:
        return {
            "description": "Activation in week one",
            "target": "from 38% to 60%",
            "horizon": "6m",
            **overrides,
        }

    def test_htmx_get_opens_the_form_under_its_objective(
        self, owner_client, objective, htmx_headers
    ):
        response = owner_client.get(self.path(objective), headers=htmx_headers("objectives"))
        content = assert_region_only(response, "objectives")
        assert "New key result for O1" in content

    def test_adds_a_key_result_and_redirects_to_it(self, owner_client, objective):
        response = owner_client.post(self.path(objective), self.data())
        key_result = KeyResult.objects.get()
        assert response.url == f"{editor(objective.mission)}#key-result-{key_result.pk}"
        assert key_result.objective == objective
        assert key_result.status == KeyResultStatus.PROPOSED
        assert key_result.get_horizon_display() == "6 months"

    def test_htmx_adds_it_in_place_and_keeps_the_form_open_for_the_next(
        self, owner_client, objective, htmx_headers
    ):
        response = owner_client.post(
            self.path(objective), self.data(), headers=htmx_headers("objectives")
        )
        content = assert_region_only(response, "objectives")
        assert "Activation in week one" in content
        assert "New key result for O1" in content

    def test_htmx_closes_the_form_once_the_objective_is_full(
        self, owner_client, objective, htmx_headers
    ):
        KeyResultFactory.create_batch(Mission.MAX_KEY_RESULTS - 1, objective=objective)
        response = owner_client.post(
            self.path(objective), self.data(), headers=htmx_headers("objectives")
        )
        content = assert_region_only(response, "objectives")
        assert "Activation in week one" in content
        assert "New key result for O1" not in content
        assert "8 key results is the most one objective holds" in content

    def test_ignores_a_posted_objective_id(self, owner_client, objective, mission):
        other = ObjectiveFactory(mission=mission)
        owner_client.post(self.path(objective), self.data(objective=other.pk))
        assert KeyResult.objects.get().objective == objective

    def test_keeps_typed_text_when_invalid(self, owner_client, objective, htmx_headers):
        response = owner_client.post(
            self.path(objective), self.data(target=""), headers=htmx_headers("objectives")
        )
        content = assert_region_only(response, "objectives")
        assert select(content, "input", value="Activation in week one")
        assert "Add a number or a before and after" in content
        assert not KeyResult.objects.exists()

    def test_rejects_an_unknown_horizon(self, owner_client, objective):
        response = owner_client.post(self.path(objective), self.data(horizon="5y"))
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
        assert not KeyResult.objects.exists()

    def test_refuses_more_than_the_maximum_with_a_clear_message(self, owner_client, objective):
        KeyResultFactory.create_batch(Mission.MAX_KEY_RESULTS, objective=objective)
        response = owner_client.post(self.path(objective), self.data())
        assert response.status_code == 200
        assert "at most 8 key results" in response.content.decode()
        assert objective.key_results.count() == Mission.MAX_KEY_RESULTS

    def test_returns_404_for_a_stranger(self, stranger_client, objective):
        assert stranger_client.post(self.path(objective), self.data()).status_code == 404
        assert not KeyResult.objects.exists()


class TestKeyResultEdit:
    def path(self, key_result: KeyResult) -> str:
        opportunity_pk = key_result.objective.mission.opportunity_id
        return url("key_result_edit", opportunity_pk, key_result.pk)

    def data(self, **overrides) -> dict:
        return {
            "description": "Time to first deploy",
            "target": "under 2 hours",
            "horizon": "90d",
            "status": "changed",
            "manager_note": "Two hours is ambitious enough for year one.",
            **overrides,
        }

    def test_htmx_get_opens_the_form_in_place(self, owner_client, key_result, htmx_headers):
        response = owner_client.get(self.path(key_result), headers=htmx_headers("objectives"))
        content = assert_region_only(response, "objectives")
        assert "Save key result" in content
        assert select(content, "input", value="from 3 days to 1 hour")

    def test_records_the_hiring_managers_reaction(self, owner_client, key_result, htmx_headers):
        response = owner_client.post(
            self.path(key_result), self.data(), headers=htmx_headers("objectives")
        )
        content = assert_region_only(response, "objectives")
        assert "Two hours is ambitious enough for year one." in content
        assert "Changed" in content
        key_result.refresh_from_db()
        assert key_result.status == KeyResultStatus.CHANGED
        assert key_result.target == "under 2 hours"

    def test_cannot_move_it_to_another_objective(self, owner_client, key_result, mission):
        other = ObjectiveFactory(mission=mission)
        owner_client.post(self.path(key_result), self.data(objective=other.pk))
        key_result.refresh_from_db()
        assert key_result.objective_id != other.pk

    def test_keeps_typed_text_when_invalid(self, owner_client, key_result, htmx_headers):
        response = owner_client.post(
            self.path(key_result),
            self.data(manager_note="z" * 4001, status="maybe"),
            headers=htmx_headers("objectives"),
        )
        content = assert_region_only(response, "objectives")
        assert select(content, "input", value="under 2 hours")
        assert "at most 4000 characters" in content
        key_result.refresh_from_db()
        assert key_result.target == "from 3 days to 1 hour"

    def test_returns_404_for_a_key_result_of_another_opportunity(
        self, owner_client, owner, key_result
    ):
        other = OpportunityFactory(owner=owner)
        response = owner_client.post(url("key_result_edit", other.pk, key_result.pk), self.data())
        assert response.status_code == 404

    def test_returns_404_for_a_stranger(self, stranger_client, key_result):
        assert stranger_client.get(self.path(key_result)).status_code == 404
        assert stranger_client.post(self.path(key_result), self.data()).status_code == 404
        key_result.refresh_from_db()
        assert key_result.status == KeyResultStatus.PROPOSED


class TestKeyResultDelete:
    def path(self, key_result: KeyResult) -> str:
        opportunity_pk = key_result.objective.mission.opportunity_id
        return url("key_result_delete", opportunity_pk, key_result.pk)

    def test_get_asks_before_deleting(self, owner_client, key_result, htmx_headers):
        response = owner_client.get(self.path(key_result), headers=htmx_headers("objectives"))
        assert "Delete this key result?" in assert_region_only(response, "objectives")
        assert KeyResult.objects.filter(pk=key_result.pk).exists()

    def test_deletes_it_and_redirects_to_its_objective(self, owner_client, key_result):
        response = owner_client.post(self.path(key_result))
        assert response.url.endswith(f"#objective-{key_result.objective_id}")
        assert not KeyResult.objects.filter(pk=key_result.pk).exists()

    def test_returns_404_for_a_stranger(self, stranger_client, key_result):
        assert stranger_client.post(self.path(key_result)).status_code == 404
        assert KeyResult.objects.filter(pk=key_result.pk).exists()


class TestKeyResultMove:
    def order(self, objective: Objective) -> list[str]:
        return list(objective.key_results.values_list("description", flat=True))

    def test_moves_a_key_result_within_its_objective_only(
        self, owner_client, objective, mission, htmx_headers
    ):
        KeyResultFactory(objective=objective, description="A")
        second = KeyResultFactory(objective=objective, description="B")
        neighbour = ObjectiveFactory(mission=mission)
        KeyResultFactory(objective=neighbour, description="N", position=0)
        response = owner_client.post(
            url("key_result_move", mission.opportunity_id, second.pk),
            {"direction": "up"},
            headers=htmx_headers("objectives"),
        )
        assert_region_only(response, "objectives")
        assert self.order(objective) == ["B", "A"]
        assert self.order(neighbour) == ["N"]

    def test_returns_404_for_a_stranger(self, stranger_client, objective, mission):
        KeyResultFactory(objective=objective, description="A")
        second = KeyResultFactory(objective=objective, description="B")
        path = url("key_result_move", mission.opportunity_id, second.pk)
        assert stranger_client.post(path, {"direction": "up"}).status_code == 404
        assert self.order(objective) == ["A", "B"]


class TestQuestionCreate:
    def path(self, mission: Mission) -> str:
        return url("question_create", mission.opportunity_id)

    def test_adds_a_question_tied_to_an_objective(self, owner_client, mission, objective):
        response = owner_client.post(
            self.path(mission), {"text": "Who owns the budget?", "objective": objective.pk}
        )
        question = Question.objects.get()
        assert response.url == f"{editor(mission)}#question-{question.pk}"
        assert question.objective == objective

    def test_htmx_adds_it_in_place(self, owner_client, mission, htmx_headers):
        response = owner_client.post(
            self.path(mission), {"text": "Who owns the budget?"}, headers=htmx_headers("questions")
        )
        content = assert_region_only(response, "questions")
        assert "Who owns the budget?" in content
        assert "About the role in general" in content

    def test_another_missions_objective_is_a_field_error(
        self, owner_client, owner, mission, stranger, htmx_headers
    ):
        mine_elsewhere = ObjectiveFactory(mission__opportunity__owner=owner)
        theirs = ObjectiveFactory(mission__opportunity__owner=stranger)
        for foreign in (mine_elsewhere, theirs):
            response = owner_client.post(
                self.path(mission),
                {"text": "Kept question", "objective": foreign.pk},
                headers=htmx_headers("questions"),
            )
            content = assert_region_only(response, "questions")
            assert "Choose one of this mission&#x27;s objectives." in content
            assert "Kept question" in content
        assert not Question.objects.exists()

    def test_keeps_typed_text_when_invalid(self, owner_client, mission, htmx_headers):
        too_long = "Why " + "q" * 500
        response = owner_client.post(
            self.path(mission), {"text": too_long}, headers=htmx_headers("questions")
        )
        content = assert_region_only(response, "questions")
        assert too_long in content and "at most 500 characters" in content

    def test_refuses_more_than_the_maximum_with_a_clear_message(self, owner_client, mission):
        QuestionFactory.create_batch(Mission.MAX_QUESTIONS, mission=mission)
        response = owner_client.post(self.path(mission), {"text": "One more?"})
        assert response.status_code == 200
        assert "at most 30 questions" in response.content.decode()
        assert mission.questions.count() == Mission.MAX_QUESTIONS

    def test_returns_404_for_a_stranger(self, stranger_client, mission):
        assert stranger_client.post(self.path(mission), {"text": "Planted?"}).status_code == 404
        assert not Question.objects.exists()


class TestQuestionEdit:
    def path(self, question: Question) -> str:
        return url("question_edit", question.mission.opportunity_id, question.pk)

    def test_htmx_get_opens_the_form_with_a_place_for_the_answer(
        self, owner_client, question, htmx_headers
    ):
        response = owner_client.get(self.path(question), headers=htmx_headers("questions"))
        content = assert_region_only(response, "questions")
        assert "What I heard" in content and "Save question" in content

    def test_records_the_answer(self, owner_client, question, htmx_headers):
        response = owner_client.post(
            self.path(question),
            {"text": question.text, "objective": "", "answer": "Setup pain, mostly."},
            headers=htmx_headers("questions"),
        )
        assert "Setup pain, mostly." in assert_region_only(response, "questions")
        question.refresh_from_db()
        assert question.answer == "Setup pain, mostly."
        assert question.objective is None

    def test_another_missions_objective_is_a_field_error(self, owner_client, owner, question):
        foreign = ObjectiveFactory(mission__opportunity__owner=owner)
        response = owner_client.post(
            self.path(question), {"text": "Changed?", "objective": foreign.pk}
        )
        assert response.status_code == 200
        assert "Choose one of this mission&#x27;s objectives." in response.content.decode()
        question.refresh_from_db()
        assert question.objective_id != foreign.pk

    def test_returns_404_for_a_stranger(self, stranger_client, question):
        response = stranger_client.post(self.path(question), {"text": "Taken?"})
        assert response.status_code == 404
        question.refresh_from_db()
        assert question.text == "What do churned teams say?"


class TestQuestionDelete:
    def path(self, question: Question) -> str:
        return url("question_delete", question.mission.opportunity_id, question.pk)

    def test_get_asks_before_deleting(self, owner_client, question, htmx_headers):
        response = owner_client.get(self.path(question), headers=htmx_headers("questions"))
        assert "Delete this question?" in assert_region_only(response, "questions")
        assert Question.objects.filter(pk=question.pk).exists()

    def test_deletes_it(self, owner_client, question):
        response = owner_client.post(self.path(question))
        assert response.url == f"{editor(question.mission)}#questions"
        assert not Question.objects.filter(pk=question.pk).exists()

    def test_returns_404_for_a_stranger(self, stranger_client, question):
        assert stranger_client.post(self.path(question)).status_code == 404
        assert Question.objects.filter(pk=question.pk).exists()


class TestQuestionMove:
    def order(self, mission: Mission) -> list[str]:
        return list(mission.questions.values_list("text", flat=True))

    def test_moves_a_question_down(self, owner_client, mission, htmx_headers):
        first = QuestionFactory(mission=mission, text="First?")
        QuestionFactory(mission=mission, text="Second?")
        response = owner_client.post(
            url("question_move", mission.opportunity_id, first.pk),
            {"direction": "down"},
            headers=htmx_headers("questions"),
        )
        assert_region_only(response, "questions")
        assert self.order(mission) == ["Second?", "First?"]

    def test_returns_404_for_a_stranger(self, stranger_client, question):
        path = url("question_move", question.mission.opportunity_id, question.pk)
        assert stranger_client.post(path, {"direction": "down"}).status_code == 404


class TestMissionServices:
    def test_moving_renumbers_positions_even_when_they_were_tied(self, mission):
        last = [ObjectiveFactory(mission=mission, title=t, position=0) for t in "ABC"][-1]
        services.move_objective(objective=last, direction="up")
        assert titles(mission) == ["A", "C", "B"]
        assert list(mission.objectives.values_list("position", flat=True)) == [0, 1, 2]

    def test_new_rows_go_after_the_last_position(self, mission):
        ObjectiveFactory(mission=mission, position=7)
        added = services.add_objective(mission=mission, title="Next")
        assert added.position == 8

    def test_a_question_cannot_be_tied_to_another_missions_objective(self, mission):
        foreign = ObjectiveFactory()
        with pytest.raises(ValidationError):
            services.add_question(mission=mission, text="Why?", objective=foreign)
