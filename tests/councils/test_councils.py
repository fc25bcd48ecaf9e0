"""Councils and their members: the list, creating and editing, the council's page and feed,
leaving, removing and deleting — for the owner, a member, a stranger and an anonymous visitor."""

import datetime as dt
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from councils.models import Council, CouncilKind, Membership, Share
from tests.factories import (
    CommentFactory,
    CouncilFactory,
    DebriefFactory,
    FocusFactory,
    MembershipFactory,
    MissionFactory,
    ShareFactory,
    UserFactory,
)
from tests.html import links_to, opens_with, roots, select
from tests.world import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(owner):
    return CouncilFactory(owner=owner, name="Thursday product leaders", kind=CouncilKind.FAST)


def detail_url(council) -> str:
    return reverse("council_detail", args=[council.pk])


def snapshot() -> dict:
    """The councils rows a refused write must leave alone."""
    return {
        "councils": list(Council.objects.order_by("pk").values()),
        "memberships": list(Membership.objects.order_by("pk").values()),
        "shares": list(Share.objects.order_by("pk").values()),
    }


class TestCouncilList:
    url = reverse("council_list")

    def test_shows_an_empty_state_that_explains_councils(self, owner_client):
        page = owner_client.get(self.url).content.decode()

        assert "Gather a council for your search" in page
        assert "six to eight peers" in page
        assert "twice a week" in page and "every two weeks" in page
        assert links_to(page, reverse("council_create"))

    def test_lists_councils_owned_and_joined_with_member_counts(self, owner, owner_client):
        mine = CouncilFactory(owner=owner, name="Mine")
        MembershipFactory.create_batch(2, council=mine)
        joined = CouncilFactory(name="Theirs", kind=CouncilKind.SLOW)
        MembershipFactory(council=joined, user=owner)

        response = owner_client.get(self.url)

        councils = {council.name: council for council in response.context["councils"]}
        assert set(councils) == {"Mine", "Theirs"}
        assert councils["Mine"].member_count == 3
        assert councils["Theirs"].member_count == 2
        page = response.content.decode()
        assert "You started it" in page
        assert "Every two weeks" in page

    def test_shows_the_next_meeting(self, owner):
        when = timezone.now() + dt.timedelta(days=2)
        CouncilFactory(owner=owner, next_meeting_at=when)
        client = client_for(owner)

        page = client.get(self.url).content.decode()

        assert timezone.localtime(when).strftime("%-d %B") in page

    def test_a_stranger_sees_none_of_the_owners_councils(self, council, stranger_client):
        response = stranger_client.get(self.url)

        assert list(response.context["councils"]) == []
        assert council.name not in response.content.decode()

    def test_query_count_does_not_grow_with_councils(self, owner, owner_client):
        CouncilFactory(owner=owner)
        with CaptureQueriesContext(connection) as few:
            owner_client.get(self.url)
        for _ in range(10):
            council = CouncilFactory(owner=owner)
            MembershipFactory.create_batch(3, council=council)
        with CaptureQueriesContext(connection) as many:
            response = owner_client.get(self.url)

        assert len(response.context["councils"]) == 11
        assert len(many) == len(few)


