"""Sharing work with councils: the share panel and its views, and the page of a shared focus."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from councils import services
from councils.models import Comment, Share
from tests.councils.test_member_views import SALARY_FIGURES, snapshot
from tests.factories import (
    CommentFactory,
    CouncilFactory,
    DebriefFactory,
    FocusFactory,
    MoneyAskFactory,
    NegotiationPlanFactory,
    OfferFactory,
    ShareFactory,
)
from tests.html import links_to, opens_with, select, texts
from tests.world import World

pytestmark = pytest.mark.django_db


def shared_councils(**target) -> set[str]:
    return set(Share.objects.filter(**target).values_list("council__name", flat=True))


class TestMissionShare:
    def url(self, world: World) -> str:
        return reverse("mission_share", args=[world.opportunity.pk])

    def test_lists_the_owners_councils_with_the_shared_one_ticked(self, world, owner_client):
        response = owner_client.get(self.url(world))
        content = response.content.decode()
        assert response.status_code == 200
        assert "Thursday circle" in content and "Alumni circle" in content
        checked = re.findall(
            r'<input type="checkbox" name="councils" value="(\d+)"[^>]* checked', content
        )
        assert checked == [str(world.council.pk)]

    def test_says_how_many_comments_each_council_made(self, world, owner_client):
        CommentFactory(share=world.share, author=world.member)
        CommentFactory(share=world.share, author=world.member)
        CommentFactory(share=world.share, author=world.member, deleted_at=timezone.now())
        content = owner_client.get(self.url(world)).content.decode()
        share_page = reverse("share_detail", args=[world.share.pk])
        assert texts(content, "a", href=share_page) == ["2 comments"]

    def test_shares_with_the_ticked_councils_and_redirects_to_the_editor(self, world, owner_client):
        councils = [world.council.pk, world.other_council.pk]
        response = owner_client.post(self.url(world), {"councils": councils})
        assert response.status_code == 302
        assert (
            response.url == reverse("mission_edit", args=[world.opportunity.pk]) + "#council-share"
        )
        assert shared_councils(mission=world.mission) == {"Thursday circle", "Alumni circle"}
        page = owner_client.get(response.url).content.decode()
        assert "Shared your job mission with “Alumni circle”" in page

    def test_unticking_stops_sharing_and_deletes_that_councils_comments(self, world, owner_client):
        CommentFactory(share=world.share, author=world.member, body="Gone with the share")
        response = owner_client.post(self.url(world), {"councils": []})
        assert response.status_code == 302
        assert not Share.objects.filter(mission=world.mission).exists()
        assert not Comment.objects.exists()

    def test_htmx_save_returns_only_the_panel_with_what_changed(
        self, world, owner_client, htmx_headers
    ):
        response = owner_client.post(
            self.url(world),
            {"councils": [world.other_council.pk]},
            headers=htmx_headers("council-share"),
        )
        content = response.content.decode()
        assert response.status_code == 200
        assert not select(content, "html")
        assert opens_with(content, "section", id="council-share")
        assert "Shared your job mission with “Alumni circle”" in content
        assert "Stopped sharing it with “Thursday circle”" in content
        assert shared_councils(mission=world.mission) == {"Alumni circle"}

    def test_refuses_a_council_the_owner_does_not_belong_to(self, world, owner_client, stranger):
        foreign = CouncilFactory(owner=stranger, name="Not yours")
        before = snapshot()
        response = owner_client.post(self.url(world), {"councils": [foreign.pk]})
        assert response.status_code == 200
        assert "You can share only with councils you belong to." in response.content.decode()
        assert snapshot() == before

    def test_says_how_to_start_a_council_when_the_owner_has_none(self, owner_client, owner):
        from tests.factories import MissionFactory

        mission = MissionFactory(opportunity__owner=owner)
        content = owner_client.get(
            reverse("mission_share", args=[mission.opportunity_id])
        ).content.decode()
        assert "You are not in a council yet" in content
        assert links_to(content, reverse("council_create"))

    def test_a_member_gets_403_and_nothing_changes(
        self, world, council_member_client, htmx_headers
    ):
        before = snapshot()
        assert council_member_client.get(self.url(world)).status_code == 403
        assert council_member_client.post(self.url(world), {"councils": []}).status_code == 403
        response = council_member_client.post(
            self.url(world), {"councils": []}, headers=htmx_headers("council-share")
        )
        assert response.status_code == 403
        assert snapshot() == before

    def test_returns_404_for_a_member_of_another_council_and_a_stranger(
        self, world, outsider_client, stranger_client
    ):
        before = snapshot()
        for client in (outsider_client, stranger_client):
            assert client.get(self.url(world)).status_code == 404
            assert client.post(self.url(world), {"councils": []}).status_code == 404
        assert snapshot() == before

    def test_the_editor_shows_the_panel(self, world, owner_client):
        content = owner_client.get(reverse("mission_edit", args=[world.opportunity.pk])).content
        assert select(content, id="council-share")
        assert b"Share with your council" in content


class TestFocusShare:
    url = reverse("focus_share")

    def test_asks_for_a_focus_first(self, owner_client):
        response = owner_client.get(self.url)
        assert response.status_code == 302
        assert response.url == reverse("focus_edit")

    def test_shares_the_focus_and_shows_the_panel_on_the_focus_page(self, world, owner_client):
        focus = FocusFactory(owner=world.owner)
        page = owner_client.get(reverse("focus_edit")).content.decode()
        assert select(page, id="council-share")
        response = owner_client.post(self.url, {"councils": [world.council.pk]})
        assert response.status_code == 302
        assert response.url == reverse("focus_edit") + "#council-share"
        assert shared_councils(focus=focus) == {"Thursday circle"}

    def test_a_stranger_shares_only_their_own_focus(self, world, stranger, stranger_client):
        FocusFactory(owner=world.owner)
        own = FocusFactory(owner=stranger)
        council = CouncilFactory(owner=stranger)
        stranger_client.post(self.url, {"councils": [council.pk]})
        assert Share.objects.get(focus__isnull=False).focus == own


class TestDebriefShare:
    def test_the_owner_shares_a_debrief(self, world, owner_client):
        debrief = DebriefFactory(owner=world.owner)
        url = reverse("debrief_share", args=[debrief.pk])
        response = owner_client.post(url, {"councils": [world.council.pk]})
        assert response.status_code == 302
        assert response.url == reverse("debrief_detail", args=[debrief.pk]) + "#council-share"
        assert shared_councils(debrief=debrief) == {"Thursday circle"}

    def test_a_member_gets_403_and_a_stranger_404(
        self, world, council_member_client, outsider_client, stranger_client
    ):
        debrief = DebriefFactory(owner=world.owner)
        ShareFactory(council=world.council, mission=None, debrief=debrief, shared_by=world.owner)
        url = reverse("debrief_share", args=[debrief.pk])
        before = snapshot()
        assert council_member_client.post(url, {"councils": []}).status_code == 403
        assert outsider_client.post(url, {"councils": []}).status_code == 404
        assert stranger_client.get(url).status_code == 404
        assert snapshot() == before


class TestPlanShare:
    def test_the_owner_shares_a_plan_and_is_told_figures_go_with_it(self, world, owner_client):
        url = reverse("plan_share", args=[world.opportunity.pk])
        assert "This includes your salary figures" in owner_client.get(url).content.decode()
        owner_client.post(url, {"councils": [world.council.pk]})
        assert shared_councils(plan__opportunity_id=world.opportunity.pk) == {"Thursday circle"}

    def test_returns_404_for_a_stranger(self, world, stranger_client):
        url = reverse("plan_share", args=[world.opportunity.pk])
        assert stranger_client.post(url, {"councils": []}).status_code == 404

    def test_a_member_of_a_council_it_is_shared_with_gets_403(
        self, world, council_member_client, outsider_client
    ):
        plan = NegotiationPlanFactory(opportunity=world.mission.opportunity)
        ShareFactory(council=world.council, mission=None, plan=plan, shared_by=world.owner)
        url = reverse("plan_share", args=[world.opportunity.pk])
        before = snapshot()
        assert council_member_client.post(url, {"councils": []}).status_code == 403
        assert outsider_client.post(url, {"councils": []}).status_code == 404
        assert snapshot() == before


class TestShareDetail:
    @pytest.fixture
    def focus_share(self, world):
        focus = FocusFactory(
            owner=world.owner, full_name="Alex Rivera", attribute_1="Product leader for dev tools"
        )
        return ShareFactory(council=world.council, mission=None, focus=focus, shared_by=world.owner)

    def test_a_member_reads_a_shared_focus_with_its_thread(
        self, focus_share, council_member_client
    ):
        CommentFactory(share=focus_share, author=focus_share.shared_by, body="Be blunt, please")
        response = council_member_client.get(reverse("share_detail", args=[focus_share.pk]))
        content = response.content.decode()
        assert response.status_code == 200
        assert "Alex Rivera’s search focus" in content
        assert "Product leader for dev tools" in content
        assert "Be blunt, please" in content
        assert select(content, id=f"thread-{focus_share.pk}")

    def test_the_owner_reads_it_too(self, focus_share, owner_client):
        response = owner_client.get(reverse("share_detail", args=[focus_share.pk]))
        assert response.status_code == 200
        assert "Your search focus" in response.content.decode()

    def test_never_shows_salary_figures(self, world, focus_share, council_member_client):
        OfferFactory(opportunity=world.mission.opportunity, base_salary=Decimal("187654"))
        MoneyAskFactory(plan__opportunity=world.mission.opportunity, target_base=Decimal("199876"))
        content = council_member_client.get(reverse("share_detail", args=[focus_share.pk])).content
        for figure in SALARY_FIGURES:
            assert figure.encode() not in content

    def test_a_shared_mission_redirects_to_its_own_page(self, world, council_member_client):
        response = council_member_client.get(reverse("share_detail", args=[world.share.pk]))
        assert response.status_code == 302
        assert response.url == (
            reverse("mission_edit", args=[world.opportunity.pk]) + f"#thread-{world.share.pk}"
        )

    def test_htmx_asking_for_the_thread_gets_only_the_thread(
        self, world, council_member_client, htmx_headers
    ):
        response = council_member_client.get(
            reverse("share_detail", args=[world.share.pk]),
            headers=htmx_headers(f"thread-{world.share.pk}"),
        )
        content = response.content.decode()
        assert response.status_code == 200
        assert not select(content, "html")
        assert select(content, id=f"thread-{world.share.pk}")

    def test_returns_404_for_a_member_of_another_council_and_a_stranger(
        self, focus_share, outsider_client, stranger_client
    ):
        url = reverse("share_detail", args=[focus_share.pk])
        assert outsider_client.get(url).status_code == 404
        assert stranger_client.get(url).status_code == 404

    def test_returns_404_at_once_when_unshared(self, focus_share, council_member_client):
        url = reverse("share_detail", args=[focus_share.pk])
        assert council_member_client.get(url).status_code == 200
        focus_share.delete()
        assert council_member_client.get(url).status_code == 404

    def test_refuses_a_post(self, focus_share, council_member_client):
        assert (
            council_member_client.post(reverse("share_detail", args=[focus_share.pk])).status_code
            == 405
        )


class TestSetSharedCouncils:
    def test_adds_and_removes_and_says_which(self, world):
        added, removed = services.set_shared_councils(
            owner=world.owner, item=world.mission, councils=[world.other_council]
        )
        assert added == [world.other_council]
        assert removed == [world.council]

    def test_a_new_share_tops_the_council_feed(self, world):
        Share.objects.update(last_activity_at=timezone.now() - dt.timedelta(days=3))
        services.set_shared_councils(
            owner=world.owner, item=world.mission, councils=[world.council, world.other_council]
        )
        newest = Share.objects.order_by("-last_activity_at").first()
        assert newest.council == world.other_council
        assert newest.last_activity_at > timezone.now() - dt.timedelta(minutes=1)

    def test_keeps_an_existing_share_and_its_comments(self, world):
        comment = CommentFactory(share=world.share, author=world.member)
        services.set_shared_councils(
            owner=world.owner, item=world.mission, councils=[world.council]
        )
        assert Comment.objects.filter(pk=comment.pk).exists()

    def test_refuses_someone_elses_work(self, world):
        with pytest.raises(ValidationError):
            services.set_shared_councils(owner=world.member, item=world.mission, councils=[])

    def test_refuses_a_council_the_owner_is_not_in(self, world, stranger):
        with pytest.raises(ValidationError):
            services.set_shared_councils(
                owner=world.owner, item=world.mission, councils=[CouncilFactory(owner=stranger)]
            )

    def test_shares_a_plan(self, world):
        plan = NegotiationPlanFactory(opportunity=world.mission.opportunity)
        services.set_shared_councils(owner=world.owner, item=plan, councils=[world.council])
        assert Share.objects.filter(plan=plan, council=world.council).exists()
