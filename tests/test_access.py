"""Every URL is accounted for: public, or private with 404 for strangers and sign-in for anonymous.

A new URL that is in neither list fails here until someone decides who may see it.
"""

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import (
    ConversationFactory,
    InterviewFactory,
    KeyResultFactory,
    MissionFactory,
    NegotiationPlanFactory,
    ObjectiveFactory,
    OfferFactory,
    PersonFactory,
    QuestionFactory,
    RedFlagFactory,
    SuccessAskFactory,
)

PUBLIC = {
    "healthz",
    "dashboard",
    "share_page",
    "share_pdf",
    "invitation_accept",
    "notification_unsubscribe",
}
# Third-party URL namespaces with their own rules and tests (allauth, the admin).
OTHERS = ("account_", "admin:")


def named_urls(resolver=None, prefix="") -> set[str]:
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            names |= named_urls(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(prefix + entry.name)
    return names


@pytest.fixture
def owned(owner):
    """One of each of the owner's objects, and the kwargs of every private URL."""
    mission = MissionFactory(opportunity__owner=owner)
    opportunity = mission.opportunity
    objective = ObjectiveFactory(mission=mission)
    key_result = KeyResultFactory(objective=objective)
    question = QuestionFactory(mission=mission)
    person = PersonFactory(opportunity=opportunity)
    interview = InterviewFactory(opportunity=opportunity)
    plan = NegotiationPlanFactory(opportunity=opportunity)
    ask = SuccessAskFactory(plan=plan)
    red_flag = RedFlagFactory(plan=plan)
    conversation = ConversationFactory(plan=plan)
    offer = OfferFactory(opportunity=opportunity)
    pk = opportunity.pk
    return {
        "focus_edit": {},
        "opportunity_list": {},
        "opportunity_create": {},
        "opportunity_detail": {"pk": pk},
        "opportunity_edit": {"pk": pk},
        "opportunity_delete": {"pk": pk},
        "opportunity_stage": {"pk": pk},
        "person_create": {"pk": pk},
        "person_edit": {"pk": pk, "person_pk": person.pk},
        "person_delete": {"pk": pk, "person_pk": person.pk},
        "interview_create": {"pk": pk},
        "interview_edit": {"pk": pk, "interview_pk": interview.pk},
        "interview_delete": {"pk": pk, "interview_pk": interview.pk},
        "mission_edit": {"pk": pk},
        "mission_pdf": {"pk": pk},
        "objective_create": {"pk": pk},
        "objective_edit": {"pk": pk, "objective_pk": objective.pk},
        "objective_delete": {"pk": pk, "objective_pk": objective.pk},
        "objective_move": {"pk": pk, "objective_pk": objective.pk},
        "key_result_create": {"pk": pk, "objective_pk": objective.pk},
        "key_result_edit": {"pk": pk, "key_result_pk": key_result.pk},
        "key_result_delete": {"pk": pk, "key_result_pk": key_result.pk},
        "key_result_move": {"pk": pk, "key_result_pk": key_result.pk},
        "question_create": {"pk": pk},
        "question_edit": {"pk": pk, "question_pk": question.pk},
        "question_delete": {"pk": pk, "question_pk": question.pk},
        "question_move": {"pk": pk, "question_pk": question.pk},
        "share_link_create": {"pk": pk},
        "share_link_revoke": {"pk": pk},
        "plan_detail": {"pk": pk},
        "plan_pdf": {"pk": pk},
        "plan_stage": {"pk": pk},
        "success_ask_create": {"pk": pk},
        "success_ask_edit": {"pk": pk, "ask_pk": ask.pk},
        "success_ask_status": {"pk": pk, "ask_pk": ask.pk},
        "success_ask_delete": {"pk": pk, "ask_pk": ask.pk},
        "red_flag_create": {"pk": pk},
        "red_flag_resolve": {"pk": pk, "flag_pk": red_flag.pk},
        "success_conversation_refused": {"pk": pk},
        "conversation_create": {"pk": pk},
        "conversation_edit": {"pk": pk, "conversation_pk": conversation.pk},
        "conversation_delete": {"pk": pk, "conversation_pk": conversation.pk},
        "money_ask_edit": {"pk": pk},
        "money_ask_draft": {"pk": pk},
        "money_ask_outcome": {"pk": pk},
        "offer_create": {"pk": pk},
        "offer_edit": {"pk": pk, "offer_pk": offer.pk},
        "offer_delete": {"pk": pk, "offer_pk": offer.pk},
        "offer_compare": {},
    }


def snapshot() -> dict:
    """Every row of the negotiation app, as values, to compare before and after."""
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in apps.get_app_config("negotiation").get_models()
    }


