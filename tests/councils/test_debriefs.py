"""Debriefs: the list, writing one (from an interview or not), reading, editing and deleting —
for the owner, a member of a council it is shared with, a member of another council, a
stranger and an anonymous visitor — and the dashboard's reminders of interviews without one."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from councils.models import Comment, Debrief, Share
from tests.factories import (
    CommentFactory,
    CouncilFactory,
    DebriefFactory,
    InterviewFactory,
    MembershipFactory,
    OpportunityFactory,
    ShareFactory,
    UserFactory,
)
from tests.html import links_to, one, select, text_of, texts
from tests.world import client_for

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def past_interview(opportunity):
    return InterviewFactory(
        opportunity=opportunity,
        kind="hiring_manager",
        scheduled_at=timezone.now() - dt.timedelta(days=2),
    )


@pytest.fixture
def debrief(owner, opportunity, past_interview):
    return DebriefFactory(
        owner=owner,
        opportunity=opportunity,
        interview=past_interview,
        happened_on=timezone.localdate() - dt.timedelta(days=2),
        inner_critic="They were only being polite.",
        evidence="She asked for the PDF to show the CEO.",
    )


@pytest.fixture
def council(owner):
    return CouncilFactory(owner=owner, name="Thursday product circle")


@pytest.fixture
def shared(debrief, council):
    return ShareFactory(council=council, mission=None, debrief=debrief)


@pytest.fixture
def other_council_member_client(owner) -> Client:
    """Someone in another of the owner's councils, which the debrief is not shared with."""
    other = CouncilFactory(owner=owner, name="Other circle")
    user = UserFactory(email="elsewhere@example.com")
    MembershipFactory(council=other, user=user)
    return client_for(user)


def url(name: str, *args) -> str:
    return reverse(name, args=args)


def valid_data(**overrides) -> dict:
    data = {
        "interview": "",
        "opportunity": "",
        "happened_on": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
        "what_happened": "An hour with Dana; we went through my mission.",
        "went_well": "The first objective landed.",
        "do_differently": "Ask about budget earlier.",
        "feeling": "4",
        "inner_critic": "I rambled.",
        "evidence": "She booked the panel before we hung up.",
        "next_steps": "Thank-you note tonight.",
    }
    return {**data, **overrides}


def snapshot() -> dict:
    return {
        "debriefs": list(Debrief.objects.order_by("pk").values()),
        "shares": list(Share.objects.order_by("pk").values()),
        "comments": list(Comment.objects.order_by("pk").values()),
    }


class TestDebriefList:
    def test_lists_the_owners_debriefs_newest_first_with_feeling_and_opportunity(
        self, owner, owner_client, opportunity
    ):
        today = timezone.localdate()
        DebriefFactory(owner=owner, happened_on=today - dt.timedelta(days=9), feeling=2)
        DebriefFactory(owner=owner, opportunity=opportunity, happened_on=today, feeling=5)

        page = owner_client.get(url("debrief_list")).content.decode()

        assert page.index("Felt great") < page.index("Felt shaky")
        assert "at Kestrel Routing" in page

    def test_says_when_a_debrief_is_shared_with_a_council(self, owner_client, shared):
        page = owner_client.get(url("debrief_list")).content.decode()

        assert "Shared with 1 council" in page

    def test_shows_a_stranger_none_of_the_owners_debriefs(self, debrief, stranger_client):
        Debrief.objects.filter(pk=debrief.pk).update(what_happened="Owner sentinel words")

        page = stranger_client.get(url("debrief_list")).content.decode()

        assert "Owner sentinel words" not in page
        assert "No debriefs yet" in page

    def test_lists_interviews_still_waiting_for_a_debrief(self, owner_client, past_interview):
        page = owner_client.get(url("debrief_list")).content.decode()

        assert select(page, "a", href=f"/debriefs/new/?interview={past_interview.pk}")

    @pytest.mark.parametrize("rows", [3, 30])
    def test_query_count_does_not_grow_with_rows(
        self, owner, owner_client, django_assert_max_num_queries, rows
    ):
        for _ in range(rows):
            opportunity = OpportunityFactory(owner=owner)
            interview = InterviewFactory(opportunity=opportunity)
            DebriefFactory(owner=owner, opportunity=opportunity, interview=interview)

        with django_assert_max_num_queries(5):
            response = owner_client.get(url("debrief_list"))

        assert len(response.context["debriefs"]) == rows


