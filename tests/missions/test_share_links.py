"""The hiring manager's read-only link: create, regenerate, revoke, and what it shows."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from config.tokens import digest_token
from missions import services
from missions.models import ShareLink
from tests.factories import (
    FocusFactory,
    KeyResultFactory,
    MissionFactory,
    ObjectiveFactory,
    OpportunityFactory,
    QuestionFactory,
)
from tests.html import document, select, text_of, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def mission(opportunity):
    """The owner's mission, on an opportunity whose private notes no link holder may read."""
    opportunity.notes = "SENTINEL-NOTES: they lowballed the last candidate"
    opportunity.save()
    mission = MissionFactory(opportunity=opportunity, purpose="Make the platform a reason to stay.")
    objective = ObjectiveFactory(mission=mission, title="Make onboarding effortless")
    KeyResultFactory(
        objective=objective,
        description="Time to first deploy",
        target="from 3 days to 1 hour",
        manager_note="SENTINEL-MANAGER-NOTE",
    )
    QuestionFactory(
        mission=mission,
        objective=objective,
        text="What do churned teams say?",
        answer="SENTINEL-ANSWER",
    )
    return mission


@pytest.fixture
def token(mission):
    return services.create_share_link(mission=mission)


def page_url(token: str) -> str:
    return reverse("share_page", args=[token])


def pdf_url(token: str) -> str:
    return reverse("share_pdf", args=[token])


def create_url(mission) -> str:
    return reverse("share_link_create", args=[mission.opportunity_id])


def revoke_url(mission) -> str:
    return reverse("share_link_revoke", args=[mission.opportunity_id])


def editor_url(mission) -> str:
    return reverse("mission_edit", args=[mission.opportunity_id])


def live_link(mission) -> ShareLink | None:
    return mission.share_links.live().first()


class TestShareLinkServices:
    def test_a_token_carries_at_least_128_bits_and_only_its_digest_is_stored(self, mission):
        token = services.create_share_link(mission=mission)

        link = live_link(mission)
        assert len(token) >= 43  # 32 bytes in URL-safe base64
        assert link.token_digest == digest_token(token)
        assert token not in (link.token_digest, link.token_salt)
        assert link.token == token

    def test_creating_again_revokes_the_live_link(self, mission):
        first = services.create_share_link(mission=mission)
        second = services.create_share_link(mission=mission)

        assert first != second
        assert mission.share_links.count() == 2
        assert live_link(mission).token == second

    def test_revoking_without_a_live_link_changes_nothing(self, mission):
        assert services.revoke_share_link(mission=mission) is False

    def test_recording_a_view_counts_even_from_a_stale_copy(self, mission, token):
        stale = live_link(mission)
        services.record_share_view(link=stale)
        services.record_share_view(link=stale)

        stale.refresh_from_db()
        assert stale.open_count == 2
        assert stale.last_opened_at is not None


class TestShareLinkLifecycle:
    def test_create_open_regenerate_revoke(self, owner_client, anonymous_client, mission):
        owner_client.post(create_url(mission))
        first = live_link(mission).token

        assert anonymous_client.get(page_url(first)).status_code == 200
        assert anonymous_client.get(pdf_url(first)).status_code == 200
        assert live_link(mission).open_count == 2

        owner_client.post(create_url(mission))
        second = live_link(mission).token

        assert anonymous_client.get(page_url(first)).status_code == 404
        assert anonymous_client.get(page_url(second)).status_code == 200
        assert live_link(mission).open_count == 1

        owner_client.post(revoke_url(mission))

        assert anonymous_client.get(page_url(second)).status_code == 404
        assert anonymous_client.get(pdf_url(second)).status_code == 404

    def test_the_owner_sees_how_often_the_link_was_opened(
        self, owner_client, anonymous_client, mission, token
    ):
        assert "Not opened yet" in owner_client.get(editor_url(mission)).content.decode()

        anonymous_client.get(page_url(token))
        anonymous_client.get(pdf_url(token))

        body = owner_client.get(editor_url(mission)).content.decode()
        assert any(strong.endswith("2 times") for strong in texts(body, "strong"))
        assert "Opened 2 times, most recently" in text_of(document(body))


