"""In the browser: the owner creates, opens and revokes the hiring manager's link in place."""

import pytest
from playwright.sync_api import expect

from tests.factories import KeyResultFactory, MissionFactory, ObjectiveFactory, OpportunityFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_share_link_is_created_opened_and_revoked_in_place(
    page, browser, live_server, sign_in, owner
):
    opportunity = OpportunityFactory(owner=owner, company="Northwind Cloud", role="Head of Data")
    mission = MissionFactory(opportunity=opportunity)
    objective = ObjectiveFactory(mission=mission, title="Make onboarding effortless")
    KeyResultFactory(objective=objective, description="Time to first deploy")
    sign_in(owner)
    base = live_server.url.replace("127.0.0.1", "localhost")
    page.goto(f"{base}/opportunities/{opportunity.pk}/mission/")
    page.evaluate("window.__notReloaded = true")
    page.on("dialog", lambda dialog: dialog.accept())
    panel = page.locator("#share-link")

    panel.get_by_role("button", name="Create a share link").click()

    share_url = panel.locator("#share-url")
    expect(share_url).to_be_visible()
    url = share_url.input_value()
    assert url.startswith(f"{base}/share/")
    assert page.evaluate("window.__notReloaded") is True

    hiring_manager = browser.new_context()
    try:
        shared = hiring_manager.new_page()
        response = shared.goto(url)
        assert response.status == 200
        expect(shared.get_by_role("heading", level=1)).to_have_text("Head of Data")
        expect(shared.get_by_text("Time to first deploy")).to_be_visible()

        panel.get_by_role("button", name="Revoke").click()

        expect(panel.get_by_role("button", name="Create a share link")).to_be_visible()
        assert page.evaluate("window.__notReloaded") is True
        assert shared.goto(url).status == 404
    finally:
        hiring_manager.close()
