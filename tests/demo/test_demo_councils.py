"""``manage.py demo``'s council: a second member, shared work with comments, debriefs and the
gratitude house — rebuilt the same on every run, touching nobody else."""

import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from councils.models import Comment, Council, Debrief, GratitudeEntry, Membership, Share
from demo.builders import council_member_email
from demo.content.accounts import DEFAULT_EMAIL, DEFAULT_PASSWORD
from opportunities.models import Interview
from tests.factories import CouncilFactory, GratitudeEntryFactory, UserFactory

pytestmark = pytest.mark.django_db

MEMBER_EMAIL = "demo+member@example.com"


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", "--force", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            get_user_model(),
            EmailAddress,
            Council,
            Membership,
            Share,
            Comment,
            Debrief,
            GratitudeEntry,
        )
    }


@pytest.fixture
def demo_user():
    run_demo()
    return get_user_model().objects.get(email=DEFAULT_EMAIL)


@pytest.fixture
def member():
    return get_user_model().objects.get(email=MEMBER_EMAIL)


class TestCouncilMemberEmail:
    @pytest.mark.parametrize(
        ("email", "member"),
        [
            ("owner@example.com", "owner+member@example.com"),
            ("maya+search@example.org", "maya+search+member@example.org"),
        ],
    )
    def test_puts_plus_member_before_the_at(self, email, member):
        assert council_member_email(email) == member


class TestDemoCouncil:
    def test_creates_a_verified_second_member_with_the_same_password(self, demo_user, member):
        address = EmailAddress.objects.get(user=member)

        assert address.email == MEMBER_EMAIL
        assert address.verified and address.primary
        assert member.check_password(DEFAULT_PASSWORD)

    def test_prints_the_members_sign_in(self):
        output = run_demo()

        assert re.search(rf"^\s*Member\s+{re.escape(MEMBER_EMAIL)}$", output, re.MULTILINE)
        assert "same password" in output

    def test_puts_both_in_one_council_owned_by_the_demo_user(self, demo_user, member):
        council = Council.objects.get(owner=demo_user)

        assert set(council.memberships.values_list("user", flat=True)) == {demo_user.pk, member.pk}
        assert council.next_meeting_at and council.meeting_link

    def test_shares_the_mission_and_one_debrief_but_not_the_plan(self, demo_user):
        shares = Share.objects.filter(council__owner=demo_user)

        assert sorted(share.kind for share in shares) == ["debrief", "mission"]
        assert all(share.shared_by == demo_user for share in shares)
        assert not shares.filter(plan__isnull=False).exists()

    def test_the_member_comments_once_on_a_key_result_and_the_owner_replies(
        self, demo_user, member
    ):
        comments = Comment.objects.filter(share__council__owner=demo_user)
        anchored = comments.get(key_result__isnull=False)
        reply = comments.get(parent__isnull=False)

        assert comments.filter(author=member).count() >= 3
        assert anchored.author == member
        assert anchored.key_result.objective.mission.opportunity.owner == demo_user
        assert (reply.author, reply.parent) == (demo_user, anchored)

    def test_the_member_can_read_the_shared_debrief_but_not_the_other(self, demo_user, member):
        client = Client()
        client.force_login(member)
        shared = Debrief.objects.get(owner=demo_user, council_shares__isnull=False)
        private = Debrief.objects.exclude(pk=shared.pk).get(owner=demo_user)

        assert client.get(shared.get_absolute_url()).status_code == 200
        assert client.get(private.get_absolute_url()).status_code == 404

    def test_writes_debriefs_for_past_interviews_and_leaves_one_to_remind(self, demo_user):
        debriefs = Debrief.objects.filter(owner=demo_user)
        past = Interview.objects.filter(opportunity__owner=demo_user, debriefs__isnull=True)

        assert debriefs.count() == 2
        assert all(d.interview.is_past and d.evidence and d.inner_critic for d in debriefs)
        assert any(i.is_past for i in past)

    def test_fills_a_gratitude_house_of_five(self, demo_user):
        entries = GratitudeEntry.objects.filter(owner=demo_user)

        assert entries.count() == 5
        assert all(entry.what_they_did for entry in entries)
        assert entries.filter(thanks_sent_on__isnull=False).exists()
        assert entries.filter(thanks_sent_on__isnull=True).exists()

    def test_the_prepare_page_shows_the_councils_encouragement(self, demo_user):
        client = Client()
        client.force_login(demo_user)
        kestrel = demo_user.opportunities.get(company="Kestrel Routing")

        page = client.get(reverse("prepare", args=[kestrel.pk])).content.decode()

        assert "buying signal" in page
        assert "Ines Okafor" in page
        assert "Jordan Avery" in page


class TestDemoCouncilIsIdempotent:
    def test_running_twice_gives_the_same_rows(self):
        run_demo()
        before = counts()

        run_demo()

        assert counts() == before

    def test_leaves_other_peoples_councils_and_houses_alone(self, owner):
        council = CouncilFactory(owner=owner, name="Sentinel circle")
        GratitudeEntryFactory(owner=owner, name="Sentinel friend")

        run_demo()
        run_demo()

        assert Council.objects.get(pk=council.pk).name == "Sentinel circle"
        assert owner.gratitude_entries.get().name == "Sentinel friend"

    def test_refuses_a_member_address_that_belongs_to_someone_else(self):
        someone = UserFactory(email=MEMBER_EMAIL)

        with pytest.raises(CommandError, match="did not create"):
            run_demo()

        someone.refresh_from_db()
        assert someone.check_password("correct-horse-battery-staple-42")
        assert not get_user_model().objects.filter(email=DEFAULT_EMAIL).exists()