class TestShareLinkCreate:
    def test_creates_a_link_and_returns_to_the_editor(self, owner_client, mission):
        response = owner_client.post(create_url(mission), follow=True)

        assert response.redirect_chain[-1][0] == editor_url(mission) + "#share-link"
        assert live_link(mission) is not None
        assert "Your share link is ready" in response.content.decode()

    def test_editor_shows_the_live_link_as_a_full_url(self, owner_client, mission, token):
        response = owner_client.get(editor_url(mission))

        assert f"http://testserver/share/{token}/" in response.content.decode()

    def test_answers_htmx_with_the_share_link_region_only(
        self, owner_client, mission, htmx_headers
    ):
        response = owner_client.post(create_url(mission), headers=htmx_headers("share-link"))

        body = response.content.decode()
        assert response.status_code == 200
        assert not select(body, "html")
        assert select(body, id="share-link")
        assert f"http://testserver/share/{live_link(mission).token}/" in body
        assert "Your share link is ready" in body  # for screen readers, out of band

    def test_regenerating_says_the_old_link_stopped(self, owner_client, mission, token):
        response = owner_client.post(create_url(mission), follow=True)

        assert "The old one no longer opens" in response.content.decode()
        assert live_link(mission).token != token

    def test_returns_404_for_a_stranger_and_creates_nothing(self, stranger_client, mission):
        assert stranger_client.post(create_url(mission)).status_code == 404
        assert not ShareLink.objects.exists()

    def test_refuses_a_get(self, owner_client, mission):
        assert owner_client.get(create_url(mission)).status_code == 405
        assert not ShareLink.objects.exists()


class TestShareLinkRevoke:
    def test_revokes_the_live_link(self, owner_client, mission, token):
        response = owner_client.post(revoke_url(mission), follow=True)

        assert response.redirect_chain[-1][0] == editor_url(mission) + "#share-link"
        assert live_link(mission) is None
        assert "Revoked the share link" in response.content.decode()

    def test_answers_htmx_with_a_panel_that_offers_a_new_link(
        self, owner_client, mission, token, htmx_headers
    ):
        response = owner_client.post(revoke_url(mission), headers=htmx_headers("share-link"))

        body = response.content.decode()
        assert not select(body, "html")
        assert "Create a share link" in body
        assert "no longer opens" in body
        assert token not in body

    def test_returns_404_for_a_stranger_and_keeps_the_link(self, stranger_client, mission, token):
        assert stranger_client.post(revoke_url(mission)).status_code == 404
        assert live_link(mission).token == token


