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
from tests.councils.shared_work import SharedWork, build_shared_work, client_for
from tests.factories import (
    CommentFactory,
    MembershipFactory,
    MoneyAskFactory,
    OfferFactory,
    QuestionFactory,
    ShareFactory,
)

pytestmark = pytest.mark.django_db

# Figures that must never reach a council member unless the plan itself is shared.
SALARY_FIGURES = ("187654", "187,654", "199876", "199,876", "176543", "176,543")


@pytest.fixture
def work(owner) -> SharedWork:
    return build_shared_work(owner)


@pytest.fixture
def member_client(work):
    return client_for(work.member)


@pytest.fixture
def outsider_client(work):
    return client_for(work.outsider)


def mission_url(work: SharedWork) -> str:
    return reverse("mission_edit", args=[work.opportunity_pk])


def snapshot() -> dict:
    """Every row of both apps, to compare before and after a refused write."""
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for app in ("opportunities", "missions", "negotiation", "councils")
        for model in apps.get_app_config(app).get_models()
    }


class TestMissionEdit:
    def test_a_member_reads_the_shared_mission_with_the_council_thread(self, work, member_client):
        response = member_client.get(mission_url(work))
        content = response.content.decode()
        assert response.status_code == 200
        assert "Director of Product" in content
        assert "Make onboarding a reason teams choose us" in content
        assert "Time to first deploy" in content
        assert "from 3 days to 1 hour" in content
        assert "shared with your council" in content
        assert f'id="thread-{work.share.pk}"' in content
        assert reverse("comment_create", args=[work.share.pk]) in content
        assert reverse("mission_pdf", args=[work.opportunity_pk]) in content

    def test_a_member_gets_no_editing_forms_and_no_share_link(self, work, member_client):
        content = member_client.get(mission_url(work)).content.decode()
        pk = work.opportunity_pk
        for name in ("objective_create", "question_create", "share_link_create", "mission_share"):
            assert reverse(name, args=[pk]) not in content
        assert reverse("objective_edit", args=[pk, work.objective.pk]) not in content
        assert 'id="mission-summary"' not in content
        assert "Share with the hiring manager" not in content

    def test_keeps_the_owners_private_notes_from_members(self, work, member_client):
        work.key_result.manager_note = "Dana thinks this is too slow"
        work.key_result.save()
        QuestionFactory(mission=work.mission, text="Budget?", answer="Half a million in Q3")
        work.mission.opportunity.notes = "Recruiter seemed evasive"
        work.mission.opportunity.save()
        content = member_client.get(mission_url(work)).content.decode()
        assert "Budget?" in content
        for secret in ("Dana thinks", "Half a million", "Recruiter seemed evasive"):
            assert secret not in content

    def test_never_shows_salary_figures_to_a_member(self, work, member_client):
        opportunity = work.mission.opportunity
        OfferFactory(opportunity=opportunity, base_salary=Decimal("187654"))
        MoneyAskFactory(
            plan__opportunity=opportunity,
            target_base=Decimal("199876"),
            walk_away=Decimal("176543"),
        )
        CommentFactory(share=work.share, author=work.member, body="Looks strong")
        content = member_client.get(mission_url(work)).content.decode()
        for figure in SALARY_FIGURES:
            assert figure not in content

    def test_shows_one_labelled_thread_per_council_it_is_shared_with(self, work, member_client):
        MembershipFactory(council=work.other_council, user=work.member)
        other = ShareFactory(council=work.other_council, mission=work.mission, shared_by=work.owner)
        CommentFactory(share=work.share, author=work.member, body="From the Thursday circle")
        CommentFactory(share=other, author=work.owner, body="From the alumni")
        content = member_client.get(mission_url(work)).content.decode()
        assert f'id="thread-{work.share.pk}"' in content
        assert f'id="thread-{other.pk}"' in content
        assert "Thursday circle" in content and "Alumni circle" in content
        assert "From the Thursday circle" in content and "From the alumni" in content

    def test_a_member_sees_only_the_threads_of_their_own_councils(self, work, member_client):
        other = ShareFactory(council=work.other_council, mission=work.mission, shared_by=work.owner)
        CommentFactory(share=other, author=work.outsider, body="Alumni-only remark")
        content = member_client.get(mission_url(work)).content.decode()
        assert f'id="thread-{other.pk}"' not in content
        assert "Alumni-only remark" not in content

    def test_shows_how_many_comments_are_about_a_key_result(self, work, member_client):
        CommentFactory(share=work.share, author=work.member, key_result=work.key_result)
        CommentFactory(share=work.share, author=work.member, key_result=work.key_result)
        content = member_client.get(mission_url(work)).content.decode()
        assert "2 comments" in content
        assert f'id="key-result-{work.key_result.pk}"' in content

    def test_returns_404_for_a_member_of_another_council(self, work, outsider_client):
        assert outsider_client.get(mission_url(work)).status_code == 404

    def test_returns_404_for_a_stranger(self, work, stranger_client):
        assert stranger_client.get(mission_url(work)).status_code == 404

    def test_sends_anonymous_visitors_to_sign_in(self, work, anonymous_client):
        response = anonymous_client.get(mission_url(work))
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")

    def test_refuses_a_members_save_with_403_and_changes_nothing(
        self, work, member_client, htmx_headers
    ):
        data = {"purpose": "Hijacked", "responsibilities": "Hijacked"}
        before = snapshot()
        assert member_client.post(mission_url(work), data).status_code == 403
        response = member_client.post(
            mission_url(work), data, headers=htmx_headers("mission-summary")
        )
        assert response.status_code == 403
        assert snapshot() == before

    def test_returns_404_at_once_when_the_mission_is_unshared(self, work, member_client):
        assert member_client.get(mission_url(work)).status_code == 200
        work.share.delete()
        assert member_client.get(mission_url(work)).status_code == 404

    def test_returns_404_at_once_when_the_member_is_removed(self, work, member_client):
        assert member_client.get(mission_url(work)).status_code == 200
        Membership.objects.filter(user=work.member, council=work.council).delete()
        assert member_client.get(mission_url(work)).status_code == 404

    def test_does_not_create_a_mission_for_a_member(self, work, member_client):
        Mission.objects.filter(pk=work.mission.pk).delete()
        assert member_client.get(mission_url(work)).status_code == 404
        assert not Mission.objects.exists()

    def test_the_owner_still_gets_the_editor_with_the_share_panel_and_threads(
        self, work, owner_client
    ):
        CommentFactory(share=work.share, author=work.member, key_result=work.key_result)
        content = owner_client.get(mission_url(work)).content.decode()
        assert 'id="mission-summary"' in content
        assert 'id="council-share"' in content
        assert f'id="thread-{work.share.pk}"' in content
        assert "1 comment" in content

    def test_query_count_does_not_grow_with_comments(self, work, member_client):
        for _ in range(5):
            CommentFactory(share=work.share, author=work.member, key_result=work.key_result)
        member_client.get(mission_url(work))  # the first request of a session does extra work
        counts = []
        for extra in (0, 45):
            for _ in range(extra):
                parent = CommentFactory(share=work.share, author=work.owner)
                CommentFactory(share=work.share, author=work.member, parent=parent)
            with CaptureQueriesContext(connection) as queries:
                assert member_client.get(mission_url(work)).status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1]
        assert counts[1] <= 20


