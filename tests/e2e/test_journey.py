"""The whole first journey in a real browser, as a new user walks it.

Sign up → confirm the email → state a focus → add an opportunity → write a mission with two
objectives of two key results each, in place → download the PDF → share a read-only link with
a hiring manager (a fresh anonymous browser) → revoke it → the link is gone.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect
from pypdf import PdfReader

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMAIL = "maya@example.com"
PASSWORD = "a-long-and-unusual-passphrase-77"


def sign_up_and_confirm(page: Page, base: str) -> None:
    page.goto(f"{base}/")
    page.get_by_role("link", name="Sign up").first.click()
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label(re.compile(r"Password \(again\)|Confirm password")).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign up|Create", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("inbox|email", re.I))

    (message,) = mail.outbox
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    page.goto(link.replace("http://testserver", base))
    page.get_by_role("button", name=re.compile("Confirm", re.I)).click()
    expect(page.get_by_role("navigation", name="Main")).to_contain_text(EMAIL)


def state_focus(page: Page, base: str) -> None:
    page.goto(f"{base}/focus/")
    page.get_by_label("Your name").fill("Maya Lindqvist")
    page.get_by_label("What you do").fill("Product leader for B2B workflow software")
    page.get_by_label("Where you do it best").fill("Series B to D companies")
    page.get_by_label("What you bring").fill("I turn scattered roadmaps into a few clear bets")
    page.get_by_role("button", name="Save your focus").click()
    expect(page.get_by_role("status").first).to_contain_text(re.compile("focus", re.I))


def add_opportunity(page: Page, base: str) -> None:
    page.goto(f"{base}/opportunities/new/")
    page.get_by_label("Company").fill("Kestrel Routing")
    page.get_by_role("textbox", name="Role").fill("Director of Product")
    page.get_by_label("Strong fit").check()
    page.get_by_role("button", name="Add to your pipeline").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Director of Product")


def add_objective_with_key_results(page: Page, title: str, key_results: list[str]) -> None:
    page.get_by_label("New objective").fill(title)
    page.get_by_role("button", name="Add objective").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    page.get_by_role("link", name=f"+ Add a key result to “{title}”").click()
    form = page.locator("form[action$='/key-results/new/']")
    for description in key_results:
        # The editor puts the cursor in the fresh form once htmx settles; wait for it, so that
        # typing does not race the focus move (and the focus itself is checked).
        expect(form.get_by_label("Key result")).to_be_focused()
        form.get_by_label("Key result").fill(description)
        form.get_by_label("Measurable target").fill("from 40% to 60%")
        form.get_by_label("Horizon").select_option(label="90 days")
        form.get_by_role("button", name="Add key result").click()
        expect(page.locator("#objectives .key-result", has_text=description)).to_be_visible()
    form.get_by_role("link", name="Done").click()
    expect(form).to_have_count(0)  # swapped back: the next fill must not race the swap


def test_a_new_user_signs_up_writes_a_mission_and_shares_it(page: Page, browser, live_server):
    base = live_server.url
    page.on("dialog", lambda dialog: dialog.accept())
    sign_up_and_confirm(page, base)
    state_focus(page, base)
    add_opportunity(page, base)

    page.get_by_role("link", name=re.compile("Write your job mission")).click()
    expect(page.get_by_text("Walk them through it live.")).to_be_visible()
    page.evaluate("window.__notReloaded = true")
    add_objective_with_key_results(
        page, "Earn dispatchers' trust", ["Fewer manual overrides", "Faster re-plans"]
    )
    add_objective_with_key_results(
        page, "Build a team that owns outcomes", ["PMs own one metric each", "Senior PM hired"]
    )
    expect(page.locator("#objectives .key-result")).to_have_count(4)
    assert page.evaluate("window.__notReloaded") is True, "the editor reloaded the page"

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename == "mission-kestrel-routing-director-of-product.pdf"
    text = "\n".join(pdf_page.extract_text() for pdf_page in PdfReader(download.path()).pages)
    for expected in (
        "Director of Product",
        "Maya Lindqvist",
        "Earn dispatchers",
        "Senior PM hired",
    ):
        assert expected in text

    panel = page.locator("#share-link")
    panel.get_by_role("button", name="Create a share link").click()
    share_url = panel.locator("#share-url").input_value()
    assert share_url.startswith(f"{base}/share/")

    hiring_manager = browser.new_context()
    try:
        shared = hiring_manager.new_page()
        assert shared.goto(share_url).status == 200
        expect(shared.get_by_text("Build a team that owns outcomes")).to_be_visible()
        expect(shared.get_by_text(EMAIL)).to_have_count(0)

        panel.get_by_role("button", name="Revoke").click()
        expect(panel.get_by_role("button", name="Create a share link")).to_be_visible()
        assert page.evaluate("window.__notReloaded") is True
        assert shared.goto(share_url).status == 404
    finally:
        hiring_manager.close()