class TestSharePage:
    def test_shows_the_mission_read_only_without_sign_in(self, anonymous_client, mission, token):
        response = anonymous_client.get(page_url(token))

        body = response.content.decode()
        assert response.status_code == 200
        assert "Draft for discussion" in body
        assert "Director of Product" in body
        assert "Make onboarding effortless" in body
        assert "What do churned teams say?" in body
        assert select(body, "a", href=pdf_url(token))
        assert not select(body, "form")

    def test_keeps_the_link_private_with_its_headers(self, anonymous_client, token):
        response = anonymous_client.get(page_url(token))

        assert response["Referrer-Policy"] == "no-referrer"
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "no-store" in response["Cache-Control"]

    def test_shows_nothing_but_the_mission(self, owner, anonymous_client, mission, token):
        other = OpportunityFactory(owner=owner, company="SENTINEL-OTHER-COMPANY")
        MissionFactory(opportunity=other, purpose="SENTINEL-OTHER-MISSION")

        body = anonymous_client.get(page_url(token)).content.decode()

        for sentinel in (
            "SENTINEL-NOTES",
            "SENTINEL-MANAGER-NOTE",
            "SENTINEL-ANSWER",
            "SENTINEL-OTHER",
            "owner@example.com",
            "Sign out",
            reverse("opportunity_list"),
        ):
            assert sentinel not in body

    def test_shows_the_contact_line_the_owner_chose(self, owner, anonymous_client, token):
        FocusFactory(owner=owner, full_name="Alex Rivera", contact="alex@rivera.example")

        body = anonymous_client.get(page_url(token)).content.decode()

        assert "Alex Rivera" in body
        assert "alex@rivera.example" in body

    def test_shows_html_in_the_mission_as_text(self, anonymous_client, mission, token):
        mission.purpose = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
        mission.save()

        body = anonymous_client.get(page_url(token)).content.decode()

        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in body
        assert "<script>alert(2)" not in body

    def test_counts_each_opening(self, anonymous_client, mission, token):
        anonymous_client.get(page_url(token))
        anonymous_client.get(page_url(token))

        link = live_link(mission)
        assert link.open_count == 2
        assert link.last_opened_at is not None

    def test_leaves_out_questions_when_the_owner_chose_to(self, anonymous_client, mission, token):
        mission.include_questions = False
        mission.save()

        body = anonymous_client.get(page_url(token)).content.decode()

        assert "What do churned teams say?" not in body

    @pytest.mark.parametrize("bad", ["unknown", "a" * 43, "x" * 500, "%00", "..%2F..%2Fetc"])
    def test_unknown_and_malformed_tokens_are_not_found(self, anonymous_client, token, bad):
        assert anonymous_client.get(f"/share/{bad}/").status_code == 404

    def test_a_revoked_link_is_not_found(self, anonymous_client, mission, token):
        services.revoke_share_link(mission=mission)

        assert anonymous_client.get(page_url(token)).status_code == 404

    def test_refuses_a_post(self, anonymous_client, mission, token):
        assert anonymous_client.post(page_url(token)).status_code == 405
        assert live_link(mission).open_count == 0

    def test_query_count_does_not_grow_with_the_mission(
        self, anonymous_client, mission, token, django_assert_max_num_queries
    ):
        with django_assert_max_num_queries(7):
            anonymous_client.get(page_url(token))
        for position in range(1, 5):
            objective = ObjectiveFactory(mission=mission, position=position)
            KeyResultFactory.create_batch(4, objective=objective)
            QuestionFactory.create_batch(2, mission=mission, objective=objective)

        with django_assert_max_num_queries(7):
            anonymous_client.get(page_url(token))

    def test_a_signed_in_stranger_with_the_link_sees_only_the_mission(self, stranger_client, token):
        body = stranger_client.get(page_url(token)).content.decode()

        assert "Make onboarding effortless" in body
        assert "stranger@example.com" not in body


class TestSharePdf:
    def test_gives_the_link_holder_the_pdf(self, anonymous_client, mission, token):
        response = anonymous_client.get(pdf_url(token))

        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment; filename=")
        reader = PdfReader(io.BytesIO(response.content))
        text = " ".join(page.extract_text() for page in reader.pages)
        assert "Make onboarding effortless" in " ".join(text.split())
        assert "owner@example.com" not in text
        assert "SENTINEL" not in text

    def test_keeps_the_link_private_with_its_headers(self, anonymous_client, token):
        response = anonymous_client.get(pdf_url(token))

        assert response["Referrer-Policy"] == "no-referrer"
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "no-store" in response["Cache-Control"]

    def test_counts_an_opening(self, anonymous_client, mission, token):
        anonymous_client.get(pdf_url(token))

        assert live_link(mission).open_count == 1

    def test_a_revoked_link_is_not_found(self, anonymous_client, mission, token):
        services.revoke_share_link(mission=mission)

        assert anonymous_client.get(pdf_url(token)).status_code == 404

    def test_refuses_a_post(self, anonymous_client, token):
        assert anonymous_client.post(pdf_url(token)).status_code == 405