class TestDebriefCreate:
    def test_starts_from_the_interview_in_the_link(self, owner_client, past_interview):
        response = owner_client.get(f"{url('debrief_create')}?interview={past_interview.pk}")

        form = response.context["form"]
        assert response.status_code == 200
        assert form["interview"].value() == past_interview.pk
        assert form["opportunity"].value() == past_interview.opportunity_id
        assert form["happened_on"].value() == timezone.localtime(past_interview.scheduled_at).date()
        assert "Your hiring manager interview at Kestrel Routing" in response.content.decode()

    @pytest.mark.parametrize("raw", ["999999", "abc", "-1", ""])
    def test_ignores_an_interview_link_that_is_not_one_of_the_users(
        self, owner_client, stranger, raw
    ):
        foreign = InterviewFactory(opportunity__owner=stranger, opportunity__company="Secret Co")

        for value in (raw, str(foreign.pk)):
            response = owner_client.get(f"{url('debrief_create')}?interview={value}")

            assert response.status_code == 200
            assert response.context["form"]["interview"].value() is None
            assert "Secret Co" not in response.content.decode()

    def test_offers_only_the_users_own_interviews_and_opportunities(
        self, owner_client, past_interview, stranger
    ):
        InterviewFactory(opportunity__owner=stranger, opportunity__company="Secret Co")

        page = owner_client.get(url("debrief_create")).content.decode()

        assert "Kestrel Routing · Hiring manager" in page
        assert "Secret Co" not in page

    def test_saves_the_debrief_and_takes_the_opportunity_from_the_interview(
        self, owner, owner_client, past_interview
    ):
        response = owner_client.post(url("debrief_create"), valid_data(interview=past_interview.pk))

        debrief = Debrief.objects.get()
        assert response.status_code == 302
        assert response.url == debrief.get_absolute_url()
        assert debrief.owner == owner
        assert debrief.interview == past_interview
        assert debrief.opportunity == past_interview.opportunity
        assert debrief.feeling == 4
        assert debrief.evidence == "She booked the panel before we hung up."

    def test_a_debrief_without_an_interview_is_fine(self, owner_client):
        response = owner_client.post(url("debrief_create"), valid_data())

        assert response.status_code == 302
        assert Debrief.objects.get().interview is None

    def test_ignores_a_posted_owner(self, owner, owner_client, stranger):
        owner_client.post(url("debrief_create"), valid_data(owner=stranger.pk))

        assert Debrief.objects.get().owner == owner

    def test_refuses_another_users_interview_with_a_field_error(self, owner_client, stranger):
        foreign = InterviewFactory(opportunity__owner=stranger)

        response = owner_client.post(url("debrief_create"), valid_data(interview=foreign.pk))

        assert response.status_code == 200
        assert "Choose one of your own interviews." in response.content.decode()
        assert not Debrief.objects.exists()

    def test_refuses_another_users_opportunity_with_a_field_error(self, owner_client, stranger):
        foreign = OpportunityFactory(owner=stranger)

        response = owner_client.post(url("debrief_create"), valid_data(opportunity=foreign.pk))

        assert "Choose one of your own opportunities." in response.content.decode()
        assert not Debrief.objects.exists()

    def test_refuses_an_opportunity_the_interview_was_not_for(
        self, owner, owner_client, past_interview
    ):
        elsewhere = OpportunityFactory(owner=owner, company="Harborline")

        response = owner_client.post(
            url("debrief_create"),
            valid_data(interview=past_interview.pk, opportunity=elsewhere.pk),
        )

        assert "That interview was with Kestrel Routing." in response.content.decode()
        assert not Debrief.objects.exists()

    @pytest.mark.parametrize("feeling", ["0", "6", "great", ""])
    def test_refuses_a_feeling_outside_one_to_five(self, owner_client, feeling):
        response = owner_client.post(url("debrief_create"), valid_data(feeling=feeling))

        assert response.status_code == 200
        assert "Choose how you feel, from 1 (rough) to 5 (great)." in response.content.decode()
        assert not Debrief.objects.exists()

    def test_refuses_over_long_text(self, owner_client):
        response = owner_client.post(url("debrief_create"), valid_data(evidence="x" * 4001))

        assert response.status_code == 200
        assert "at most 4000 characters" in response.content.decode()
        assert not Debrief.objects.exists()

    def test_refuses_a_day_that_has_not_come_yet(self, owner_client):
        tomorrow = timezone.localdate() + dt.timedelta(days=1)

        response = owner_client.post(
            url("debrief_create"), valid_data(happened_on=tomorrow.isoformat())
        )

        assert "already happened" in response.content.decode()
        assert not Debrief.objects.exists()

    def test_keeps_typed_text_when_invalid(self, owner_client):
        response = owner_client.post(
            url("debrief_create"),
            valid_data(what_happened="", inner_critic="I froze on the last question."),
        )

        page = response.content.decode()
        assert response.status_code == 200
        assert "Start with what happened: a few lines are enough." in page
        assert "I froze on the last question." in page
        assert "She booked the panel before we hung up." in page


