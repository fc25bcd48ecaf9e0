"""A save in one region refreshes others out of band; what the user is typing there stays."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.factories import MissionFactory, ObjectiveFactory, OpportunityFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def rename_objective(page: Page, old: str, new: str) -> None:
    page.get_by_role("link", name=f"Edit objective “{old}”").click()
    field = page.get_by_role("textbox", name="Objective*", exact=True)
    field.fill(new)
    field.locator("xpath=ancestor::form").get_by_role("button", name="Save").click()
    expect(page.locator("#objectives")).to_contain_text(new)


def test_renaming_an_objective_keeps_a_question_being_typed(page: Page, live_server, sign_in):
    owner = UserFactory()
    mission = MissionFactory(opportunity=OpportunityFactory(owner=owner))
    ObjectiveFactory(mission=mission, title="Grow activation")
    sign_in(owner)
    page.goto(live_server.url + reverse("mission_edit", args=[mission.opportunity_id]))
    about = page.locator("#questions").get_by_label("About")

    # Nothing typed in the questions: they refresh and offer the new title at once.
    rename_objective(page, "Grow activation", "Double activation")
    expect(about.locator("option", has_text="Double activation")).to_have_count(1)

    # Half a question typed: renaming again leaves it where it is.
    page.get_by_label("New question").fill("Who owns activation today?")
    rename_objective(page, "Double activation", "Triple activation")
    expect(page.get_by_label("New question")).to_have_value("Who owns activation today?")

    page.locator("#questions").get_by_role("button", name="Add question").click()
    expect(page.locator("#questions")).to_contain_text("Who owns activation today?")
    expect(about.locator("option", has_text="Triple activation")).to_have_count(1)
