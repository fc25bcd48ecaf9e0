"""The mission editor in a real browser: objectives, key results and questions, in place."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from missions.models import Objective
from tests.factories import OpportunityFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def add_objective(page: Page, title: str) -> None:
    page.get_by_label("New objective").fill(title)
    page.get_by_role("button", name="Add objective").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()


def add_key_results(page: Page, objective: str, key_results: list[tuple[str, str, str]]) -> None:
    page.get_by_role("link", name=f"+ Add a key result to “{objective}”").click()
    form = page.locator("form[action$='/key-results/new/']")
    for description, target, horizon in key_results:
        # Wait for the cursor the editor puts in the fresh form, so typing does not race it.
        expect(form.get_by_label("Key result")).to_be_focused()
        form.get_by_label("Key result").fill(description)
        form.get_by_label("Measurable target").fill(target)
        form.get_by_label("Horizon").select_option(label=horizon)
        form.get_by_role("button", name="Add key result").click()
        expect(page.locator("#objectives .key-result", has_text=description)).to_be_visible()
    form.get_by_role("link", name="Done").click()
    expect(form).to_have_count(0)


def objective_headings(page: Page) -> list[str]:
    return [
        re.sub(r"^O\d+\s+", "", text.strip())
        for text in page.locator("#objectives article h3").all_inner_texts()
    ]


def test_builds_a_mission_in_place_and_keeps_it_after_a_reload(page: Page, live_server, sign_in):
    owner = UserFactory()
    opportunity = OpportunityFactory(owner=owner, company="Northwind Cloud", role="Head of Product")
    sign_in(owner)
    page.goto(live_server.url + reverse("mission_edit", args=[opportunity.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Head of Product")
    expect(page.get_by_text("Walk them through it live.")).to_be_visible()
    page.evaluate("window.__marker = 1")

    add_objective(page, "Make onboarding effortless")
    expect(page.get_by_text("Two to five objectives usually read best")).to_be_visible()
    add_key_results(
        page,
        "Make onboarding effortless",
        [
            ("Time to first deploy", "from 3 days to 1 hour", "90 days"),
            ("Week-one activation", "from 38% to 60%", "6 months"),
        ],
    )
    add_objective(page, "Pay down platform debt")
    expect(page.get_by_text("Two to five objectives usually read best")).to_have_count(0)
    add_key_results(
        page,
        "Pay down platform debt",
        [
            ("Release cadence", "from monthly to weekly", "12 months"),
            ("Agreed tech-debt budget", "20% of capacity", "30 days"),
        ],
    )
    expect(page.locator("#objectives article")).to_have_count(2)
    expect(page.locator("#objectives .key-result")).to_have_count(4)

    page.get_by_role("button", name="Move objective “Pay down platform debt” up").click()
    expect(page.locator("#objectives article h3").first).to_contain_text("Pay down platform debt")
    # Keyboard users keep their place: now first, its "up" arrow is off, so "down" has focus.
    expect(
        page.get_by_role("button", name="Move objective “Pay down platform debt” down")
    ).to_be_focused()

    page.get_by_role("link", name="Edit key result “Agreed tech-debt budget”").click()
    form = page.locator("#objectives form.inline-form")
    form.get_by_label("Measurable target").fill("15% of capacity, reviewed at 6 months")
    form.get_by_label("Status").select_option(label="Changed")
    form.get_by_label("What the hiring manager said").fill("Open to 15% to start.")
    form.get_by_role("button", name="Save key result").click()
    changed = page.locator("#objectives .key-result", has_text="Agreed tech-debt budget")
    expect(changed).to_contain_text("15% of capacity, reviewed at 6 months")
    expect(changed).to_contain_text("Open to 15% to start.")

    page.get_by_role("link", name="Delete key result “Release cadence”").click()
    page.get_by_role("button", name="Delete key result").click()
    expect(page.locator("#objectives .key-result", has_text="Release cadence")).to_have_count(0)

    questions = page.locator("#questions")
    questions.get_by_label("New question").fill("Who owns the platform budget?")
    questions.get_by_label("About").select_option(label="Pay down platform debt")
    questions.get_by_role("button", name="Add question").click()
    added = questions.locator(".question", has_text="Who owns the platform budget?")
    expect(added).to_contain_text("About: Pay down platform debt")

    assert page.evaluate("window.__marker") == 1, "the page reloaded instead of swapping in place"

    page.reload()
    assert page.evaluate("window.__marker") is None
    assert objective_headings(page) == ["Pay down platform debt", "Make onboarding effortless"]
    expect(page.locator("#objectives .key-result")).to_have_count(3)
    expect(changed).to_contain_text("Open to 15% to start.")
    expect(changed.locator(".kr-status")).to_have_text("Status: Changed")
    expect(page.locator("#questions .question")).to_contain_text("Who owns the platform budget?")


def test_add_objective_shows_the_error_in_place_and_keeps_focus_there(
    page: Page, live_server, sign_in
):
    owner = UserFactory()
    opportunity = OpportunityFactory(owner=owner)
    sign_in(owner)
    page.goto(live_server.url + reverse("mission_edit", args=[opportunity.pk]))
    page.evaluate("window.__marker = 1")
    page.get_by_role("button", name="Add objective").click()
    expect(page.get_by_text("Write the outcome you want, in a few words.")).to_be_visible()
    expect(page.get_by_label("New objective")).to_be_focused()
    assert page.evaluate("window.__marker") == 1
    assert not Objective.objects.exists()
