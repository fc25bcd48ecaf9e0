"""The prep sheet: one private page to read before the call, never behind a share link."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from documents import pdf
from missions import services
from negotiation.models import AskPriority, AskStatus
from tests.factories import (
    ConversationFactory,
    MissionFactory,
    MoneyAskFactory,
    NegotiationPlanFactory,
    ObjectiveFactory,
    OfferFactory,
    QuestionFactory,
    RedFlagFactory,
    SuccessAskFactory,
)

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<img src="file:///etc/hostname">'
    "<style>@import url(http://127.0.0.1:9/);</style>"
    "<script>alert(1)</script>"
)


def pdf_text(content: bytes) -> str:
    """All the PDF's text with whitespace collapsed, as a reader would copy it."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def plan(owner):
    plan = NegotiationPlanFactory(
        opportunity__owner=owner,
        opportunity__company="Kestrel Routing",
        opportunity__role="Director of Product",
    )
    mission = MissionFactory(opportunity=plan.opportunity)
    speed = ObjectiveFactory(mission=mission, title="Ship weekly instead of monthly", position=0)
    team = ObjectiveFactory(mission=mission, title="Grow the team into owners", position=1)
    SuccessAskFactory(
        plan=plan,
        description="An executive coach",
        priority=AskPriority.NICE,
        amount=Decimal("15000"),
        currency="USD",
        position=0,
    )
    SuccessAskFactory(
        plan=plan,
        description="A platform budget for tech debt",
        objective=speed,
        status=AskStatus.AGREED,
        position=1,
    )
    SuccessAskFactory(plan=plan, description="A senior PM hire", objective=team, position=2)
    RedFlagFactory(plan=plan, title="They dodged the headcount question")
    RedFlagFactory(plan=plan, title="An old resolved worry", resolved_at=timezone.now())
    QuestionFactory(mission=mission, text="Who owns the platform budget?")
    QuestionFactory(mission=mission, text="Already answered question", answer="The CTO.")
    ConversationFactory(plan=plan, about_success=True, channel="video")
    OfferFactory(opportunity=plan.opportunity, base_salary=Decimal("180000"))
    MoneyAskFactory(
        plan=plan,
        target_base=Decimal("195000"),
        target_total=Decimal("250000"),
        walk_away=Decimal("178000"),
        reasons="The role now includes the routing platform.",
        deal_breakers="More than two office days a week.",
        script="Are you open to a base salary of USD 195,000?",
    )
    return plan


def sheet_url(plan) -> str:
    return reverse("plan_pdf", args=[plan.opportunity_id])