class TestDebriefDetail:
    def test_shows_the_owner_every_part_with_the_critic_beside_the_evidence(
        self, owner_client, debrief
    ):
        page = owner_client.get(url("debrief_detail", debrief.pk)).content.decode()

        assert "Hiring manager interview" in page
        assert "Felt good" in page
        critic, evidence = page.index("They were only being polite."), page.index("CEO.")
        assert critic < evidence
        assert links_to(page, url("debrief_edit", debrief.pk))
        assert links_to(page, url("debrief_delete", debrief.pk))
        assert "Share with your council" in page

    def test_escapes_html_in_every_text(self, owner, owner_client, opportunity):
        debrief = DebriefFactory(
            owner=owner,
            opportunity=opportunity,
            **{
                field: XSS
                for field in (
                    "what_happened",
                    "went_well",
                    "do_differently",
                    "inner_critic",
                    "evidence",
                    "next_steps",
                )
            },
        )

        page = owner_client.get(url("debrief_detail", debrief.pk)).content.decode()

        assert "<script>alert" not in page
        assert "<img src=x" not in page
        assert page.count("&lt;script&gt;") >= 6

    def test_a_member_of_a_council_it_is_shared_with_reads_it_without_changing_it(
        self, council_member_client, shared, debrief
    ):
        response = council_member_client.get(url("debrief_detail", debrief.pk))

        page = response.content.decode()
        assert response.status_code == 200
        assert "She asked for the PDF to show the CEO." in page
        assert "Shared with your council by" in page
        assert url("debrief_edit", debrief.pk) not in page
        assert url("debrief_delete", debrief.pk) not in page
        assert "Share with your council" not in page
        assert debrief.opportunity.get_absolute_url() not in page

    def test_is_404_for_a_member_of_another_council(self, shared, other_council_member_client):
        response = other_council_member_client.get(url("debrief_detail", shared.debrief_id))

        assert response.status_code == 404

    def test_is_404_for_a_stranger(self, debrief, stranger_client):
        assert stranger_client.get(url("debrief_detail", debrief.pk)).status_code == 404

    def test_unsharing_ends_a_members_access_at_once(self, council_member_client, shared):
        assert (
            council_member_client.get(url("debrief_detail", shared.debrief_id)).status_code == 200
        )

        shared.delete()

        assert (
            council_member_client.get(url("debrief_detail", shared.debrief_id)).status_code == 404
        )

    def test_a_removed_member_loses_access_at_once(
        self, council_member, council_member_client, shared
    ):
        shared.council.memberships.filter(user=council_member).delete()

        assert (
            council_member_client.get(url("debrief_detail", shared.debrief_id)).status_code == 404
        )


