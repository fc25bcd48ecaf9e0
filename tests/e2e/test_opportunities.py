"""In the browser: an opportunity's people, interviews and stage, edited in place and without JS."""

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from opportunities.models import Interview, Opportunity, Person, Stage
from tests.factories import FocusFactory, OpportunityFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def in_two_days() -> str:
    when = timezone.localtime() + dt.timedelta(days=2)
    return when.replace(hour=14, minute=30).strftime("%Y-%m-%dT%H:%M")


def test_people_interviews_and_stage_change_in_place(page: Page, live_server, sign_in, owner):
    opportunity = OpportunityFactory(owner=owner, company="Acme Cloud", stage=Stage.APPLIED)
    sign_in(owner)
    page.goto(f"{live_server.url}/opportunities/{opportunity.pk}/")
    page.evaluate("window.stillTheSamePage = true")

    add_person = page.locator("form[action$='/people/new/']")
    add_person.get_by_label("Name").fill("Dana Lee")
    add_person.get_by_label("Role").select_option(label="Hiring manager")
    add_person.get_by_role("button", name="Add person").click()
    expect(page.locator("#people")).to_contain_text("Added Dana Lee.")

    # The interview form now offers Dana, without a reload.
    add_interview = page.locator("form[action$='/interviews/new/']")
    dana = add_interview.get_by_label("Dana Lee (Hiring manager)")
    expect(dana).to_be_visible()
    add_interview.get_by_label("When").fill(in_two_days())
    add_interview.get_by_label("Channel").select_option(label="In person")
    dana.check()
    add_interview.get_by_role("button", name="Add interview").click()
    expect(page.locator("#interviews")).to_contain_text(
        "Hiring manager · In person · with Dana Lee"
    )

    page.locator("#stage").get_by_label("Move to").select_option(label="Interviewing")
    page.locator("#stage").get_by_role("button", name="Move").click()
    expect(page.locator("#stage")).to_contain_text("Moved to Interviewing.")
    expect(page.locator("#stage")).to_contain_text("Applied → Interviewing")

    page.get_by_role("link", name="Edit Dana Lee").click()
    edit_person = page.locator("#people form[action$='/edit/']")
    edit_person.get_by_label("Name").fill("Dana Lee-Park")
    edit_person.get_by_role("button", name="Save").click()
    expect(page.locator("#people")).to_contain_text("Saved Dana Lee-Park.")
    expect(page.locator("#interviews")).to_contain_text("with Dana Lee-Park")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Remove Dana Lee-Park").click()
    expect(page.locator("#people")).to_contain_text("Removed Dana Lee-Park.")

    assert page.evaluate("window.stillTheSamePage") is True
    opportunity.refresh_from_db()
    assert opportunity.stage == Stage.INTERVIEWING
    assert not Person.objects.exists()
    interview = Interview.objects.get()
    assert interview.channel == "in_person"
    assert timezone.localtime(interview.scheduled_at).strftime("%H:%M") == "14:30"


def test_invalid_input_stays_in_place_with_the_typed_text(page: Page, live_server, sign_in, owner):
    opportunity = OpportunityFactory(owner=owner)
    sign_in(owner)
    page.goto(f"{live_server.url}/opportunities/{opportunity.pk}/")

    add_person = page.locator("form[action$='/people/new/']")
    add_person.get_by_label("Name").fill("Dana Lee")
    add_person.get_by_label("Email").fill("dana@")
    # The browser would refuse this address itself; send it anyway to see the server's answer.
    add_person.evaluate("form => form.noValidate = true")
    add_person.get_by_role("button", name="Add person").click()

    expect(page.locator("#people")).to_contain_text("Enter a valid email address.")
    expect(page.locator("form[action$='/people/new/']").get_by_label("Name")).to_have_value(
        "Dana Lee"
    )
    assert not Person.objects.exists()


def test_the_whole_flow_works_without_javascript(browser, live_server, e2e_settings, owner):
    FocusFactory(owner=owner, attribute_1="Product leader for developer tools")
    client = Client()
    client.force_login(owner)
    context = browser.new_context(java_script_enabled=False)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "domain": "localhost",
                "path": "/",
                "httpOnly": True,
                "secure": settings.SESSION_COOKIE_SECURE,
                "sameSite": "Lax",
            }
        ]
    )
    page = context.new_page()

    page.goto(f"{live_server.url}/opportunities/new/")
    expect(page.get_by_text("Product leader for developer tools")).to_be_visible()
    page.get_by_label("Company").fill("Acme Cloud")
    page.locator("#id_role").fill("Director of Product")
    page.get_by_label("Strong fit").check()
    page.get_by_role("button", name="Add to your pipeline").click()
    expect(
        page.get_by_text("Director of Product at Acme Cloud is in your pipeline.")
    ).to_be_visible()

    add_person = page.locator("form[action$='/people/new/']")
    add_person.get_by_label("Name").fill("Sam Ortiz")
    add_person.get_by_role("button", name="Add person").click()
    expect(page.get_by_text("Added Sam Ortiz.")).to_be_visible()

    page.get_by_role("link", name="Edit Sam Ortiz").click()
    page.locator("#people form[action$='/edit/']").get_by_label("Name").fill("Sam Ortiz-Lee")
    page.locator("#people").get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved Sam Ortiz-Lee.")).to_be_visible()

    page.locator("#stage").get_by_label("Move to").select_option(label="Offer")
    page.locator("#stage").get_by_role("button", name="Move").click()
    expect(page.get_by_text("Moved to Offer.")).to_be_visible()

    opportunity = Opportunity.objects.get()
    assert opportunity.stage == Stage.OFFER
    assert [p.name for p in opportunity.people.all()] == ["Sam Ortiz-Lee"]
    assert list(opportunity.stage_changes.values_list("to_stage", flat=True)) == [
        "exploring",
        "offer",
    ]
    context.close()
