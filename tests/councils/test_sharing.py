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
from tests.councils.shared_work import SharedWork, build_shared_work, client_for
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

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(owner) -> SharedWork:
    return build_shared_work(owner)


@pytest.fixture
def member_client(work):
    return client_for(work.member)


@pytest.fixture
def outsider_client(work):
    return client_for(work.outsider)


def shared_councils(**target) -> set[str]:
    return set(Share.objects.filter(**target).values_list("council__name", flat=True))


class TestMissionShare:
    def url(self, work: SharedWork) -> str:
        return reverse("mission_share", args=[work.opportunity_pk])

    def test_lists_the_owners_councils_with_the_shared_one_ticked(self, work, owner_client):
        response = owner_client.get(self.url(work))
        content = response.content.decode()
        assert response.status_code == 200
        assert "Thursday circle" in content and "Alumni circle" in content
        checked = re.findall(
            r'<input type="checkbox" name="councils" value="(\d+)"[^>]* checked', content
        )
        assert checked == [str(work.council.pk)]

    def test_says_how_many_comments_each_council_made(self, work, owner_client):
        CommentFactory(share=work.share, author=work.member)
        CommentFactory(share=work.share, author=work.member)
        CommentFactory(share=work.share, author=work.member, deleted_at=timezone.now())
        content = owner_client.get(self.url(work)).content.decode()
        assert (
            f'<a href="{reverse("share_detail", args=[work.share.pk])}">2 comments</a>' in content
        )

    def test_shares_with_the_ticked_councils_and_redirects_to_the_editor(self, work, owner_client):
        councils = [work.council.pk, work.other_council.pk]
        response = owner_client.post(self.url(work), {"councils": councils})
        assert response.status_code == 302
        assert (
            response.url == reverse("mission_edit", args=[work.opportunity_pk]) + "#council-share"
        )
        assert shared_councils(mission=work.mission) == {"Thursday circle", "Alumni circle"}
        page = owner_client.get(response.url).content.decode()
        assert "Shared your job mission with “Alumni circle”" in page

    def test_unticking_stops_sharing_and_deletes_that_councils_comments(self, work, owner_client):
        CommentFactory(share=work.share, author=work.member, body="Gone with the share")
        response = owner_client.post(self.url(work), {"councils": []})
        assert response.status_code == 302
        assert not Share.objects.filter(mission=work.mission).exists()
        assert not Comment.objects.exists()

    def test_htmx_save_returns_only_the_panel_with_what_changed(
        self, work, owner_client, htmx_headers
    ):
        response = owner_client.post(
            self.url(work),
            {"councils": [work.other_council.pk]},
            headers=htmx_headers("council-share"),
        )
        content = response.content.decode()
        assert response.status_code == 200
        assert "<html" not in content
        assert content.lstrip().startswith('<section id="council-share"')
        assert "Shared your job mission with “Alumni circle”" in content
        assert "Stopped sharing it with “Thursday circle”" in content
        assert shared_councils(mission=work.mission) == {"Alumni circle"}

    def test_refuses_a_council_the_owner_does_not_belong_to(self, work, owner_client, stranger):
        foreign = CouncilFactory(owner=stranger, name="Not yours")
        before = snapshot()
        response = owner_client.post(self.url(work), {"councils": [foreign.pk]})
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
        assert reverse("council_create") in content

    def test_a_member_gets_403_and_nothing_changes(self, work, member_client, htmx_headers):
        before = snapshot()
        assert member_client.get(self.url(work)).status_code == 403
        assert member_client.post(self.url(work), {"councils": []}).status_code == 403
        response = member_client.post(
            self.url(work), {"councils": []}, headers=htmx_headers("council-share")
        )
        assert response.status_code == 403
        assert snapshot() == before

    def test_returns_404_for_a_member_of_another_council_and_a_stranger(
        self, work, outsider_client, stranger_client
    ):
        before = snapshot()
        for client in (outsider_client, stranger_client):
            assert client.get(self.url(work)).status_code == 404
            assert client.post(self.url(work), {"councils": []}).status_code == 404
        assert snapshot() == before

    def test_sends_anonymous_visitors_to_sign_in(self, work, anonymous_client):
        for method in ("get", "post"):
            response = getattr(anonymous_client, method)(self.url(work))
            assert response.status_code == 302
            assert response.url.startswith("/accounts/login/")

    def test_the_editor_shows_the_panel(self, work, owner_client):
        content = owner_client.get(reverse("mission_edit", args=[work.opportunity_pk])).content
        assert b'id="council-share"' in content
        assert b"Share with your council" in content