class TestDebriefEdit:
    def test_opens_the_form_with_what_was_written(self, owner_client, debrief):
        response = owner_client.get(url("debrief_edit", debrief.pk))

        assert response.status_code == 200
        assert "She asked for the PDF to show the CEO." in response.content.decode()

    def test_saves_and_returns_to_the_debrief(self, owner_client, debrief, past_interview):
        response = owner_client.post(
            url("debrief_edit", debrief.pk),
            valid_data(interview=past_interview.pk, feeling="2", evidence="They called back."),
        )

        debrief.refresh_from_db()
        assert response.status_code == 302
        assert response.url == debrief.get_absolute_url()
        assert (debrief.feeling, debrief.evidence) == (2, "They called back.")

    def test_keeps_typed_text_when_invalid(self, owner_client, debrief):
        response = owner_client.post(
            url("debrief_edit", debrief.pk),
            valid_data(feeling="9", next_steps="Call Priya on Monday."),
        )

        debrief.refresh_from_db()
        assert response.status_code == 200
        assert "Call Priya on Monday." in response.content.decode()
        assert debrief.next_steps == "Send a thank-you note."

    def test_is_403_for_a_member_and_changes_nothing(self, council_member_client, shared, debrief):
        before = snapshot()

        assert council_member_client.get(url("debrief_edit", debrief.pk)).status_code == 403
        response = council_member_client.post(url("debrief_edit", debrief.pk), valid_data())

        assert response.status_code == 403
        assert snapshot() == before

    def test_is_404_for_a_stranger_and_changes_nothing(self, stranger_client, debrief):
        before = snapshot()

        assert stranger_client.get(url("debrief_edit", debrief.pk)).status_code == 404
        assert (
            stranger_client.post(url("debrief_edit", debrief.pk), valid_data()).status_code == 404
        )
        assert snapshot() == before


class TestDebriefDelete:
    def test_asks_first_and_says_what_goes_with_it(self, owner_client, shared, council_member):
        CommentFactory(share=shared, author=council_member)

        response = owner_client.get(url("debrief_delete", shared.debrief_id))

        page = response.content.decode()
        assert response.status_code == 200
        assert "Delete this debrief?" in page
        assert "shared with 1 council, and the 1 comment" in page
        assert Debrief.objects.filter(pk=shared.debrief_id).exists()

    def test_deletes_it_with_its_shares_and_comments(self, owner_client, shared, council_member):
        CommentFactory(share=shared, author=council_member)

        response = owner_client.post(url("debrief_delete", shared.debrief_id))

        assert response.status_code == 302
        assert response.url == url("debrief_list")
        assert not Debrief.objects.exists()
        assert not Share.objects.exists()
        assert not Comment.objects.exists()

    def test_is_403_for_a_member_and_changes_nothing(self, council_member_client, shared, debrief):
        before = snapshot()

        assert council_member_client.get(url("debrief_delete", debrief.pk)).status_code == 403
        assert council_member_client.post(url("debrief_delete", debrief.pk)).status_code == 403
        assert snapshot() == before

    def test_is_404_for_a_stranger_and_changes_nothing(self, stranger_client, debrief):
        before = snapshot()

        assert stranger_client.post(url("debrief_delete", debrief.pk)).status_code == 404
        assert snapshot() == before


