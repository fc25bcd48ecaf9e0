"""The negotiation plan in a real browser: asks, red flags, conversations and the money ask,
all in place without a reload."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from negotiation.models import MoneyAsk, RedFlag
from opportunities.models import Stage
from tests.factories import (
    MissionFactory,
    ObjectiveFactory,
    PersonFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ASK = "Ninety days to learn before committing to a roadmap"


@pytest.fixture
def opportunity(opportunity):
    """The owner's opportunity at the offer stage, with a mission and the hiring manager."""
    opportunity.stage = Stage.OFFER
    opportunity.save()
    mission = MissionFactory(opportunity=opportunity)
    ObjectiveFactory(mission=mission, title="Make dispatchers trust the plan")
    PersonFactory(opportunity=opportunity, name="Dana Okafor")
    return opportunity


@pytest.fixture
def plan_page(page: Page, live_server, sign_in, owner, opportunity) -> Page:
    sign_in(owner)
    base = live_server.url.replace("127.0.0.1", "localhost")
    page.goto(base + reverse("plan_detail", args=[opportunity.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Director of Product")
    page.evaluate("window.__notReloaded = true")
    return page


def assert_not_reloaded(page: Page) -> None:
    assert page.evaluate("window.__notReloaded") is True


def test_an_ask_they_would_not_discuss_raises_a_red_flag_without_a_reload(plan_page: Page):
    page = plan_page
    flags = page.locator("#red-flags")
    expect(flags).to_contain_text("No open red flags.")
    expect(page.get_by_text("Have the success conversation first.")).to_be_visible()

    form = page.locator("#new-ask")
    form.get_by_label("What you need").fill(ASK)
    form.get_by_label("Category").select_option(label="Scope / time")
    form.get_by_label("The objective it serves").select_option(
        label="Make dispatchers trust the plan"
    )
    form.get_by_role("button", name="Add the ask").click()

    ask = page.locator("#success-asks li.ask", has_text=ASK)
    expect(ask).to_be_visible()
    expect(ask).to_contain_text("Serves O1: Make dispatchers trust the plan")
    expect(page.locator("#plan-progress")).to_contain_text("1 ready, none asked yet")
    # With an ask written, the next one is a button away; it opens with the cursor in place.
    expect(page.locator("#new-ask")).to_have_count(0)
    page.get_by_role("link", name="Add another ask").click()
    expect(page.locator("#new-ask").get_by_label("What you need")).to_be_focused()
    page.locator("#new-ask").get_by_role("link", name="Cancel").click()
    expect(page.get_by_role("link", name="Add another ask")).to_be_visible()

    page.get_by_label(f"Status of “{ASK}”").select_option(label="Would not discuss")
    page.get_by_role("button", name=f"Update the status of “{ASK}”").click()

    expect(flags).to_contain_text("1 open red flag")
    expect(flags).to_contain_text(f"They would not discuss: {ASK}")
    expect(ask.locator(".ask-status")).to_have_text("Status: Would not discuss")
    expect(page.get_by_text("Have the success conversation first.")).to_have_count(0)
    expect(page.locator("#announcer")).to_contain_text("A red flag is now at the top")
    assert RedFlag.objects.open().count() == 1
    assert_not_reloaded(page)

    flags.get_by_role("link", name=f"Resolve “They would not discuss: {ASK}” with a note").click()
    flags.get_by_label("What changed").fill("The CEO called back and agreed to 60 days.")
    flags.get_by_role("button", name="Resolve the red flag").click()

    expect(flags).to_contain_text("No open red flags.")
    expect(flags).to_contain_text("1 resolved")
    assert_not_reloaded(page)


def test_email_gets_a_nudge_and_a_live_success_conversation_is_recognised(plan_page: Page):
    page = plan_page
    form = page.locator("#new-conversation")
    nudge = form.locator(".email-nudge")
    expect(page.locator("#conversations")).to_contain_text(
        "The success conversation has not happened live yet."
    )

    form.get_by_label("Email").check()
    expect(nudge).to_be_visible()
    form.get_by_label("Video call").check()
    expect(nudge).to_be_hidden()

    form.get_by_label("Dana Okafor").check()
    form.get_by_label("This was the conversation about what it takes to succeed").check()
    form.get_by_label("What was said").fill("Walked Dana through the mission and the asks.")
    form.get_by_role("button", name="Log the conversation").click()

    conversations = page.locator("#conversations")
    expect(conversations).to_contain_text("You had the success conversation live")
    expect(conversations).to_contain_text("with Dana Okafor")
    expect(page.locator("#plan-progress")).to_contain_text("Held live")
    assert_not_reloaded(page)


def test_drafts_the_collaborative_ask_once_there_are_reasons(plan_page: Page):
    page = plan_page
    money = page.locator("#money-ask")
    money.get_by_label("Currency").select_option("USD")
    money.get_by_label("Target base salary").fill("195,000")
    money.get_by_label("Walk-away number").fill("178000")

    money.get_by_role("button", name="Draft my ask").click()

    expect(money).to_contain_text("Write your honest reasons first")
    expect(money.get_by_label("Target base salary")).to_have_value("195,000")

    money.get_by_label("Your honest reasons").fill("The role now includes the routing platform.")
    money.get_by_role("button", name="Draft my ask").click()

    script = money.get_by_label("What you will say")
    expect(script).to_have_value(re.compile(r"Are you open to a base salary of USD 195,000\?"))
    assert "178" not in script.input_value()
    assert MoneyAsk.objects.get().script == script.input_value()

    script.fill(script.input_value() + "\n\nThank you for hearing me out.")
    money.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator("#announcer")).to_contain_text("Saved your money ask.")
    expect(page.locator("#plan-progress")).to_contain_text("Script drafted")
    assert MoneyAsk.objects.get().script.endswith("Thank you for hearing me out.")
    # Saved, the ask reads as text; "Edit" opens the form again with what was saved.
    expect(money.locator("form")).to_have_count(0)
    expect(money).to_contain_text("USD 195,000")
    expect(money.locator("#money-script")).to_contain_text("Thank you for hearing me out.")
    money.get_by_role("link", name="Edit your money ask").click()
    expect(money.get_by_label("Currency")).to_be_focused()
    expect(money.get_by_label("Your honest reasons")).to_have_value(
        "The role now includes the routing platform."
    )
    assert_not_reloaded(page)
