"""Every URL is accounted for: public, or private with 404 for strangers and sign-in for anonymous.

A new URL that is in neither list fails here until someone decides who may see it.
"""

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import (
    InterviewFactory,
    KeyResultFactory,
    MissionFactory,
    ObjectiveFactory,
    PersonFactory,
    QuestionFactory,
)

PUBLIC = {"healthz", "dashboard", "share_page", "share_pdf"}
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
    }


def snapshot() -> dict:
    """Every row of the negotiation app, as values, to compare before and after."""
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in apps.get_app_config("negotiation").get_models()
    }


# Private URLs that hold no object of their own: a stranger gets their own (empty) page.
NOT_OBJECT_URLS = {"focus_edit", "opportunity_list", "opportunity_create"}


def test_every_named_url_is_public_or_in_the_access_table(owned):
    ours = {n for n in named_urls() if not n.startswith(OTHERS)}
    unaccounted = ours - PUBLIC - set(owned)
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
