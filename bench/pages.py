"""The pages measured, who opens each, and the targets issue 11 sets for them."""

from dataclasses import dataclass

BASELINE = "baseline"

# Issue 11, "Done when": each page at least this × /accounts/email/ (baseline ÷ page median).
SPEED_TARGETS = {
    "mission editor": 1.0,
    "negotiation plan": 0.7,
    "pipeline": 0.9,
    "dashboard": 0.6,
    "council feed": 0.6,
    "offers compared": 0.6,
}
# Every page within this × its own time at the smallest size, at the largest (1,000 rows).
GROWTH_TARGET = 1.25
# The mission PDF against a one-line document through our own pipeline (documents/pdf.py).
CACHED_PDF_TARGET = 2.0
UNCACHED_PDF_TARGET = 15.0


@dataclass(frozen=True)
class Page:
    key: str  # what --only matches and the targets are keyed on
    label: str
    path: str
    persona: str  # "owner", "member" (of both councils) or "anonymous"

    @property
    def target(self) -> float | None:
        return SPEED_TARGETS.get(self.key)


def pages_for(ids: dict[str, int], share_token: str) -> list[Page]:
    """Every measured page, the baseline first, for the seeded ids."""
    mission = ids["mission_opportunity"]
    return [
        Page(BASELINE, "simplest signed-in page (baseline)", "/accounts/email/", "owner"),
        Page("dashboard", "dashboard", "/", "owner"),
        Page("pipeline", "pipeline (first page of 50)", "/opportunities/", "owner"),
        Page("opportunity", "opportunity page", f"/opportunities/{mission}/", "owner"),
        Page(
            "mission editor",
            f"mission editor ({ids['editor_comments']} comments, folded)",
            f"/opportunities/{mission}/mission/",
            "owner",
        ),
        Page(
            "negotiation plan",
            "negotiation plan",
            f"/opportunities/{ids['plan_opportunity']}/plan/",
            "owner",
        ),
        Page("offers compared", "offers compared", "/offers/compare/", "owner"),
        Page("council feed", "council feed", f"/councils/{ids['council']}/", "owner"),
        Page(
            "council thread",
            f"council thread, owner ({ids['thread_comments']} comments unfolded)",
            f"/councils/shares/{ids['thread_share']}/",
            "owner",
        ),
        Page(
            "shared mission",
            f"shared mission, member ({ids['editor_comments']} comments unfolded)",
            f"/opportunities/{mission}/mission/",
            "member",
        ),
        Page(
            "share link", "share link page (hiring manager)", f"/share/{share_token}/", "anonymous"
        ),
        Page(
            "mission pdf",
            "mission PDF",
            f"/opportunities/{ids['pdf_opportunity']}/mission.pdf",
            "owner",
        ),
    ]


def select(pages: list[Page], only: str | None) -> list[Page]:
    """The baseline and the pages whose key or label contains one of ``only``'s comma-separated
    words (all pages without ``only``)."""
    if not only:
        return pages
    words = [word.strip().lower() for word in only.split(",") if word.strip()]
    return [
        page
        for page in pages
        if page.key == BASELINE or any(w in page.key or w in page.label.lower() for w in words)
    ]