# Private URLs that hold no object of their own: a stranger gets their own (empty) page.
NOT_OBJECT_URLS = {"focus_edit", "opportunity_list", "opportunity_create", "offer_compare"}


def test_every_named_url_is_public_or_in_the_access_table(owned, council_urls):
    ours = {n for n in named_urls() if not n.startswith(OTHERS)}
    unaccounted = ours - PUBLIC - set(owned) - set(council_urls)
    assert not unaccounted, f"decide who may see these URLs: {sorted(unaccounted)}"


@pytest.mark.django_db
class TestPrivateUrls:
    def test_anonymous_is_sent_to_sign_in(self, owned, anonymous_client):
        for name, kwargs in owned.items():
            for method in ("get", "post"):
                response = getattr(anonymous_client, method)(reverse(name, kwargs=kwargs))
                assert response.status_code == 302, (name, method)
                assert response.url.startswith("/accounts/login/"), (name, method)

    def test_a_stranger_gets_404_for_every_object_url(self, owned, stranger_client):
        before = snapshot()
        for name, kwargs in owned.items():
            if name in NOT_OBJECT_URLS:
                continue
            url = reverse(name, kwargs=kwargs)
            for method in ("get", "post"):
                response = getattr(stranger_client, method)(url)
                assert response.status_code in (404, 405), (name, method, response.status_code)
            response = stranger_client.post(url, headers={"HX-Request": "true"})
            assert response.status_code in (404, 405), (name, "htmx post")
        assert snapshot() == before, "a refused write changed the owner's data"

    def test_the_owner_reaches_every_page(self, owned, owner_client):
        for name, kwargs in owned.items():
            response = owner_client.get(reverse(name, kwargs=kwargs))
            assert response.status_code in (200, 302, 405), (name, response.status_code)


# Councils: who may see and change a council's URLs. "member": a member of the council reads
# it (GET 200); "owner": only its owner (a member gets 403); "personal": no object of its own
# (a list or a create page: everyone signed in gets their own).
MEMBER_READS, OWNER_ONLY, PERSONAL = "member", "owner", "personal"
# "private": only its owner, ever; anyone else, council members included, gets 404.
PRIVATE = "private"


@pytest.fixture
def council_people(owner):
    """The owner's council with a member, and someone who is a member of another council only."""
    from tests.factories import CouncilFactory, MembershipFactory, UserFactory

    council = CouncilFactory(owner=owner)
    member = UserFactory(email="member@example.com")
    membership = MembershipFactory(council=council, user=member)
    elsewhere = UserFactory(email="elsewhere@example.com")
    MembershipFactory(user=elsewhere)
    return {"council": council, "member": member, "membership": membership, "other": elsewhere}


