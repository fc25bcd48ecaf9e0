"""Two tabs on the same mission in a real browser: the second save is a visible conflict that
keeps what was typed in it, and a deliberate second save replaces what the first tab saved."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from missions.models import KeyResult
from tests.factories import (
    KeyResultFactory,
    MissionFactory,
    ObjectiveFactory,
    OpportunityFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CONFLICT = "This was changed in another tab or by another device since you opened it"


def save_purpose(page: Page, text: str) -> None:
    summary = page.locator("#mission-summary")
    summary.get_by_label("Purpose of the role").fill(text)
    summary.get_by_role("button", name="Save").click()


def saved_purpose(page: Page) -> str:
    """What is saved, as a freshly loaded editor shows it (the database belongs to the server
    thread while the browser works)."""
    page.reload()
    return page.locator("#mission-summary").get_by_label("Purpose of the role").input_value()


def test_the_second_tab_sees_a_conflict_and_keeps_its_text(
    page: Page, context, live_server, sign_in
):
    owner = UserFactory()
    mission = MissionFactory(
        opportunity=OpportunityFactory(owner=owner, company="Northwind Cloud"),
        purpose="The purpose both tabs opened with",
    )
    sign_in(owner)
    editor = live_server.url + reverse("mission_edit", args=[mission.opportunity_id])
    first, second = page, context.new_page()
    first.goto(editor)
    second.goto(editor)

    save_purpose(first, "Written in the first tab")
    expect(first.locator("#mission-summary").get_by_text("Saved.")).to_be_visible()
    save_purpose(second, "Written in the second tab")

    alert = second.locator("#mission-summary [role=alert]")
    expect(alert).to_contain_text(CONFLICT)
    expect(alert).to_contain_text("Written in the first tab")
    expect(second.get_by_label("Purpose of the role")).to_have_value("Written in the second tab")
    assert saved_purpose(first) == "Written in the first tab"

    # Seen the warning, the user saves over it on purpose; the first tab saves again after.
    second.locator("#mission-summary").get_by_role("button", name="Save").click()
    expect(second.locator("#mission-summary").get_by_text("Saved.")).to_be_visible()
    expect(second.locator("#mission-summary [role=alert]")).to_have_count(0)
    assert saved_purpose(first) == "Written in the second tab"
    save_purpose(second, "A second save from the same tab")
    expect(second.locator("#mission-summary").get_by_text("Saved.")).to_be_visible()
    expect(second.locator("#mission-summary [role=alert]")).to_have_count(0)
    assert saved_purpose(first) == "A second save from the same tab"


def test_editing_a_key_result_deleted_in_another_tab_keeps_the_text_and_says_why(
    page: Page, live_server, sign_in
):
    owner = UserFactory()
    mission = MissionFactory(opportunity=OpportunityFactory(owner=owner))
    key_result = KeyResultFactory(
        objective=ObjectiveFactory(mission=mission), description="Time to first deploy"
    )
    sign_in(owner)
    page.goto(live_server.url + reverse("mission_edit", args=[mission.opportunity_id]))
    page.get_by_role("link", name="Edit key result “Time to first deploy”").click()
    field = page.locator("#objectives form").get_by_label("Key result")
    expect(field).to_be_focused()
    field.fill("Typed before it was deleted")
    KeyResult.objects.filter(pk=key_result.pk).delete()  # the other tab

    page.get_by_role("button", name="Save key result").click()

    expect(page.locator("#messages")).to_contain_text("deleted in another tab")
    expect(field).to_have_value("Typed before it was deleted")