class TestPlanPdf:
    def test_gives_the_owner_one_page_with_everything_to_read_before_the_call(
        self, owner_client, plan
    ):
        response = owner_client.get(sheet_url(plan))

        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        text = pdf_text(response.content)
        assert "PRIVATE · FOR YOU ONLY" in text
        assert "Director of Product" in text
        assert "Kestrel Routing" in text
        assert "Page 1 of 1" in text

    def test_lists_success_asks_by_priority_with_their_objectives(self, owner_client, plan):
        text = pdf_text(owner_client.get(sheet_url(plan)).content)

        assert text.index("Must-have") < text.index("A platform budget for tech debt")
        assert text.index("A senior PM hire") < text.index("Nice-to-have")
        assert text.index("Nice-to-have") < text.index("An executive coach")
        assert "O1 Ship weekly instead of monthly" in text
        assert "O2 Grow the team into owners" in text
        assert "USD 15,000" in text
        assert "Agreed" in text

    def test_shows_the_money_ask_target_walk_away_reasons_and_script(self, owner_client, plan):
        text = pdf_text(owner_client.get(sheet_url(plan)).content)

        assert "USD 195,000" in text
        assert "USD 250,000" in text
        assert "WALK AWAY BELOW USD 178,000" in text
        assert "The role now includes the routing platform." in text
        assert "Are you open to a base salary of USD 195,000?" in text
        assert "More than two office days a week." in text
        assert "USD 180,000" in text  # their current offer

    def test_shows_open_red_flags_and_open_questions_only(self, owner_client, plan):
        text = pdf_text(owner_client.get(sheet_url(plan)).content)

        assert "They dodged the headcount question" in text
        assert "An old resolved worry" not in text
        assert "Who owns the platform budget?" in text
        assert "Already answered question" not in text

    def test_says_when_the_success_conversation_happened_live(self, owner_client, plan):
        text = pdf_text(owner_client.get(sheet_url(plan)).content)

        assert "You had the success conversation live on" in text

    def test_reads_well_for_an_empty_plan(self, owner, owner_client):
        empty = NegotiationPlanFactory(opportunity__owner=owner)

        text = pdf_text(owner_client.get(sheet_url(empty)).content)

        assert "No success asks yet." in text
        assert "No money ask prepared yet" in text
        assert "Have the success conversation live" in text

    def test_attachment_name_is_built_by_the_server(self, owner_client, plan):
        response = owner_client.get(sheet_url(plan))

        assert response["Content-Disposition"] == (
            'attachment; filename="prep-sheet-kestrel-routing-director-of-product.pdf"'
        )

    def test_is_never_cached(self, owner_client, plan):
        assert "no-store" in owner_client.get(sheet_url(plan))["Cache-Control"]

    def test_shows_html_as_text_and_fetches_nothing_but_our_files(
        self, owner_client, plan, monkeypatch
    ):
        SuccessAskFactory(plan=plan, description=HOSTILE[:300])
        plan.money_ask.reasons = HOSTILE
        plan.money_ask.save()
        requested = []
        real_resolve = pdf.resolve_static_url

        def spy(url):
            requested.append(url)
            return real_resolve(url)

        monkeypatch.setattr(pdf, "resolve_static_url", spy)

        response = owner_client.get(sheet_url(plan))

        text = pdf_text(response.content)
        assert '<img src="file:///etc/hostname">' in text
        assert all(url.startswith(pdf.static_prefix()) for url in requested)
        assert not any("etc/" in url or "127.0.0.1" in url for url in requested)
        assert PdfReader(io.BytesIO(response.content)).attachments == {}

    def test_returns_404_for_a_stranger(self, stranger_client, plan):
        assert stranger_client.get(sheet_url(plan)).status_code == 404

    def test_refuses_a_post(self, owner_client, plan):
        assert owner_client.post(sheet_url(plan)).status_code == 405

    def test_query_count_does_not_grow_with_the_plan(
        self, owner_client, plan, django_assert_max_num_queries
    ):
        with django_assert_max_num_queries(14):
            owner_client.get(sheet_url(plan))
        SuccessAskFactory.create_batch(6, plan=plan)
        RedFlagFactory.create_batch(3, plan=plan)
        QuestionFactory.create_batch(4, mission=plan.opportunity.mission)

        with django_assert_max_num_queries(14):
            owner_client.get(sheet_url(plan))


class TestNeverThroughTheShareLink:
    """The hiring manager's link shows the mission, never the plan behind it."""

    @pytest.fixture
    def token(self, plan):
        return services.create_share_link(mission=plan.opportunity.mission)

    def test_the_share_page_shows_nothing_of_the_plan(self, anonymous_client, plan, token):
        content = anonymous_client.get(reverse("share_page", args=[token])).content.decode()

        assert "Ship weekly instead of monthly" in content  # the mission is there
        for private in (
            "A platform budget for tech debt",
            "They dodged the headcount question",
            "195,000",
            "178,000",
            "The role now includes the routing platform.",
            "prep sheet",
            reverse("plan_pdf", args=[plan.opportunity_id]),
        ):
            assert private.lower() not in content.lower()

    def test_the_shared_pdf_shows_nothing_of_the_plan(self, anonymous_client, plan, token):
        text = pdf_text(anonymous_client.get(reverse("share_pdf", args=[token])).content)

        assert "Ship weekly instead of monthly" in text
        assert "A platform budget for tech debt" not in text
        assert "178,000" not in text
        assert "They dodged the headcount question" not in text

    @pytest.mark.parametrize("suffix", ["plan.pdf", "plan/", "pdf/plan", "prep"])
    def test_no_plan_address_exists_under_the_link(self, anonymous_client, token, suffix):
        response = anonymous_client.get(f"/share/{token}/{suffix}")

        assert response.status_code == 404

    def test_the_prep_sheet_needs_the_owner_even_with_a_live_link(
        self, anonymous_client, stranger_client, plan, token
    ):
        assert stranger_client.get(sheet_url(plan)).status_code == 404
        assert anonymous_client.get(sheet_url(plan)).status_code == 302
