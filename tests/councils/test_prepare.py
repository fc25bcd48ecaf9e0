"""Before you go in: the page a candidate reads in the five minutes before an interview."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from councils.templatetags.councils_tags import comment_excerpt, starts_in
from tests.factories import (
    CommentFactory,
    GratitudeEntryFactory,
    InterviewFactory,
    KeyResultFactory,
    MembershipFactory,
    MissionFactory,
    ObjectiveFactory,
    PersonFactory,
    QuestionFactory,
    ShareFactory,
    UserFactory,
)
from tests.html import links_to, select, text_of
from tests.world import client_for

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def mission(opportunity):
    return MissionFactory(opportunity=opportunity, purpose="Make dispatchers trust the plan.")


@pytest.fixture
def jordan(council):
    """A council member with a name the page shows: Jordan Avery."""
    user = UserFactory(email="jordan@example.com", first_name="Jordan", last_name="Avery")
    MembershipFactory(council=council, user=user)
    return user


def prepare_url(opportunity, interview=None) -> str:
    url = reverse("prepare", args=[opportunity.pk])
    return f"{url}?interview={interview}" if interview is not None else url


def region(page: str, heading_id: str):
    """The page's <section> whose heading has the id ``heading_id``."""
    [found] = [s for s in select(page, "section") if select(s, id=heading_id)][-1:]
    return found


def section(page: str, heading_id: str) -> str:
    """What a reader sees of that section."""
    return text_of(region(page, heading_id))


