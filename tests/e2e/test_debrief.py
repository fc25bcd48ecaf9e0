"""In the browser: a debrief written from the dashboard's reminder, and the gratitude house
edited in place."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from councils.models import Debrief, GratitudeEntry
from tests.factories import GratitudeEntryFactory, InterviewFactory, OpportunityFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_debrief_written_from_the_reminder_leaves_the_reminders(
    page: Page, live_server, sign_in, owner
):
    opportunity = OpportunityFactory(owner=owner, company="Kestrel Routing")
    interview = InterviewFactory(
        opportunity=opportunity,
        kind="hiring_manager",
        scheduled_at=timezone.now() - dt.timedelta(hours=3),
    )
    sign_in(owner)
    page.goto(f"{live_server.url}/")

    reminders = page.locator("#debrief-reminders")
    expect(reminders).to_contain_text("Hiring manager interview at Kestrel Routing")
    reminders.get_by_role("link", name="Write the debrief").click()

    expect(page.get_by_role("heading", name="How did it go?")).to_be_visible()
    expect(page.get_by_label("Which interview?")).to_have_value(str(interview.pk))
    page.get_by_label("What happened").fill("An hour with Dana; we walked through my mission.")
    page.locator("label.feeling-option", has_text="Good").click()  # labels are the buttons
    expect(page.get_by_role("radio", name="Good (4 of 5)")).to_be_checked()
    page.get_by_label("What my inner critic says").fill("She was only being polite.")
    page.get_by_label("The evidence that I did well").fill("She booked the panel on the call.")
    page.get_by_role("button", name="Save the debrief").click()

    expect(page.get_by_role("heading", name="Hiring manager interview")).to_be_visible()
    expect(page.locator("body")).to_contain_text("Felt good")
    debrief = Debrief.objects.get()
    assert (debrief.interview_id, debrief.feeling) == (interview.pk, 4)

    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Your search at a glance")).to_be_visible()
    expect(page.locator("#debrief-reminders")).to_have_count(0)


def test_the_gratitude_house_is_edited_in_place(page: Page, live_server, sign_in, owner):
    ines = GratitudeEntryFactory(owner=owner, name="Ines Okafor", what_they_did="Believed in me.")
    sign_in(owner)
    page.goto(f"{live_server.url}/gratitude/")
    page.evaluate("window.stillTheSamePage = true")

    add = page.locator("form[aria-labelledby='add-person-heading']")
    add.get_by_label("Who").fill("Leah Brandt")
    add.get_by_label("What they did for you").fill("Introduced me to the hiring manager.")
    add.get_by_role("button", name="Add to the house").click()
    expect(page.locator("#person-" + str(ines.pk + 1))).to_contain_text("Leah Brandt")
    expect(page.locator("#announcer")).to_have_text("Leah Brandt is in your gratitude house.")

    page.get_by_role("link", name="Edit Ines Okafor").click()
    edit = page.locator(f"#person-{ines.pk} form")
    edit.get_by_label("Thank-you note sent on (optional)").fill(timezone.localdate().isoformat())
    edit.get_by_role("button", name="Save").click()
    expect(page.locator(f"#person-{ines.pk}")).to_contain_text("Thanked on")

    page.get_by_role("link", name="Remove Leah Brandt").click()
    page.locator("#gratitude-house").get_by_role("button", name="Remove").click()
    expect(page.locator("#gratitude-house")).not_to_contain_text("Leah Brandt")

    assert page.evaluate("window.stillTheSamePage") is True
    assert list(GratitudeEntry.objects.values_list("name", flat=True)) == ["Ines Okafor"]
