"""Revocation is immediate: once access is taken away, the same client's next request is a 404.

A council member has every page of the owner's shared work open (focus, mission and its PDF,
plan, debrief, the council) with a comment form in each thread. The owner removes them, they
leave, the owner deletes the council, or the owner unshares the work; their very next GET, and
the POST of the HTMX comment form they still have open, is a 404 and posts nothing. The same
for a hiring manager holding a share link the owner revokes or regenerates.
"""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from councils.models import Comment, Council, Membership, Share
from tests.world import SHARE_KINDS, build_work, build_world

pytestmark = pytest.mark.django_db


@dataclass
class Shared:
    owner_client: Client
    member_client: Client
    council: Council
    membership: Membership
    shares: dict[str, Share]  # kind → share
    pages: dict[str, str]  # what the member reads → its URL
    share_urls: dict[str, str]  # kind → where the owner chooses the councils
    opportunity_pk: int


@pytest.fixture
def shared(owner, owner_client, council, council_member, council_member_client) -> Shared:
    """The owner's focus, mission, plan and debrief shared with a council the member is in."""
    world = build_world(owner, council=council, member=council_member, share=SHARE_KINDS)
    pk = world.opportunity.pk
    pages = {
        "focus": reverse("share_detail", args=[world.shares["focus"].pk]),
        "mission": reverse("mission_edit", args=[pk]),
        "mission PDF": reverse("mission_pdf", args=[pk]),
        "plan": reverse("plan_detail", args=[pk]),
        "debrief": reverse("debrief_detail", args=[world.debrief.pk]),
        "council": reverse("council_detail", args=[council.pk]),
    }
    share_urls = {
        "focus": reverse("focus_share"),
        "mission": reverse("mission_share", args=[pk]),
        "plan": reverse("plan_share", args=[pk]),
        "debrief": reverse("debrief_share", args=[world.debrief.pk]),
    }
    for name, url in pages.items():
        assert council_member_client.get(url).status_code == 200, (
            f"the member reads the {name} first"
        )
    return Shared(
        owner_client,
        council_member_client,
        council,
        world.membership,
        world.shares,
        pages,
        share_urls,
        pk,
    )


def htmx(target: str) -> dict:
    return {"HX-Request": "true", "HX-Target": target}


def post_open_comment_forms(shared: Shared, kinds) -> dict[str, int]:
    """POST the comment form the member still has open under each item, as htmx sends it."""
    statuses = {}
    for kind in kinds:
        share_pk = shared.shares[kind].pk
        statuses[kind] = shared.member_client.post(
            reverse("comment_create", args=[share_pk]),
            {"body": "Posted from a page opened before access ended."},
            headers=htmx(f"thread-{share_pk}"),
        ).status_code
    return statuses


def remove_member(shared: Shared) -> None:
    url = reverse("member_remove", args=[shared.council.pk, shared.membership.pk])
    assert shared.owner_client.post(url, headers=htmx("members")).status_code == 200


def leave(shared: Shared) -> None:
    url = reverse("council_leave", args=[shared.council.pk])
    assert shared.member_client.post(url).status_code == 302


def delete_council(shared: Shared) -> None:
    url = reverse("council_delete", args=[shared.council.pk])
    assert shared.owner_client.post(url).status_code == 302


class TestAMemberWhoLosesTheCouncil:
    @pytest.mark.parametrize(
        "revoke", [remove_member, leave, delete_council], ids=["removed", "left", "deleted"]
    )
    def test_gets_404_on_every_page_and_from_every_open_form(self, shared, revoke):
        revoke(shared)

        for name, url in shared.pages.items():
            assert shared.member_client.get(url).status_code == 404, name
        assert post_open_comment_forms(shared, shared.shares) == dict.fromkeys(shared.shares, 404)
        assert not Comment.objects.exists(), "nothing was posted"
        leave_url = reverse("council_leave", args=[shared.council.pk])
        assert shared.member_client.post(leave_url, headers=htmx("members")).status_code == 404


class TestUnsharing:
    @pytest.mark.parametrize("kind", ["focus", "mission", "plan", "debrief"])
    def test_the_member_gets_404_for_that_item_at_once_and_keeps_the_rest(self, shared, kind):
        response = shared.owner_client.post(
            shared.share_urls[kind], {}, headers=htmx("council-share")
        )
        assert response.status_code == 200
        assert "Stopped sharing it with “Thursday circle”" in response.content.decode()

        gone = {kind} | ({"mission PDF"} if kind == "mission" else set())
        for name, url in shared.pages.items():
            want = 404 if name in gone else 200
            assert shared.member_client.get(url).status_code == want, name
        statuses = post_open_comment_forms(shared, shared.shares)
        assert statuses == {other: 404 if other == kind else 200 for other in shared.shares}
        posted_on = set(Comment.objects.values_list("share_id", flat=True))
        assert posted_on == {share.pk for other, share in shared.shares.items() if other != kind}


class TestShareLinks:
    @pytest.fixture
    def link(self, owner, owner_client):
        work = build_work(owner, everything=False, share_link=True)
        holder = Client()
        page = reverse("share_page", args=[work.share_token])
        pdf = reverse("share_pdf", args=[work.share_token])
        assert holder.get(page).status_code == 200
        assert holder.get(pdf).status_code == 200
        return holder, work.opportunity.pk, page, pdf

    def test_revoking_ends_the_holders_access_to_the_page_and_the_pdf(self, owner_client, link):
        holder, pk, page, pdf = link
        revoke = reverse("share_link_revoke", args=[pk])
        assert owner_client.post(revoke, headers=htmx("share-link")).status_code == 200

        assert holder.get(page).status_code == 404
        assert holder.get(pdf).status_code == 404

    def test_a_new_link_ends_the_old_one(self, owner_client, link):
        holder, pk, page, pdf = link
        create = reverse("share_link_create", args=[pk])
        assert owner_client.post(create, headers=htmx("share-link")).status_code == 200

        assert holder.get(page).status_code == 404
        assert holder.get(pdf).status_code == 404
