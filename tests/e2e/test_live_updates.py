"""In-place updates keep keyboard focus where the user is working and tell screen readers what
happened, through the page's one polite live region (templates/inplace/announcer.html)."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.factories import (
    CouncilFactory,
    KeyResultFactory,
    MembershipFactory,
    MissionFactory,
    ObjectiveFactory,
    OpportunityFactory,
    ShareFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def focused_id(page: Page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def test_key_results_announce_what_happened_and_keep_focus_in_place(
    page: Page, live_server, sign_in
):
    owner = UserFactory()
    opportunity = OpportunityFactory(owner=owner, company="Northwind Cloud", role="Head of Data")
    mission = MissionFactory(opportunity=opportunity)
    objective = ObjectiveFactory(mission=mission, title="Make onboarding effortless")
    first = KeyResultFactory(objective=objective, description="Time to first deploy")
    KeyResultFactory(objective=objective, description="Week-one activation")
    sign_in(owner)
    base = live_server.url.replace("127.0.0.1", "localhost")
    page.goto(base + reverse("mission_edit", args=[opportunity.pk]))
    announcer = page.locator("#announcer")
    expect(announcer).to_have_attribute("aria-live", "polite")
    expect(announcer).to_have_text("")

    page.get_by_role("link", name="+ Add a key result to “Make onboarding effortless”").click()
    form = page.locator("form[action$='/key-results/new/']")
    description = form.get_by_label("Key result")
    expect(description).to_be_focused()

    # Nothing typed: the cursor goes to the first field in error, which names its message.
    form.get_by_role("button", name="Add key result").click()
    expect(announcer).to_have_text("Please fix the 2 highlighted fields.")
    expect(description).to_be_focused()
    expect(description).to_have_attribute("aria-invalid", "true")
    message_id = description.get_attribute("aria-describedby")
    expect(page.locator(f"[id='{message_id}']")).to_contain_text("measurably different")

    description.fill("Teams onboarded without a call")
    form.get_by_label("Measurable target").fill("8 of 10 new teams")
    form.get_by_role("button", name="Add key result").click()
    expect(announcer).to_have_text("Added the key result “Teams onboarded without a call”.")
    expect(page.locator("#objectives .key-result", has_text="Teams onboarded")).to_be_visible()
    # The form stays open for the next one, empty, with the cursor in it.
    expect(description).to_be_focused()
    expect(description).to_have_value("")
    form.get_by_role("link", name="Done").click()
    expect(form).to_have_count(0)

    # Deleting: the question comes in place, then focus lands on the objective that held it.
    page.get_by_role("link", name="Delete key result “Time to first deploy”").click()
    page.get_by_role("button", name="Delete key result").click()
    expect(announcer).to_have_text("Deleted the key result “Time to first deploy”.")
    expect(page.locator(f"#key-result-{first.pk}")).to_have_count(0)
    expect(page.locator(f"#objective-{objective.pk}")).to_be_focused()
    assert focused_id(page) == f"objective-{objective.pk}"


def test_a_comment_is_announced_and_an_empty_one_points_at_the_field(
    page: Page, live_server, sign_in
):
    owner = UserFactory()
    member = UserFactory(first_name="Jordan", last_name="Avery")
    council = CouncilFactory(owner=owner)
    MembershipFactory(council=council, user=member)
    opportunity = OpportunityFactory(owner=owner, company="Kestrel", role="Director of Product")
    mission = MissionFactory(opportunity=opportunity, purpose="Dispatchers trust the plan.")
    share = ShareFactory(council=council, shared_by=owner, mission=mission)
    sign_in(member)
    base = live_server.url.replace("127.0.0.1", "localhost")
    page.goto(base + reverse("share_detail", args=[share.pk]))
    thread = page.locator(f"#thread-{share.pk}")
    announcer = page.locator("#announcer")

    thread.get_by_role("button", name="Post comment").click()
    body = thread.get_by_role("textbox").first
    expect(announcer).to_have_text("Please fix the highlighted field.")
    expect(body).to_be_focused()
    expect(body).to_have_attribute("aria-invalid", "true")

    body.fill("Open the panel with the purpose sentence.")
    thread.get_by_role("button", name="Post comment").click()
    expect(thread).to_contain_text("Open the panel with the purpose sentence.")
    expect(announcer).to_have_text("Posted your comment.")
