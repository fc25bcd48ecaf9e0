"""Two people in a council, two browsers: the member comments on a shared mission in place, one
comment about a key result; the owner sees it in the editor, beside that key result, opens the
folded thread and resolves it in place."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from councils.models import Comment
from tests.factories import (
    CouncilFactory,
    KeyResultFactory,
    MembershipFactory,
    MissionFactory,
    ObjectiveFactory,
    ShareFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def plant_session(context, user) -> None:
    """Sign ``user`` in inside another browser context, as the sign_in fixture does."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": cookie.value,
                "domain": "localhost",
                "path": "/",
                "httpOnly": True,
                "secure": settings.SESSION_COOKIE_SECURE,
                "sameSite": "Lax",
            }
        ]
    )


def test_a_member_comments_in_place_and_the_owner_resolves_it(
    page: Page, browser, live_server, sign_in
):
    base = live_server.url.replace("127.0.0.1", "localhost")
    owner = UserFactory(email="maya@example.com")
    member = UserFactory(email="priya@example.com")
    council = CouncilFactory(owner=owner, name="Thursday product leaders")
    MembershipFactory(council=council, user=member)
    mission = MissionFactory(
        opportunity__owner=owner, opportunity__company="Kestrel Routing", purpose="Earn trust."
    )
    objective = ObjectiveFactory(mission=mission, title="Earn dispatchers' trust")
    key_result = KeyResultFactory(objective=objective, description="Fewer manual overrides")
    share = ShareFactory(council=council, mission=mission, shared_by=owner)
    mission_url = f"{base}/opportunities/{mission.opportunity_id}/mission/"

    member_context = browser.new_context()
    try:
        plant_session(member_context, member)
        reader = member_context.new_page()
        reader.goto(mission_url)
        expect(reader.get_by_role("heading", level=1)).to_contain_text("Director of Product")
        reader.evaluate("window.__notReloaded = true")
        thread = reader.locator(f"#thread-{share.pk}")

        thread.get_by_label("Your comment").fill("The purpose line is *great*.")
        thread.get_by_role("button", name="Post comment").click()
        expect(thread.locator(".comment-body em", has_text="great")).to_be_visible()

        thread.get_by_label("Your comment").fill("Is under 15% realistic in 90 days?")
        thread.get_by_label("About").select_option(label="KR 1.1 · Fewer manual overrides")
        thread.get_by_role("button", name="Post comment").click()
        anchored = thread.locator(".comment", has_text="Is under 15% realistic")
        expect(anchored).to_contain_text("About KR 1.1 · Fewer manual overrides")
        expect(thread.get_by_label("Your comment")).to_have_value("")
        assert reader.evaluate("window.__notReloaded") is True, "posting reloaded the page"
    finally:
        member_context.close()

    comment = Comment.objects.get(key_result=key_result)
    sign_in(owner)
    page.goto(mission_url)
    kr = page.locator(f"#key-result-{key_result.pk}")
    share_page = f"/councils/shares/{share.pk}/"
    expect(kr.get_by_role("link", name=re.compile("1 comment"))).to_have_attribute(
        "href", f"{share_page}#comment-{comment.pk}"
    )
    # The editor folds the thread to one line; opening it loads the thread in place.
    folded = page.locator(f"#thread-{share.pk}-folded")
    expect(folded).to_contain_text("2 comments")
    expect(folded).to_contain_text("Is under 15% realistic in 90 days?")
    page.evaluate("window.__notReloaded = true")
    folded.locator("summary").click()
    owner_thread = page.locator(f"section#thread-{share.pk}")
    expect(owner_thread).to_contain_text("Is under 15% realistic in 90 days?")
    owner_thread.locator(f"#comment-{comment.pk}").get_by_role(
        "button", name=re.compile("^Resolve")
    ).click()
    expect(owner_thread.locator("summary", has_text="1 resolved thread")).to_be_visible()
    expect(owner_thread.get_by_text("Is under 15% realistic in 90 days?")).to_be_hidden()
    expect(page.get_by_role("status").filter(has_text="Resolved")).to_have_count(1)
    assert page.evaluate("window.__notReloaded") is True, "resolving reloaded the page"
    comment.refresh_from_db()
    assert comment.resolved_by == owner