class TestFocusShare:
    url = reverse("focus_share")

    def test_asks_for_a_focus_first(self, owner_client):
        response = owner_client.get(self.url)
        assert response.status_code == 302
        assert response.url == reverse("focus_edit")

    def test_shares_the_focus_and_shows_the_panel_on_the_focus_page(self, work, owner_client):
        focus = FocusFactory(owner=work.owner)
        page = owner_client.get(reverse("focus_edit")).content.decode()
        assert 'id="council-share"' in page
        response = owner_client.post(self.url, {"councils": [work.council.pk]})
        assert response.status_code == 302
        assert response.url == reverse("focus_edit") + "#council-share"
        assert shared_councils(focus=focus) == {"Thursday circle"}

    def test_a_stranger_shares_only_their_own_focus(self, work, stranger, stranger_client):
        FocusFactory(owner=work.owner)
        own = FocusFactory(owner=stranger)
        council = CouncilFactory(owner=stranger)
        stranger_client.post(self.url, {"councils": [council.pk]})
        assert Share.objects.get(focus__isnull=False).focus == own

    def test_sends_anonymous_visitors_to_sign_in(self, anonymous_client):
        response = anonymous_client.post(self.url)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")


class TestDebriefShare:
    def test_the_owner_shares_a_debrief(self, work, owner_client):
        debrief = DebriefFactory(owner=work.owner)
        url = reverse("debrief_share", args=[debrief.pk])
        response = owner_client.post(url, {"councils": [work.council.pk]})
        assert response.status_code == 302
        assert response.url == reverse("debrief_detail", args=[debrief.pk]) + "#council-share"
        assert shared_councils(debrief=debrief) == {"Thursday circle"}

    def test_a_member_gets_403_and_a_stranger_404(
        self, work, member_client, outsider_client, stranger_client
    ):
        debrief = DebriefFactory(owner=work.owner)
        ShareFactory(council=work.council, mission=None, debrief=debrief, shared_by=work.owner)
        url = reverse("debrief_share", args=[debrief.pk])
        before = snapshot()
        assert member_client.post(url, {"councils": []}).status_code == 403
        assert outsider_client.post(url, {"councils": []}).status_code == 404
        assert stranger_client.get(url).status_code == 404
        assert snapshot() == before


class TestPlanShare:
    def test_the_owner_shares_a_plan_and_is_told_figures_go_with_it(self, work, owner_client):
        url = reverse("plan_share", args=[work.opportunity_pk])
        assert "This includes your salary figures" in owner_client.get(url).content.decode()
        owner_client.post(url, {"councils": [work.council.pk]})
        assert shared_councils(plan__opportunity_id=work.opportunity_pk) == {"Thursday circle"}

    def test_returns_404_for_a_stranger(self, work, stranger_client):
        url = reverse("plan_share", args=[work.opportunity_pk])
        assert stranger_client.post(url, {"councils": []}).status_code == 404

    def test_a_member_of_a_council_it_is_shared_with_gets_403(
        self, work, member_client, outsider_client
    ):
        plan = NegotiationPlanFactory(opportunity=work.mission.opportunity)
        ShareFactory(council=work.council, mission=None, plan=plan, shared_by=work.owner)
        url = reverse("plan_share", args=[work.opportunity_pk])
        before = snapshot()
        assert member_client.post(url, {"councils": []}).status_code == 403
        assert outsider_client.post(url, {"councils": []}).status_code == 404
        assert snapshot() == before


