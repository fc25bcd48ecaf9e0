"""Two people start a council in real browsers: one invites, the other joins from the email.

The owner starts a council and invites an address in place; the invitee, in a fresh browser,
opens the emailed link, signs up with that address, confirms it, lands back on the invitation,
accepts and sees the council; the owner reloads and sees the new member.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from councils.models import Membership
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-and-unusual-passphrase-77"
INVITEE = "sam@example.com"


def start_council(page: Page, base: str) -> None:
    page.goto(f"{base}/councils/")
    expect(page.get_by_role("heading", name="Gather a council for your search")).to_be_visible()
    page.get_by_role("link", name="Start a council").click()
    page.get_by_label("Name").fill("Thursday product leaders")
    page.get_by_label("What this council is for").fill("We debrief every interview.")
    page.get_by_label(re.compile("Fast seekers")).check()
    page.get_by_role("button", name="Start the council").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thursday product leaders")


def invite_in_place(page: Page) -> str:
    """Invite the address through the HTMX form; return the link from the email."""
    page.evaluate("window.__notReloaded = true")
    invitations = page.locator("#invitations")
    invitations.get_by_label("Email addresses").fill(INVITEE)
    invitations.get_by_role("button", name="Send invitations").click()
    expect(invitations).to_contain_text(f"Invitation sent to {INVITEE}")
    expect(invitations.locator(".invitation")).to_contain_text(INVITEE)
    assert page.evaluate("window.__notReloaded") is True, "inviting reloaded the page"
    (message,) = mail.outbox
    assert message.to == [INVITEE]
    return re.search(r"https?://\S+/invitations/[\w-]+/", message.body).group(0)


def test_the_invitee_joins_from_the_email_and_the_owner_sees_them(
    page: Page, browser, live_server, sign_in
):
    base = live_server.url
    owner = UserFactory(email="maya@example.com")
    sign_in(owner)
    start_council(page, base)
    link = invite_in_place(page)
    assert link.startswith(base)

    invitee_context = browser.new_context()
    try:
        invitee = invitee_context.new_page()
        invitee.goto(link)
        expect(invitee.get_by_role("heading", level=1)).to_have_text(
            "maya@example.com invites you to Thursday product leaders"
        )
        invitee.get_by_role("link", name="Create my account").click()
        expect(invitee.get_by_label("Email")).to_have_value(INVITEE)
        invitee.get_by_label("Password", exact=True).fill(PASSWORD)
        invitee.get_by_label(re.compile(r"Password \(again\)|Confirm password")).fill(PASSWORD)
        invitee.get_by_role("button", name=re.compile("Create", re.I)).click()
        expect(invitee.get_by_role("heading", level=1)).to_contain_text(re.compile("email", re.I))

        confirmation = mail.outbox[-1]
        assert confirmation.to == [INVITEE]
        confirm = re.search(r"https?://\S+/accounts/confirm-email/\S+/", confirmation.body)
        invitee.goto(confirm.group(0))
        invitee.get_by_role("button", name=re.compile("Confirm", re.I)).click()

        expect(invitee).to_have_url(link)
        invitee.get_by_role("button", name="Join Thursday product leaders").click()
        expect(invitee.get_by_role("heading", level=1)).to_have_text("Thursday product leaders")
        expect(invitee.get_by_text("Welcome to Thursday product leaders")).to_be_visible()
        expect(invitee.locator("#members")).to_contain_text(INVITEE)
    finally:
        invitee_context.close()

    assert Membership.objects.filter(council__owner=owner, user__email=INVITEE).count() == 1
    page.reload()
    members = page.locator("#members")
    expect(members).to_contain_text(INVITEE)
    expect(members.get_by_role("heading")).to_contain_text("(2)")
    expect(page.locator("#invitations")).to_contain_text("No open invitations.")