class TestDebriefReminders:
    """The {% debrief_reminders %} tag, as the dashboard shows it."""

    def reminders(self, client):
        """The dashboard's reminders section, or None when it shows none."""
        found = select(client.get(reverse("dashboard")), id="debrief-reminders")
        return found[0] if found else None

    def test_lists_a_past_interview_without_a_debrief(self, owner_client, past_interview):
        section = self.reminders(owner_client)

        assert "Hiring manager interview at Kestrel Routing" in text_of(section)
        assert select(section, "a", href=f"/debriefs/new/?interview={past_interview.pk}")

    def test_an_interview_with_a_debrief_is_not_listed(self, owner_client, debrief):
        assert self.reminders(owner_client) is None

    def test_upcoming_and_long_past_interviews_are_not_listed(self, owner_client, opportunity):
        InterviewFactory(
            opportunity=opportunity, scheduled_at=timezone.now() + dt.timedelta(hours=1)
        )
        InterviewFactory(
            opportunity=opportunity, scheduled_at=timezone.now() - dt.timedelta(days=31)
        )

        assert self.reminders(owner_client) is None

    def test_never_lists_another_users_interviews(self, past_interview, stranger_client):
        assert self.reminders(stranger_client) is None

    def test_shows_the_five_most_recent_and_says_more_are_waiting(self, owner_client, opportunity):
        for days in range(1, 8):
            InterviewFactory(
                opportunity=opportunity, scheduled_at=timezone.now() - dt.timedelta(days=days)
            )

        section = self.reminders(owner_client)

        writes = [link for link in texts(section, "a") if link.startswith("Write the debrief")]
        assert len(writes) == 5
        assert "A few more are waiting." in text_of(section)

    def test_writing_the_debrief_takes_it_off_the_list(self, owner_client, past_interview):
        owner_client.post(
            f"{url('debrief_create')}?interview={past_interview.pk}",
            valid_data(interview=past_interview.pk),
        )

        assert self.reminders(owner_client) is None


class TestOpportunityPageLinks:
    """The interviews on an opportunity's page lead to their debrief, or to the page to read
    before going in."""

    def interviews(self, client, opportunity, **headers):
        response = client.get(url("opportunity_detail", opportunity.pk), headers=headers)
        return one(response, id="interviews")

    def test_a_past_interview_without_a_debrief_offers_to_write_one(
        self, owner_client, opportunity, past_interview
    ):
        part = self.interviews(owner_client, opportunity)

        assert select(part, "a", href=f"/debriefs/new/?interview={past_interview.pk}")

    def test_a_debriefed_interview_links_to_its_debrief(self, owner_client, opportunity, debrief):
        part = self.interviews(owner_client, opportunity)

        read = texts(part, "a", href=url("debrief_detail", debrief.pk))
        assert read and read[0].startswith("Read your debrief")
        assert not links_to(part, url("debrief_create"))

    def test_an_upcoming_interview_links_to_before_you_go_in(
        self, owner_client, opportunity, htmx_headers
    ):
        upcoming = InterviewFactory(opportunity=opportunity)

        for headers in ({}, htmx_headers("interviews")):
            part = self.interviews(owner_client, opportunity, **headers)

            prepare = f"{url('prepare', opportunity.pk)}?interview={upcoming.pk}"
            assert select(part, "a", href=prepare)


@pytest.mark.parametrize("comments", [2, 50])
def test_a_shared_debriefs_query_count_does_not_grow_with_comments(
    shared,
    council_member,
    council_member_client,
    owner_client,
    django_assert_max_num_queries,
    comments,
):
    for _ in range(comments):
        reply_to = CommentFactory(share=shared, author=council_member)
        CommentFactory(share=shared, author=shared.shared_by, parent=reply_to)

    # The owner's page also holds the share panel.
    for client, queries in ((council_member_client, 8), (owner_client, 9)):
        with django_assert_max_num_queries(queries):
            response = client.get(url("debrief_detail", shared.debrief_id))

        assert response.status_code == 200