@pytest.fixture
def council_urls(council_people):
    """Every councils URL: name → (kwargs, who may use it). Add yours here."""
    from django.utils import timezone

    from councils.models import INVITATION_LIFETIME, Invitation

    council, membership = council_people["council"], council_people["membership"]
    invitation = Invitation.objects.create(
        council=council,
        email="invited@example.com",
        invited_by=council.owner,
        token_digest="0" * 64,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    from tests.factories import (
        DebriefFactory,
        GratitudeEntryFactory,
        InterviewFactory,
        ShareFactory,
    )

    debrief = DebriefFactory(owner=council.owner)
    ShareFactory(council=council, mission=None, debrief=debrief)
    gratitude_entry = GratitudeEntryFactory(owner=council.owner)
    prepared_opportunity = InterviewFactory(opportunity__owner=council.owner).opportunity
    # Sharing and comments: a mission and the focus shared with the council, a comment of the
    # owner's on the focus (a member may read it, not change or resolve it).
    from tests.factories import CommentFactory, FocusFactory
    from tests.factories import MissionFactory as SharedMissionFactory

    shared_mission = SharedMissionFactory(opportunity__owner=council.owner)
    ShareFactory(council=council, mission=shared_mission)
    focus_share = ShareFactory(
        council=council, mission=None, focus=FocusFactory(owner=council.owner)
    )
    owners_comment = CommentFactory(share=focus_share, author=council.owner)
    pk = council.pk
    return {
        "council_list": ({}, PERSONAL),
        "council_create": ({}, PERSONAL),
        "council_detail": ({"pk": pk}, MEMBER_READS),
        "council_edit": ({"pk": pk}, OWNER_ONLY),
        "council_delete": ({"pk": pk}, OWNER_ONLY),
        "council_leave": ({"pk": pk}, MEMBER_READS),
        "member_remove": ({"pk": pk, "membership_pk": membership.pk}, OWNER_ONLY),
        "invitation_create": ({"pk": pk}, OWNER_ONLY),
        "invitation_revoke": ({"pk": pk, "invitation_pk": invitation.pk}, OWNER_ONLY),
        "invitation_resend": ({"pk": pk, "invitation_pk": invitation.pk}, OWNER_ONLY),
        # Debriefs (this one is shared with the council), the gratitude house, before you go in.
        "debrief_list": ({}, PERSONAL),
        "debrief_create": ({}, PERSONAL),
        "debrief_detail": ({"pk": debrief.pk}, MEMBER_READS),
        "debrief_edit": ({"pk": debrief.pk}, OWNER_ONLY),
        "debrief_delete": ({"pk": debrief.pk}, OWNER_ONLY),
        "gratitude_list": ({}, PERSONAL),
        "gratitude_edit": ({"pk": gratitude_entry.pk}, PRIVATE),
        "gratitude_delete": ({"pk": gratitude_entry.pk}, PRIVATE),
        "prepare": ({"pk": prepared_opportunity.pk}, PRIVATE),
        # Sharing work with councils, and comments on it.
        "focus_share": ({}, PERSONAL),
        "mission_share": ({"pk": shared_mission.opportunity_id}, OWNER_ONLY),
        "plan_share": ({"pk": shared_mission.opportunity_id}, PRIVATE),  # the plan is not shared
        "debrief_share": ({"pk": debrief.pk}, OWNER_ONLY),
        "share_detail": ({"share_pk": focus_share.pk}, MEMBER_READS),
        # A member posts comments (GET is 405): tested in tests/councils/test_comments.py.
        "comment_create": ({"share_pk": focus_share.pk}, "member writes"),
        "comment_edit": ({"comment_pk": owners_comment.pk}, OWNER_ONLY),  # its author's
        "comment_delete": ({"comment_pk": owners_comment.pk}, OWNER_ONLY),
        "comment_resolve": ({"comment_pk": owners_comment.pk}, OWNER_ONLY),
    }


def councils_snapshot() -> dict:
    """Every row of the councils app, as values, to compare before and after."""
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in apps.get_app_config("councils").get_models()
    }


def signed_in_client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
class TestCouncilUrls:
    def test_anonymous_is_sent_to_sign_in(self, council_urls, anonymous_client):
        for name, (kwargs, _) in council_urls.items():
            for method in ("get", "post"):
                response = getattr(anonymous_client, method)(reverse(name, kwargs=kwargs))
                assert response.status_code == 302, (name, method)
                assert response.url.startswith("/accounts/login/"), (name, method)

    @pytest.mark.parametrize("who", ["stranger", "member of another council"])
    def test_outsiders_get_404_and_change_nothing(
        self, council_urls, council_people, stranger, who
    ):
        client = signed_in_client(stranger if who == "stranger" else council_people["other"])
        before = councils_snapshot()
        for name, (kwargs, role) in council_urls.items():
            if role == PERSONAL:
                continue
            url = reverse(name, kwargs=kwargs)
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                assert response.status_code in (404, 405), (name, method, response.status_code)
            response = client.post(url, headers={"HX-Request": "true", "HX-Target": "members"})
            assert response.status_code in (404, 405), (name, "htmx post")
        assert councils_snapshot() == before, "a refused write changed the council"

    def test_a_member_reads_but_gets_403_for_what_only_the_owner_does(
        self, council_urls, council_people
    ):
        client = signed_in_client(council_people["member"])
        before = councils_snapshot()
        for name, (kwargs, role) in council_urls.items():
            url = reverse(name, kwargs=kwargs)
            if role == MEMBER_READS:
                assert client.get(url).status_code == 200, name
            elif role == OWNER_ONLY:
                assert client.get(url).status_code in (403, 405), (name, "get")
                assert client.post(url).status_code == 403, (name, "post")
                response = client.post(url, headers={"HX-Request": "true"})
                assert response.status_code == 403, (name, "htmx post")
            elif role == PRIVATE:
                for method in ("get", "post"):
                    response = getattr(client, method)(url)
                    assert response.status_code in (404, 405), (name, method)
        assert councils_snapshot() == before, "a member changed what only the owner may"

    def test_the_owner_reaches_every_page(self, council_urls, owner_client):
        for name, (kwargs, _) in council_urls.items():
            response = owner_client.get(reverse(name, kwargs=kwargs))
            assert response.status_code in (200, 302, 405), (name, response.status_code)