class TestCouncilCreate:
    url = reverse("council_create")

    def test_creates_the_council_with_its_owner_as_first_member(self, owner, owner_client):
        response = owner_client.post(
            self.url,
            {
                "name": "Slow and steady",
                "purpose": "Directors who can take their time.",
                "kind": "slow",
                "next_meeting_at": "2030-03-05T18:30",
                "meeting_link": "https://meet.example.com/steady",
            },
        )

        council = Council.objects.get(name="Slow and steady")
        assert response.status_code == 302
        assert response.url == f"{detail_url(council)}#invitations"
        assert council.owner == owner
        assert list(council.memberships.values_list("user", flat=True)) == [owner.pk]
        assert timezone.localtime(council.next_meeting_at).strftime("%Y-%m-%d %H:%M") == (
            "2030-03-05 18:30"
        )

    def test_requires_a_cadence_only_for_a_custom_rhythm_and_keeps_typed_text(self, owner_client):
        response = owner_client.post(
            self.url, {"name": "Our own way", "purpose": "Typed purpose", "kind": "custom"}
        )

        assert response.status_code == 200
        assert "Say how often you meet" in response.content.decode()
        assert "Typed purpose" in response.content.decode()
        assert not Council.objects.exists()

    def test_drops_a_cadence_typed_for_a_standard_rhythm(self, owner_client):
        owner_client.post(self.url, {"name": "Fast", "kind": "fast", "cadence": "Mondays"})

        assert Council.objects.get().cadence == ""

    def test_refuses_a_meeting_link_that_is_not_a_web_address(self, owner_client):
        response = owner_client.post(
            self.url,
            {"name": "Links", "kind": "fast", "meeting_link": "javascript:alert(1)"},
        )

        assert response.status_code == 200
        assert "Paste the whole link" in response.content.decode()
        assert not Council.objects.exists()

    def test_ignores_an_owner_field_in_the_post(self, owner, stranger, owner_client):
        owner_client.post(self.url, {"name": "Mine", "kind": "fast", "owner": stranger.pk})

        assert Council.objects.get().owner == owner


class TestCouncilEdit:
    def url(self, council) -> str:
        return reverse("council_edit", args=[council.pk])

    def test_the_owner_renames_the_council_and_sets_the_next_meeting(self, council, owner_client):
        response = owner_client.post(
            self.url(council),
            {"name": "Renamed", "kind": "custom", "cadence": "Every Monday at 8:00"},
        )

        council.refresh_from_db()
        assert response.status_code == 302
        assert council.name == "Renamed"
        assert council.cadence == "Every Monday at 8:00"

    def test_shows_the_form_filled_in(self, council, owner_client):
        page = owner_client.get(self.url(council)).content.decode()

        assert select(page, value="Thursday product leaders")

    def test_a_member_gets_403_and_nothing_changes(self, council, council_member_client):
        before = snapshot()

        response = council_member_client.post(
            self.url(council), {"name": "Hijacked", "kind": "fast"}
        )

        assert response.status_code == 403
        assert snapshot() == before

    def test_a_stranger_gets_404(self, council, stranger_client):
        assert stranger_client.get(self.url(council)).status_code == 404
        assert stranger_client.post(self.url(council), {"name": "X"}).status_code == 404


