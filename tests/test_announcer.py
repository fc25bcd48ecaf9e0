"""The page's one live region (#announcer): every page has it once, and an htmx answer refills it
out of band with what happened; the JM-Focus header says where attention belongs afterwards."""

from django.urls import reverse

from tests.factories import KeyResultFactory, MissionFactory, ObjectiveFactory, OpportunityFactory
from tests.html import attributes, one, select, text_of

LIVE_REGION = {"class_": "visually-hidden", "role": "status", "aria_live": "polite"}


def announced(content: str) -> list[str]:
    """What the out-of-band refill of the live region says (one entry per refill)."""
    return [text_of(e) for e in select(content, id="announcer", hx_swap_oob="innerHTML")]


def mission_for(owner):
    return MissionFactory(opportunity=OpportunityFactory(owner=owner))


class TestAnnouncer:
    def test_every_page_has_the_live_region_once(self, owner_client, anonymous_client):
        for client, name in (
            (owner_client, "dashboard"),
            (owner_client, "gratitude_list"),
            (anonymous_client, "account_login"),
        ):
            content = client.get(reverse(name)).content.decode()
            assert len(select(content, id="announcer")) == 1, name
            assert select(content, id="announcer", **LIVE_REGION), name

    def test_an_htmx_form_with_errors_asks_to_fix_the_field(
        self, owner, owner_client, htmx_headers
    ):
        mission = mission_for(owner)
        response = owner_client.post(
            reverse("objective_create", args=[mission.opportunity_id]),
            {"title": ""},
            headers=htmx_headers("objectives"),
        )
        content = response.content.decode()
        assert select(content, aria_invalid="true")
        assert announced(content) == ["Please fix the highlighted field."]

    def test_a_refusal_for_the_whole_form_clears_the_last_success(
        self, owner, owner_client, htmx_headers
    ):
        """The refusal itself is a role="alert" box; the live region must not keep saying
        "Added …" from the write before."""
        mission = mission_for(owner)
        objective = ObjectiveFactory(mission=mission)
        KeyResultFactory.create_batch(mission.MAX_KEY_RESULTS, objective=objective)
        response = owner_client.post(
            reverse("key_result_create", args=[mission.opportunity_id, objective.pk]),
            {"description": "One too many", "target": "from 1 to 2", "horizon": "6m"},
            headers=htmx_headers("objectives"),
        )
        content = response.content.decode()
        assert any("at most 8 key results" in text_of(e) for e in select(content, role="alert"))
        assert announced(content) == [""]

    def test_a_plain_post_with_errors_adds_no_out_of_band_region(self, owner, owner_client):
        mission = mission_for(owner)
        response = owner_client.post(
            reverse("objective_create", args=[mission.opportunity_id]), {"title": ""}
        )
        assert "hx-swap-oob" not in attributes(one(response, id="announcer"))

    def test_a_delete_announces_itself_and_points_focus_at_the_objective(
        self, owner, owner_client, htmx_headers
    ):
        objective = ObjectiveFactory(mission=mission_for(owner))
        key_result = KeyResultFactory(objective=objective, description="Time to first deploy")
        response = owner_client.post(
            reverse("key_result_delete", args=[objective.mission.opportunity_id, key_result.pk]),
            headers=htmx_headers("objectives"),
        )
        content = response.content.decode()
        assert announced(content)[0].startswith("Deleted the key result “Time to first deploy”.")
        assert response["JM-Focus"] == f"objective-{objective.pk}"