class TestShareDetail:
    @pytest.fixture
    def focus_share(self, work):
        focus = FocusFactory(
            owner=work.owner, full_name="Alex Rivera", attribute_1="Product leader for dev tools"
        )
        return ShareFactory(council=work.council, mission=None, focus=focus, shared_by=work.owner)

    def test_a_member_reads_a_shared_focus_with_its_thread(self, focus_share, member_client):
        CommentFactory(share=focus_share, author=focus_share.shared_by, body="Be blunt, please")
        response = member_client.get(reverse("share_detail", args=[focus_share.pk]))
        content = response.content.decode()
        assert response.status_code == 200
        assert "Alex Rivera’s search focus" in content
        assert "Product leader for dev tools" in content
        assert "Be blunt, please" in content
        assert f'id="thread-{focus_share.pk}"' in content

    def test_the_owner_reads_it_too(self, focus_share, owner_client):
        response = owner_client.get(reverse("share_detail", args=[focus_share.pk]))
        assert response.status_code == 200
        assert "Your search focus" in response.content.decode()

    def test_never_shows_salary_figures(self, work, focus_share, member_client):
        OfferFactory(opportunity=work.mission.opportunity, base_salary=Decimal("187654"))
        MoneyAskFactory(plan__opportunity=work.mission.opportunity, target_base=Decimal("199876"))
        content = member_client.get(reverse("share_detail", args=[focus_share.pk])).content
        for figure in SALARY_FIGURES:
            assert figure.encode() not in content

    def test_a_shared_mission_redirects_to_its_own_page(self, work, member_client):
        response = member_client.get(reverse("share_detail", args=[work.share.pk]))
        assert response.status_code == 302
        assert response.url == (
            reverse("mission_edit", args=[work.opportunity_pk]) + f"#thread-{work.share.pk}"
        )

    def test_htmx_asking_for_the_thread_gets_only_the_thread(
        self, work, member_client, htmx_headers
    ):
        response = member_client.get(
            reverse("share_detail", args=[work.share.pk]),
            headers=htmx_headers(f"thread-{work.share.pk}"),
        )
        content = response.content.decode()
        assert response.status_code == 200
        assert "<html" not in content
        assert f'id="thread-{work.share.pk}"' in content

    def test_returns_404_for_a_member_of_another_council_and_a_stranger(
        self, focus_share, outsider_client, stranger_client
    ):
        url = reverse("share_detail", args=[focus_share.pk])
        assert outsider_client.get(url).status_code == 404
        assert stranger_client.get(url).status_code == 404

    def test_returns_404_at_once_when_unshared(self, focus_share, member_client):
        url = reverse("share_detail", args=[focus_share.pk])
        assert member_client.get(url).status_code == 200
        focus_share.delete()
        assert member_client.get(url).status_code == 404

    def test_refuses_a_post(self, focus_share, member_client):
        assert member_client.post(reverse("share_detail", args=[focus_share.pk])).status_code == 405

    def test_sends_anonymous_visitors_to_sign_in(self, focus_share, anonymous_client):
        response = anonymous_client.get(reverse("share_detail", args=[focus_share.pk]))
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")


class TestSetSharedCouncils:
    def test_adds_and_removes_and_says_which(self, work):
        added, removed = services.set_shared_councils(
            owner=work.owner, item=work.mission, councils=[work.other_council]
        )
        assert added == [work.other_council]
        assert removed == [work.council]

    def test_a_new_share_tops_the_council_feed(self, work):
        Share.objects.update(last_activity_at=timezone.now() - dt.timedelta(days=3))
        services.set_shared_councils(
            owner=work.owner, item=work.mission, councils=[work.council, work.other_council]
        )
        newest = Share.objects.order_by("-last_activity_at").first()
        assert newest.council == work.other_council
        assert newest.last_activity_at > timezone.now() - dt.timedelta(minutes=1)

    def test_keeps_an_existing_share_and_its_comments(self, work):
        comment = CommentFactory(share=work.share, author=work.member)
        services.set_shared_councils(owner=work.owner, item=work.mission, councils=[work.council])
        assert Comment.objects.filter(pk=comment.pk).exists()

    def test_refuses_someone_elses_work(self, work):
        with pytest.raises(ValidationError):
            services.set_shared_councils(owner=work.member, item=work.mission, councils=[])

    def test_refuses_a_council_the_owner_is_not_in(self, work, stranger):
        with pytest.raises(ValidationError):
            services.set_shared_councils(
                owner=work.owner, item=work.mission, councils=[CouncilFactory(owner=stranger)]
            )

    def test_shares_a_plan(self, work):
        plan = NegotiationPlanFactory(opportunity=work.mission.opportunity)
        services.set_shared_councils(owner=work.owner, item=plan, councils=[work.council])
        assert Share.objects.filter(plan=plan, council=work.council).exists()