class TestMissionPdf:
    def test_a_member_downloads_the_shared_mission(self, work, member_client):
        response = member_client.get(reverse("mission_pdf", args=[work.opportunity_pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")

    def test_returns_404_for_a_member_of_another_council_and_a_stranger(
        self, work, outsider_client, stranger_client
    ):
        url = reverse("mission_pdf", args=[work.opportunity_pk])
        assert outsider_client.get(url).status_code == 404
        assert stranger_client.get(url).status_code == 404

    def test_returns_404_once_unshared(self, work, member_client):
        Share.objects.all().delete()
        assert (
            member_client.get(reverse("mission_pdf", args=[work.opportunity_pk])).status_code == 404
        )


def editor_write_urls(work: SharedWork) -> list[str]:
    pk, objective, key_result = work.opportunity_pk, work.objective.pk, work.key_result.pk
    question = QuestionFactory(mission=work.mission).pk
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
        self, work, member_client, htmx_headers
    ):
        urls = editor_write_urls(work)
        before = snapshot()
        for url in urls:
            data = {"title": "x", "direction": "up", "text": "x", "councils": [work.council.pk]}
            assert member_client.post(url, data).status_code == 403, url
            response = member_client.post(url, data, headers=htmx_headers("objectives"))
            assert response.status_code == 403, url
        assert snapshot() == before

    def test_a_member_of_another_council_gets_404_on_every_write(
        self, work, outsider_client, stranger_client
    ):
        urls = editor_write_urls(work)
        before = snapshot()
        for client in (outsider_client, stranger_client):
            for url in urls:
                assert client.get(url).status_code in (404, 405), url
                assert client.post(url, {"title": "x"}).status_code == 404, url
        assert snapshot() == before


class TestOtherOwnerPages:
    def test_the_opportunity_and_an_unshared_plan_stay_404_for_a_member(self, work, member_client):
        pk = work.opportunity_pk
        for name in ("opportunity_detail", "opportunity_edit", "plan_detail", "plan_pdf"):
            assert member_client.get(reverse(name, args=[pk])).status_code == 404, name
        assert member_client.get(reverse("offer_compare")).status_code == 200
        content = member_client.get(reverse("offer_compare")).content.decode()
        assert "Northwind Cloud" not in content