class TestCouncilDetail:
    def test_a_member_sees_the_council_its_members_and_no_invitations(
        self, council, owner, council_member, council_member_client
    ):
        response = council_member_client.get(detail_url(council))

        page = response.content.decode()
        assert response.status_code == 200
        assert council.name in page
        assert owner.email in page and council_member.email in page
        assert not select(page, id="invitations")
        assert "Leave this council" in page
        assert reverse("council_edit", args=[council.pk]) not in page

    def test_the_owner_sees_the_invitations_and_the_management_links(self, council, owner_client):
        page = owner_client.get(detail_url(council)).content.decode()

        assert select(page, id="invitations")
        assert links_to(page, reverse("council_edit", args=[council.pk]))
        assert links_to(page, reverse("council_delete", args=[council.pk]))
        assert "Leave this council" not in page

    def test_shows_the_meeting_link_and_the_next_meeting(self, owner):
        when = timezone.now() + dt.timedelta(days=1)
        council = CouncilFactory(
            owner=owner, next_meeting_at=when, meeting_link="https://meet.example.com/x"
        )
        client = client_for(owner)

        page = client.get(detail_url(council)).content.decode()

        assert select(page, "a", href="https://meet.example.com/x", rel="noopener noreferrer")
        assert timezone.localtime(when).strftime("%-d %B, %H:%M") in page

    def test_a_stranger_gets_404(self, council, stranger_client):
        assert stranger_client.get(detail_url(council)).status_code == 404

    def test_the_feed_shows_newest_activity_first_with_the_latest_comment(
        self, council, owner, council_member, council_member_client
    ):
        now = timezone.now()
        old = ShareFactory(
            council=council,
            mission=MissionFactory(opportunity__owner=owner, opportunity__role="Old role"),
            last_activity_at=now - dt.timedelta(days=3),
        )
        debrief = DebriefFactory(owner=council_member)
        fresh = ShareFactory(
            council=council,
            mission=None,
            debrief=debrief,
            shared_by=council_member,
            last_activity_at=now - dt.timedelta(hours=1),
        )
        CommentFactory(share=old, author=council_member, body="First thought")
        CommentFactory(share=old, author=council_member, body="Latest thought on the OKRs")
        CommentFactory(share=old, author=owner, body="Deleted one", deleted_at=now)

        response = council_member_client.get(detail_url(council))

        items = response.context["feed"]
        assert [item["share"].pk for item in items] == [fresh.pk, old.pk]
        assert items[1]["share"].comment_count == 2
        assert items[1]["share"].latest_comment_body == "Latest thought on the OKRs"
        page = response.content.decode()
        assert page.index("Debrief") < page.index("Old role")
        assert links_to(page, reverse("mission_edit", args=[old.mission.opportunity_id]))
        assert links_to(page, reverse("debrief_detail", args=[debrief.pk]))
        assert "Deleted one" not in page

    def test_a_shared_focus_links_to_its_share_page(self, council, owner, owner_client):
        share = ShareFactory(council=council, mission=None, focus=FocusFactory(owner=owner))

        page = owner_client.get(detail_url(council)).content.decode()

        assert links_to(page, reverse("share_detail", args=[share.pk]))
        assert "Search focus" in page

    def test_shows_only_this_councils_shares(self, council, owner, owner_client):
        other = CouncilFactory(owner=owner)
        ShareFactory(council=other, mission__opportunity__role="SENTINEL-OTHER-COUNCIL")

        page = owner_client.get(detail_url(council)).content.decode()

        assert "SENTINEL-OTHER-COUNCIL" not in page
        assert "Nothing shared yet." in page

    def test_htmx_gets_only_the_feed_region(self, council, owner_client, htmx_headers):
        response = owner_client.get(detail_url(council), headers=htmx_headers("council-feed"))

        page = response.content.decode()
        assert opens_with(page, "section", id="council-feed")
        assert not select(page, "html")

    def test_a_member_asking_for_the_invitations_region_gets_no_invitation_form(
        self, council, council_member_client, htmx_headers
    ):
        response = council_member_client.get(
            detail_url(council), headers=htmx_headers("invitations")
        )

        assert not select(response.content.decode(), id="invitations")

    def test_query_count_does_not_grow_with_shares_comments_and_members(
        self, council, owner, owner_client
    ):
        def grow(shares: int, comments_each: int, members: int) -> None:
            for user in UserFactory.create_batch(members):
                MembershipFactory(council=council, user=user)
            for _ in range(shares):
                share = ShareFactory(council=council, mission__opportunity__owner=owner)
                CommentFactory.create_batch(comments_each, share=share)

        grow(shares=2, comments_each=1, members=1)
        with CaptureQueriesContext(connection) as few:
            owner_client.get(detail_url(council))
        grow(shares=38, comments_each=5, members=6)
        with CaptureQueriesContext(connection) as many:
            response = owner_client.get(detail_url(council))

        assert len(response.context["feed"]) == 40
        assert len(many) == len(few), [query["sql"] for query in many]


class TestCouncilDelete:
    def url(self, council) -> str:
        return reverse("council_delete", args=[council.pk])

    def test_asks_first(self, council, council_member, owner_client):
        response = owner_client.get(self.url(council))

        assert response.status_code == 200
        assert "for all 2 members" in response.content.decode()
        assert Council.objects.filter(pk=council.pk).exists()

    def test_deleting_closes_the_council_for_everyone(
        self, council, council_member, council_member_client
    ):
        owner_client = client_for(council.owner)

        response = owner_client.post(self.url(council))

        assert response.url == reverse("council_list")
        assert not Council.objects.filter(pk=council.pk).exists()
        assert council_member_client.get(detail_url(council)).status_code == 404

    def test_a_member_gets_403_and_nothing_changes(self, council, council_member_client):
        before = snapshot()

        assert council_member_client.get(self.url(council)).status_code == 403
        assert council_member_client.post(self.url(council)).status_code == 403
        assert snapshot() == before

    def test_a_stranger_gets_404(self, council, stranger_client):
        assert stranger_client.post(self.url(council)).status_code == 404
        assert Council.objects.filter(pk=council.pk).exists()