class TestPrepare:
    def test_shows_the_next_interview_how_and_with_whom(self, owner_client, opportunity):
        dana = PersonFactory(opportunity=opportunity, name="Dana Whitfield", notes="Likes numbers")
        InterviewFactory(
            opportunity=opportunity, scheduled_at=timezone.now() + dt.timedelta(days=9)
        )
        soon = InterviewFactory(
            opportunity=opportunity,
            scheduled_at=timezone.now() + dt.timedelta(days=3),
            kind="panel",
            channel="in_person",
            notes="Bring the PDF.",
        )
        soon.people.add(dana)

        page = owner_client.get(prepare_url(opportunity)).content.decode()

        part = section(page, "interview-heading")
        assert soon.scheduled_at.strftime("%-d %B") in part
        assert "In 3 days · Panel · In person" in part
        assert "Dana Whitfield, hiring manager" in part
        assert "Likes numbers" in part
        assert "Bring the PDF." in part

    def test_shows_the_interview_named_in_the_link_when_it_is_this_opportunitys(
        self, owner_client, opportunity
    ):
        InterviewFactory(opportunity=opportunity, kind="screen")
        later = InterviewFactory(
            opportunity=opportunity,
            kind="final",
            scheduled_at=timezone.now() + dt.timedelta(days=20),
        )

        page = owner_client.get(prepare_url(opportunity, later.pk)).content.decode()

        assert "Final round" in section(page, "interview-heading")

    def test_ignores_an_interview_of_another_opportunity_in_the_link(
        self, owner, owner_client, opportunity, stranger
    ):
        InterviewFactory(opportunity=opportunity, kind="screen")
        mine_elsewhere = InterviewFactory(opportunity__owner=owner, kind="final")
        foreign = InterviewFactory(opportunity__owner=stranger, kind="final")

        for other in (mine_elsewhere, foreign, "junk"):
            pk = getattr(other, "pk", other)
            page = owner_client.get(prepare_url(opportunity, pk)).content.decode()

            assert "Recruiter screen" in section(page, "interview-heading")

    def test_says_so_when_no_interview_is_booked(self, owner_client, opportunity):
        InterviewFactory(
            opportunity=opportunity, scheduled_at=timezone.now() - dt.timedelta(days=1)
        )

        page = owner_client.get(prepare_url(opportunity)).content.decode()

        assert "No interview booked for this opportunity yet." in page

    def test_shows_the_gratitude_house(self, owner, owner_client, opportunity):
        GratitudeEntryFactory(
            owner=owner, name="Ines Okafor", what_they_did="Believed in me first."
        )

        part = section(
            owner_client.get(prepare_url(opportunity)).content.decode(), "shoulders-heading"
        )

        assert "Ines Okafor" in part
        assert "Believed in me first." in part

    def test_shows_the_purpose_objectives_and_key_results_but_not_dropped_ones(
        self, owner_client, opportunity, mission
    ):
        objective = ObjectiveFactory(mission=mission, title="Earn dispatchers' trust")
        KeyResultFactory(objective=objective, description="Fewer overrides", target="62% to 80%")
        KeyResultFactory(objective=objective, description="Old idea", status="dropped")

        part = section(
            owner_client.get(prepare_url(opportunity)).content.decode(), "mission-heading"
        )

        assert "Make dispatchers trust the plan." in part
        assert "Earn dispatchers' trust" in part
        assert "Fewer overrides" in part
        assert "62% to 80%, within 90 days" in part
        assert "Old idea" not in part

    def test_invites_writing_the_mission_when_there_is_none(self, owner_client, opportunity):
        page = owner_client.get(prepare_url(opportunity)).content.decode()

        assert "You have not written a job mission for this role yet." in page
        assert links_to(page, reverse("mission_edit", args=[opportunity.pk]))

    def test_lists_unanswered_questions_first(self, owner_client, opportunity, mission):
        QuestionFactory(mission=mission, text="Answered one?", answer="Yes.", position=0)
        QuestionFactory(mission=mission, text="Open one?", position=1)

        part = section(
            owner_client.get(prepare_url(opportunity)).content.decode(), "questions-heading"
        )

        assert part.index("Open one?") < part.index("Answered one?")
        assert "Already heard: Yes." in part

    def test_shows_the_newest_words_of_others_on_the_users_shared_work(
        self, owner, owner_client, opportunity, mission, council, jordan
    ):
        share = ShareFactory(council=council, mission=mission, shared_by=owner)
        now = timezone.now()
        CommentFactory(share=share, author=jordan, body="Oldest", created_at=now - dt.timedelta(3))
        for day, body in ((2, "Third **newest**"), (1, "Second newest"), (0, "Newest")):
            CommentFactory(
                share=share, author=jordan, body=body, created_at=now - dt.timedelta(day)
            )
        CommentFactory(share=share, author=owner, body="My own reply")
        CommentFactory(share=share, author=jordan, body="Deleted", deleted_at=now)

        council = region(
            owner_client.get(prepare_url(opportunity)).content.decode(), "council-heading"
        )
        part = text_of(council)

        assert part.index("Newest") < part.index("Second newest") < part.index("Third newest")
        assert "**" not in part and not select(council, "strong")
        assert "Oldest" not in part
        assert "My own reply" not in part
        assert "Deleted" not in part
        assert "Jordan Avery" in part
        assert "Job mission · Director of Product at Kestrel Routing" in part

    def test_never_shows_comments_on_other_peoples_work(
        self, owner_client, opportunity, council, jordan
    ):
        theirs = ShareFactory(council=council, mission__opportunity__owner=jordan, shared_by=jordan)
        CommentFactory(share=theirs, author=jordan, body="About Jordan's own mission")

        page = owner_client.get(prepare_url(opportunity)).content.decode()

        assert "About Jordan&#x27;s own mission" not in page
        assert "When your council reads your work" in page
        assert links_to(page, reverse("mission_share", args=[opportunity.pk]))

    def test_escapes_html_everywhere(self, owner, owner_client, opportunity, council, jordan):
        mission = MissionFactory(opportunity=opportunity, purpose=XSS)
        QuestionFactory(mission=mission, text=XSS)
        GratitudeEntryFactory(owner=owner, name=XSS, what_they_did=XSS)
        share = ShareFactory(council=council, mission=mission, shared_by=owner)
        CommentFactory(share=share, author=jordan, body=XSS)

        page = owner_client.get(prepare_url(opportunity)).content.decode()

        assert "<script>alert" not in page
        assert "<img src=x" not in page

    def test_is_404_for_a_stranger(self, opportunity, stranger_client):
        assert stranger_client.get(prepare_url(opportunity)).status_code == 404

    def test_is_404_for_a_council_member_even_with_the_mission_shared(
        self, owner, opportunity, mission, council, jordan
    ):
        ShareFactory(council=council, mission=mission, shared_by=owner)
        client = client_for(jordan)

        assert client.get(prepare_url(opportunity)).status_code == 404

    def test_only_reads(self, owner_client, opportunity):
        assert owner_client.post(prepare_url(opportunity)).status_code == 405

    @pytest.mark.parametrize("rows", [2, 12])
    def test_query_count_does_not_grow_with_rows(
        self,
        owner,
        owner_client,
        opportunity,
        mission,
        council,
        jordan,
        rows,
        django_assert_max_num_queries,
    ):
        share = ShareFactory(council=council, mission=mission, shared_by=owner)
        interview = InterviewFactory(opportunity=opportunity)
        for i in range(rows):
            interview.people.add(PersonFactory(opportunity=opportunity))
            objective = ObjectiveFactory(mission=mission)
            KeyResultFactory.create_batch(2, objective=objective)
            QuestionFactory(mission=mission, answer="Yes" if i % 2 else "")
            GratitudeEntryFactory(owner=owner)
            CommentFactory(share=share, author=UserFactory())
            MembershipFactory(council=council)

        with django_assert_max_num_queries(11):
            response = owner_client.get(prepare_url(opportunity))

        assert response.status_code == 200


class TestStartsIn:
    @pytest.mark.parametrize(
        ("delta", "said"),
        [
            (dt.timedelta(minutes=-5), "already started"),
            (dt.timedelta(seconds=20), "in 1 minute"),
            (dt.timedelta(minutes=40, seconds=30), "in 40 minutes"),
            (dt.timedelta(days=3, minutes=1), "in 3 days"),
        ],
    )
    def test_says_how_soon_like_a_person_would(self, delta, said):
        assert starts_in(timezone.now() + delta) == said

    def test_says_tomorrow_for_the_next_day(self):
        tomorrow_noon = timezone.make_aware(
            dt.datetime.combine(timezone.localdate() + dt.timedelta(days=1), dt.time(12))
        )

        assert starts_in(tomorrow_noon) == "tomorrow"


class TestCommentExcerpt:
    def test_drops_markdown_and_keeps_the_words(self):
        assert comment_excerpt("**Open with that** and [link](https://x.example)") == (
            "Open with that and link"
        )

    def test_cuts_long_comments(self):
        assert comment_excerpt("word " * 100).endswith("…")
