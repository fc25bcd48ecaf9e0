"""axe-core on every main page: no serious or critical WCAG 2.1 A/AA or best-practice violation.

axe comes from its npm package, vendored under tests/e2e/vendor/axe-core (see the README there);
the app never serves it. It is defined with ``page.evaluate``, which runs through the DevTools
protocol and so is not subject to the page's Content-Security-Policy: the pages are checked
exactly as served, with the CSP left on (``add_script_tag`` would inject an inline script that
our CSP rightly blocks, and ``bypass_csp`` would test a page users never get).
"""

import datetime as dt
import secrets
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from playwright.sync_api import Page

from config.tokens import digest_token
from councils.models import Council, Debrief, Invitation, Share
from demo.builders import build_demo_account, council_member_email
from negotiation.services import ensure_plan

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
BLOCKING = {"serious", "critical"}
PASSWORD = "a-long-demo-password-for-axe"


def axe_violations(page: Page) -> list[dict]:
    """Run axe on the page as it is now; the serious and critical violations it found."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    results = page.evaluate("options => window.axe.run(document, options)", AXE_OPTIONS)
    return [v for v in results["violations"] if v["impact"] in BLOCKING]


def describe(name: str, url: str, violations: list[dict]) -> str:
    lines = [f"{name} ({url}):"]
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"      at {', '.join(map(str, node['target']))}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"         {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"      … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.fixture
def seeded(settings):
    """The demo account's data (a full mission, plans, offers, a council of two with comments,
    debriefs, a gratitude house), with the plan shared too and an open invitation."""
    account = build_demo_account(email="maya@example.com", password=PASSWORD)
    owner = account.user
    council = Council.objects.get(owner=owner)
    kestrel = owner.opportunities.get(mission__share_links__isnull=False)
    member = council.memberships.exclude(user=owner).get().user
    assert member.email == council_member_email(owner.email)
    plan_share = Share.objects.create(
        council=council, shared_by=owner, plan=ensure_plan(opportunity=kestrel)
    )
    token = secrets.token_urlsafe(32)
    Invitation.objects.create(
        council=council,
        email="newcomer@example.com",
        invited_by=owner,
        token_digest=digest_token(token),
        expires_at=timezone.now() + dt.timedelta(days=7),
    )
    return {
        "owner": owner,
        "member": member,
        "council": council,
        "kestrel": kestrel,
        "share_token": account.share_token,
        "invitation_token": token,
        "plan_share": plan_share,
        "debrief": Debrief.objects.filter(owner=owner).first(),
    }


def test_every_main_page_has_no_serious_accessibility_violation(
    page: Page, context, live_server, sign_in, seeded
):
    base = live_server.url.replace("127.0.0.1", "localhost")
    kestrel = seeded["kestrel"].pk
    failures: list[str] = []
    visited: list[str] = []

    def check(name: str, path: str, status: int = 200, then=None) -> None:
        response = page.goto(base + path)
        assert response is not None and response.status == status, (
            f"{name}: {path} answered {response and response.status}, expected {status}"
        )
        if then:
            then()
        visited.append(name)
        if violations := axe_violations(page):
            failures.append(describe(name, path, violations))

    # Signed out.
    check("landing", reverse("dashboard"))
    check("sign in", reverse("account_login"))
    check("sign up", reverse("account_signup"))
    check("password reset", reverse("account_reset_password"))
    check("share page (hiring manager)", reverse("share_page", args=[seeded["share_token"]]))
    check("invitation", reverse("invitation_accept", args=[seeded["invitation_token"]]))

    # The owner.
    sign_in(seeded["owner"])
    check("dashboard", reverse("dashboard"))
    check("focus", reverse("focus_edit"))
    check("pipeline", reverse("opportunity_list"))
    check("opportunity detail", reverse("opportunity_detail", args=[kestrel]))
    check("new opportunity", reverse("opportunity_create"))

    def submit_empty_form():
        page.locator("main form[method=post] button[type=submit]").last.click()
        page.wait_for_load_state()

    check("new opportunity, invalid", reverse("opportunity_create"), then=submit_empty_form)
    check("mission editor", reverse("mission_edit", args=[kestrel]))
    objective = seeded["kestrel"].mission.objectives.first()
    check(
        "mission editor, key result form open",
        reverse("key_result_create", args=[kestrel, objective.pk]),
    )
    check("plan", reverse("plan_detail", args=[kestrel]))
    check("offers compare", reverse("offer_compare"))
    check("councils", reverse("council_list"))
    check("council feed", reverse("council_detail", args=[seeded["council"].pk]))
    check("new council", reverse("council_create"))
    check("debriefs", reverse("debrief_list"))
    check("new debrief", reverse("debrief_create"))
    check("debrief", reverse("debrief_detail", args=[seeded["debrief"].pk]))
    check("gratitude", reverse("gratitude_list"))
    check("before you go in", reverse("prepare", args=[kestrel]))
    check("account email", reverse("account_email"))
    for name in ("account_export", "account_delete", "mfa_index"):
        try:
            path = reverse(name)
        except NoReverseMatch:  # account safety pages, checked once they exist
            continue
        check(name.replace("_", " "), path)
    check("not found", "/opportunities/999999/", status=404)

    # A council member reading what the owner shared.
    context.clear_cookies()
    sign_in(seeded["member"])
    check("member: mission (read-only)", reverse("mission_edit", args=[kestrel]))
    check("member: plan (read-only)", reverse("plan_detail", args=[kestrel]))
    check("member: shared plan", reverse("share_detail", args=[seeded["plan_share"].pk]))
    check("member: council feed", reverse("council_detail", args=[seeded["council"].pk]))
    check("forbidden", reverse("objective_create", args=[kestrel]), status=403)

    assert not failures, (
        f"axe found serious or critical violations on {len(failures)} of {len(visited)} "
        "pages:\n\n" + "\n\n".join(failures)
    )