class TestCouncilLeave:
    def url(self, council) -> str:
        return reverse("council_leave", args=[council.pk])

    def test_asks_first_in_place(self, council, council_member_client):
        response = council_member_client.get(self.url(council))

        assert response.status_code == 200
        assert "Leave the council" in response.content.decode()
        assert Membership.objects.filter(council=council).count() == 2

    def test_leaving_ends_access_at_once_and_unshares_the_members_work(
        self, council, council_member, council_member_client
    ):
        ShareFactory(
            council=council, mission__opportunity__owner=council_member, shared_by=council_member
        )

        response = council_member_client.post(self.url(council))

        assert response.url == reverse("council_list")
        assert not Membership.objects.filter(council=council, user=council_member).exists()
        assert not Share.objects.filter(council=council, shared_by=council_member).exists()
        assert council_member_client.get(detail_url(council)).status_code == 404

    def test_htmx_leaving_redirects_the_browser_to_the_list(
        self, council, council_member_client, htmx_headers
    ):
        response = council_member_client.post(self.url(council), headers=htmx_headers("members"))

        assert response["HX-Redirect"] == reverse("council_list")

    def test_the_owner_cannot_leave_and_is_told_to_delete_instead(self, council, owner_client):
        before = snapshot()

        response = owner_client.post(self.url(council))

        assert "Delete it instead" in response.content.decode()
        assert snapshot() == before

    def test_a_stranger_gets_404(self, council, stranger_client):
        assert stranger_client.post(self.url(council)).status_code == 404


class TestMemberRemove:
    def url(self, council, membership) -> str:
        return reverse("member_remove", args=[council.pk, membership.pk])

    def test_asks_first_in_place(self, council, council_member, owner_client, htmx_headers):
        membership = council.memberships.get(user=council_member)

        response = owner_client.get(self.url(council, membership), headers=htmx_headers("members"))

        page = response.content.decode()
        assert opens_with(page, "section", id="members")
        assert f"Remove {council_member.email}?" in page

    def test_a_removed_member_loses_access_on_their_next_request(
        self, council, council_member, council_member_client, owner_client
    ):
        share = ShareFactory(
            council=council, mission__opportunity__owner=council_member, shared_by=council_member
        )
        assert council_member_client.get(detail_url(council)).status_code == 200

        response = owner_client.post(
            self.url(council, council.memberships.get(user=council_member))
        )

        assert response.status_code == 302
        assert council_member_client.get(detail_url(council)).status_code == 404
        assert (
            council_member_client.post(reverse("council_leave", args=[council.pk])).status_code
            == 404
        )
        assert not Share.objects.filter(pk=share.pk).exists()

    def test_htmx_gets_the_members_region_and_a_status_note(
        self, council, council_member, owner_client, htmx_headers
    ):
        membership = council.memberships.get(user=council_member)

        response = owner_client.post(self.url(council, membership), headers=htmx_headers("members"))

        page = response.content.decode()
        assert opens_with(page, "section", id="members")
        assert council_member.email not in str(roots(page)[0])  # the members list, not the news
        assert f"Removed {council_member.email}" in page

    def test_a_member_gets_403_and_nothing_changes(self, council, owner, council_member_client):
        before = snapshot()
        owner_membership = council.memberships.get(user=owner)

        response = council_member_client.post(self.url(council, owner_membership))

        assert response.status_code == 403
        assert snapshot() == before

    def test_the_owner_cannot_be_removed(self, council, owner, owner_client):
        response = owner_client.post(self.url(council, council.memberships.get(user=owner)))

        assert "can't be removed" in html.unescape(response.content.decode())
        assert council.memberships.filter(user=owner).exists()

    def test_a_membership_of_another_council_is_404(self, council, owner_client):
        elsewhere = MembershipFactory()

        assert owner_client.post(self.url(council, elsewhere)).status_code == 404
        assert Membership.objects.filter(pk=elsewhere.pk).exists()

    def test_a_stranger_gets_404(self, council, council_member, stranger_client):
        membership = council.memberships.get(user=council_member)

        assert stranger_client.post(self.url(council, membership)).status_code == 404
        assert Membership.objects.filter(pk=membership.pk).exists()
