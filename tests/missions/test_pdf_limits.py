"""A mission PDF renders in bounded time: content beyond the editor's limits is refused first.

The editor keeps a mission within Mission.MAX_OBJECTIVES, MAX_KEY_RESULTS and MAX_QUESTIONS and
every text within its column (tests/missions/test_mission_editor.py); rows written around
it (the admin, an import, a bug) must not let one download hold a web worker for minutes.
"""

import io
from unittest import mock

import pytest
from django.db import connection
from django.urls import reverse
from pypdf import PdfReader

from documents.pdf import DocumentTooLarge
from missions import pdf, services
from missions.models import KeyResult, Mission, Objective, Question
from tests.factories import FocusFactory, KeyResultFactory, MissionFactory, ObjectiveFactory
from tests.html import links_to

WORDS = "measurable onboarding platform trust hiring roadmap quarterly "


def prose(length: int) -> str:
    """Ordinary words, exactly ``length`` characters long."""
    return (WORDS * (length // len(WORDS) + 1))[:length].strip().ljust(length, "x")


@pytest.fixture
def weasyprint_spy():
    """Fails the test if WeasyPrint is asked to lay anything out."""
    with mock.patch("missions.pdf.cached_html_to_pdf") as render:
        yield render


@pytest.fixture
def pathological(owner) -> Mission:
    """100,000 characters of purpose and 50 objectives of 100 key results: 5,000 rows."""
    mission = MissionFactory(opportunity__owner=owner, purpose=prose(100_000))
    objectives = Objective.objects.bulk_create(
        Objective(mission=mission, title=f"Objective {n}", position=n) for n in range(50)
    )
    KeyResult.objects.bulk_create(
        KeyResult(objective=objective, description=f"Result {n}", target="1 to 2", position=n)
        for objective in objectives
        for n in range(100)
    )
    return mission


class TestMissionPdfBeyondTheLimits:
    def test_is_refused_with_a_page_that_names_each_limit(
        self, owner_client, pathological, weasyprint_spy
    ):
        url = reverse("mission_pdf", args=[pathological.opportunity_id])
        response = owner_client.get(url)

        assert response.status_code == 422
        assert response["Content-Type"].startswith("text/html")
        page = response.content.decode()
        assert "This mission is too long for a PDF" in page
        assert "The purpose of the role is 100,000 characters long" in page
        assert "at most 4,000" in page
        assert "The mission has 50 objectives; a PDF takes at most 5." in page
        assert "50 objectives have more than 8 key results (up to 100)" in page
        assert links_to(page, reverse("mission_edit", args=[pathological.opportunity_id]))
        weasyprint_spy.assert_not_called()

    def test_refusal_never_starts_weasyprint_itself(self, owner_client, pathological):
        with mock.patch("weasyprint.HTML") as html:
            response = owner_client.get(reverse("mission_pdf", args=[pathological.opportunity_id]))
        assert response.status_code == 422
        html.assert_not_called()

    def test_share_link_holder_gets_the_refusal_with_a_way_back_to_the_page(
        self, anonymous_client, pathological, weasyprint_spy
    ):
        token = services.create_share_link(mission=pathological)
        response = anonymous_client.get(reverse("share_pdf", args=[token]))

        assert response.status_code == 422
        assert links_to(response, reverse("share_page", args=[token]))
        assert response["Referrer-Policy"] == "no-referrer"
        assert "no-store" in response["Cache-Control"]
        weasyprint_spy.assert_not_called()

    def test_share_page_still_shows_the_mission_as_html(self, anonymous_client, pathological):
        token = services.create_share_link(mission=pathological)
        response = anonymous_client.get(reverse("share_page", args=[token]))
        assert response.status_code == 200
        assert "Objective 49" in response.content.decode()


class TestMissionSizeProblems:
    """Each limit on its own: one over is refused, at the limit is fine."""

    def problems(self, mission: Mission) -> list[str]:
        context = pdf.mission_document_context(mission, via_link=False)
        return pdf.mission_size_problems(context)

    def test_a_mission_within_the_limits_has_none(self, owner):
        objective = ObjectiveFactory(mission__opportunity__owner=owner)
        KeyResultFactory.create_batch(Mission.MAX_KEY_RESULTS, objective=objective)
        mission = objective.mission
        assert self.problems(mission) == []

    def test_one_objective_too_many(self, owner):
        mission = MissionFactory(opportunity__owner=owner)
        ObjectiveFactory.create_batch(Mission.MAX_OBJECTIVES + 1, mission=mission)
        assert self.problems(mission) == [
            f"The mission has {Mission.MAX_OBJECTIVES + 1} objectives; a PDF takes at most "
            f"{Mission.MAX_OBJECTIVES}."
        ]

    def test_one_key_result_too_many(self, owner):
        objective = ObjectiveFactory(mission__opportunity__owner=owner, title="Trust")
        KeyResultFactory.create_batch(Mission.MAX_KEY_RESULTS + 1, objective=objective)
        (problem,) = self.problems(objective.mission)
        assert problem.startswith("1 objective has more than 8 key results (up to 9)")

    def test_questions_count_only_when_the_pdf_shows_them(self, owner):
        mission = MissionFactory(opportunity__owner=owner)
        Question.objects.bulk_create(
            Question(mission=mission, text=f"Q{n}?", position=n)
            for n in range(Mission.MAX_QUESTIONS + 1)
        )
        assert self.problems(mission) == ["It has 31 questions; a PDF takes at most 30."]
        mission.include_questions = False
        mission.save()
        assert self.problems(mission) == []

    @pytest.mark.parametrize(("field", "limit"), [("purpose", 4000), ("responsibilities", 8000)])
    def test_text_one_character_too_long(self, owner, field, limit):
        mission = MissionFactory(opportunity__owner=owner, **{field: prose(limit)})
        assert self.problems(mission) == []
        setattr(mission, field, prose(limit + 1))
        mission.save()
        (problem,) = self.problems(mission)
        assert f"is {limit + 1:,} characters long; a PDF takes at most {limit:,}." in problem

    def test_an_overlong_key_result_is_named(self, owner):
        if connection.vendor == "postgresql":
            pytest.skip("PostgreSQL's varchar(300) refuses such a row in the first place")
        key_result = KeyResultFactory(objective__mission__opportunity__owner=owner)
        KeyResult.objects.filter(pk=key_result.pk).update(description="x" * 5000)
        mission = key_result.objective.mission
        assert self.problems(mission) == [
            "A key result is 5,000 characters long; a PDF takes at most 300."
        ]

    def test_render_mission_pdf_refuses_before_rendering(self, pathological, weasyprint_spy):
        with pytest.raises(DocumentTooLarge) as refusal:
            pdf.render_mission_pdf(pathological)
        assert len(refusal.value.problems) == 3
        weasyprint_spy.assert_not_called()


def test_a_mission_at_every_limit_renders_to_a_readable_pdf(owner, owner_client):
    """The largest mission the editor allows: every count and every text at its maximum."""
    FocusFactory(owner=owner, full_name=prose(200), contact=prose(300))
    mission = MissionFactory(
        opportunity__owner=owner,
        opportunity__company=prose(200),
        opportunity__role=prose(200),
        purpose=prose(4000),
        responsibilities="\n".join(f"- {prose(96)}" for _ in range(80)),
    )
    objectives = Objective.objects.bulk_create(
        Objective(mission=mission, title=prose(300), position=n)
        for n in range(Mission.MAX_OBJECTIVES)
    )
    KeyResult.objects.bulk_create(
        KeyResult(objective=objective, description=prose(300), target=prose(200), position=n)
        for objective in objectives
        for n in range(Mission.MAX_KEY_RESULTS)
    )
    Question.objects.bulk_create(
        Question(mission=mission, objective=objectives[n % 5], text=prose(500), position=n)
        for n in range(Mission.MAX_QUESTIONS)
    )
    context = pdf.mission_document_context(mission, via_link=False)
    assert pdf.mission_size_problems(context) == []

    response = owner_client.get(reverse("mission_pdf", args=[mission.opportunity_id]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    # ~50,000 characters: long, but a document, not a runaway.
    assert 5 <= len(pages) <= 40, len(pages)
