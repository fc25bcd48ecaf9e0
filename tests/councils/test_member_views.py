"""Negotiation pages as a council member sees them: a shared mission is readable (page and PDF)
with the council's comments; everything else of the owner's stays 404, and writes are 403."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councils.models import Membership, Share
from missions.models import Mission
from tests.factories import (
    CommentFactory,
    MembershipFactory,
    MoneyAskFactory,
    OfferFactory,
    QuestionFactory,
    ShareFactory,
)
from tests.html import links_to, select
from tests.world import World

pytestmark = pytest.mark.django_db

# Figures that must never reach a council member unless the plan itself is shared.
SALARY_FIGURES = ("187654", "187,654", "199876", "199,876", "176543", "176,543")


def mission_url(world: World) -> str:
    return reverse("mission_edit", args=[world.opportunity.pk])


def snapshot() -> dict:
    """Every row of both apps, to compare before and after a refused write."""
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for app in ("opportunities", "missions", "negotiation", "councils")
        for model in apps.get_app_config(app).get_models()
    }


class TestMissionEdit:
    def test_a_member_reads_the_shared_mission_with_the_council_thread(
        self, world, council_member_client
    ):
        response = council_member_client.get(mission_url(world))
        content = response.content.decode()
        assert response.status_code == 200
        assert "Director of Product" in content
        assert "Make onboarding a reason teams choose us" in content
        assert "Time to first deploy" in content
        assert "from 3 days to 1 hour" in content
        assert "shared with your council" in content
        assert select(content, id=f"thread-{world.share.pk}")
        assert select(content, "form", action=reverse("comment_create", args=[world.share.pk]))
        assert links_to(content, reverse("mission_pdf", args=[world.opportunity.pk]))

    def test_a_member_gets_no_editing_forms_and_no_share_link(self, world, council_member_client):
        content = council_member_client.get(mission_url(world)).content.decode()
        pk = world.opportunity.pk
        for name in ("objective_create", "question_create", "share_link_create", "mission_share"):
            assert reverse(name, args=[pk]) not in content
        assert reverse("objective_edit", args=[pk, world.objective.pk]) not in content
        assert not select(content, id="mission-summary")
        assert "Share with the hiring manager" not in content

    def test_keeps_the_owners_private_notes_from_members(self, world, council_member_client):
        world.key_result.manager_note = "Dana thinks this is too slow"
        world.key_result.save()
        QuestionFactory(mission=world.mission, text="Budget?", answer="Half a million in Q3")
        world.mission.opportunity.notes = "Recruiter seemed evasive"
        world.mission.opportunity.save()
        content = council_member_client.get(mission_url(world)).content.decode()
        assert "Budget?" in content
        for secret in ("Dana thinks", "Half a million", "Recruiter seemed evasive"):
            assert secret not in content

    def test_never_shows_salary_figures_to_a_member(self, world, council_member_client):
        opportunity = world.mission.opportunity
        OfferFactory(opportunity=opportunity, base_salary=Decimal("187654"))
        MoneyAskFactory(
            plan__opportunity=opportunity,
            target_base=Decimal("199876"),
            walk_away=Decimal("176543"),
        )
        CommentFactory(share=world.share, author=world.member, body="Looks strong")
        content = council_member_client.get(mission_url(world)).content.decode()
        for figure in SALARY_FIGURES:
            assert figure not in content

    def test_shows_one_labelled_thread_per_council_it_is_shared_with(
        self, world, council_member_client
    ):
        MembershipFactory(council=world.other_council, user=world.member)
        other = ShareFactory(
            council=world.other_council, mission=world.mission, shared_by=world.owner
        )
        CommentFactory(share=world.share, author=world.member, body="From the Thursday circle")
        CommentFactory(share=other, author=world.owner, body="From the alumni")
        content = council_member_client.get(mission_url(world)).content.decode()
        assert select(content, id=f"thread-{world.share.pk}")
        assert select(content, id=f"thread-{other.pk}")
        assert "Thursday circle" in content and "Alumni circle" in content
        assert "From the Thursday circle" in content and "From the alumni" in content

    def test_a_member_sees_only_the_threads_of_their_own_councils(
        self, world, council_member_client
    ):
        other = ShareFactory(
            council=world.other_council, mission=world.mission, shared_by=world.owner
        )
        CommentFactory(share=other, author=world.outsider, body="Alumni-only remark")
        content = council_member_client.get(mission_url(world)).content.decode()
        assert not select(content, id=f"thread-{other.pk}")
        assert "Alumni-only remark" not in content

    def test_shows_how_many_comments_are_about_a_key_result(self, world, council_member_client):
        CommentFactory(share=world.share, author=world.member, key_result=world.key_result)
        CommentFactory(share=world.share, author=world.member, key_result=world.key_result)
        content = council_member_client.get(mission_url(world)).content.decode()
        assert "2 comments" in content
        assert select(content, id=f"key-result-{world.key_result.pk}")

    def test_returns_404_for_a_member_of_another_council(self, world, outsider_client):
        assert outsider_client.get(mission_url(world)).status_code == 404

    def test_returns_404_for_a_stranger(self, world, stranger_client):
        assert stranger_client.get(mission_url(world)).status_code == 404

    def test_refuses_a_members_save_with_403_and_changes_nothing(
        self, world, council_member_client, htmx_headers
    ):
        data = {"purpose": "Hijacked", "responsibilities": "Hijacked"}
        before = snapshot()
        assert council_member_client.post(mission_url(world), data).status_code == 403
        response = council_member_client.post(
            mission_url(world), data, headers=htmx_headers("mission-summary")
        )
        assert response.status_code == 403
        assert snapshot() == before

    def test_returns_404_at_once_when_the_mission_is_unshared(self, world, council_member_client):
        assert council_member_client.get(mission_url(world)).status_code == 200
        world.share.delete()
        assert council_member_client.get(mission_url(world)).status_code == 404

    def test_returns_404_at_once_when_the_member_is_removed(self, world, council_member_client):
        assert council_member_client.get(mission_url(world)).status_code == 200
        Membership.objects.filter(user=world.member, council=world.council).delete()
        assert council_member_client.get(mission_url(world)).status_code == 404

    def test_does_not_create_a_mission_for_a_member(self, world, council_member_client):
        Mission.objects.filter(pk=world.mission.pk).delete()
        assert council_member_client.get(mission_url(world)).status_code == 404
        assert not Mission.objects.exists()

    def test_the_owner_still_gets_the_editor_with_the_share_panel_and_threads(
        self, world, owner_client
    ):
        CommentFactory(share=world.share, author=world.member, key_result=world.key_result)
        content = owner_client.get(mission_url(world)).content.decode()
        assert select(content, id="mission-summary")
        assert select(content, id="council-share")
        assert select(content, id=f"thread-{world.share.pk}")
        assert "1 comment" in content

    def test_query_count_does_not_grow_with_comments(self, world, council_member_client):
        for _ in range(5):
            CommentFactory(share=world.share, author=world.member, key_result=world.key_result)
        council_member_client.get(
            mission_url(world)
        )  # the first request of a session does extra work
        counts = []
        for extra in (0, 45):
            for _ in range(extra):
                parent = CommentFactory(share=world.share, author=world.owner)
                CommentFactory(share=world.share, author=world.member, parent=parent)
            with CaptureQueriesContext(connection) as queries:
                assert council_member_client.get(mission_url(world)).status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1]
        assert counts[1] <= 20


class TestMissionPdf:
    def test_a_member_downloads_the_shared_mission(self, world, council_member_client):
        response = council_member_client.get(reverse("mission_pdf", args=[world.opportunity.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")

    def test_returns_404_for_a_member_of_another_council_and_a_stranger(
        self, world, outsider_client, stranger_client
    ):
        url = reverse("mission_pdf", args=[world.opportunity.pk])
        assert outsider_client.get(url).status_code == 404
        assert stranger_client.get(url).status_code == 404

    def test_returns_404_once_unshared(self, world, council_member_client):
        Share.objects.all().delete()
        assert (
            council_member_client.get(
                reverse("mission_pdf", args=[world.opportunity.pk])
            ).status_code
            == 404
        )


def editor_write_urls(world: World) -> list[str]:
    pk, objective, key_result = world.opportunity.pk, world.objective.pk, world.key_result.pk
    question = QuestionFactory(mission=world.mission).pk
    return [
        reverse("objective_create", args=[pk]),
        reverse("objective_edit", args=[pk, objective]),
        reverse("objective_delete", args=[pk, objective]),
        reverse("objective_move", args=[pk, objective]),
        reverse("key_result_create", args=[pk, objective]),
        reverse("key_result_edit", args=[pk, key_result]),
        reverse("key_result_delete", args=[pk, key_result]),
        reverse("key_result_move", args=[pk, key_result]),
        reverse("question_create", args=[pk]),
        reverse("question_edit", args=[pk, question]),
        reverse("question_delete", args=[pk, question]),
        reverse("question_move", args=[pk, question]),
        reverse("share_link_create", args=[pk]),
        reverse("share_link_revoke", args=[pk]),
        reverse("mission_share", args=[pk]),
    ]


class TestMissionWriteUrls:
    def test_a_member_gets_403_on_every_write_and_nothing_changes(
        self, world, council_member_client, htmx_headers
    ):
        urls = editor_write_urls(world)
        before = snapshot()
        for url in urls:
            data = {"title": "x", "direction": "up", "text": "x", "councils": [world.council.pk]}
            assert council_member_client.post(url, data).status_code == 403, url
            response = council_member_client.post(url, data, headers=htmx_headers("objectives"))
            assert response.status_code == 403, url
        assert snapshot() == before

    def test_a_member_of_another_council_gets_404_on_every_write(
        self, world, outsider_client, stranger_client
    ):
        urls = editor_write_urls(world)
        before = snapshot()
        for client in (outsider_client, stranger_client):
            for url in urls:
                assert client.get(url).status_code in (404, 405), url
                assert client.post(url, {"title": "x"}).status_code == 404, url
        assert snapshot() == before


class TestOtherOwnerPages:
    def test_the_opportunity_and_an_unshared_plan_stay_404_for_a_member(
        self, world, council_member_client
    ):
        pk = world.opportunity.pk
        for name in ("opportunity_detail", "opportunity_edit", "plan_detail", "plan_pdf"):
            assert council_member_client.get(reverse(name, args=[pk])).status_code == 404, name
        assert council_member_client.get(reverse("offer_compare")).status_code == 200
        content = council_member_client.get(reverse("offer_compare")).content.decode()
        assert "Northwind Cloud" not in content
