"""What can be shared with a council, and how a share is named and found.

A share points at exactly one item of the owner's work: their focus, a mission, a negotiation
plan or a debrief. These functions are the one place that knows the four kinds.
"""

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from councils.models import Comment, Council, Debrief, Share
from missions.models import Mission
from negotiation.models import NegotiationPlan
from opportunities.models import Focus

# Model of the item → the Share field that points at it.
SHARE_FIELDS = {Focus: "focus", Mission: "mission", NegotiationPlan: "plan", Debrief: "debrief"}

# What share_title and share_item_url read: select_related(*SHARE_RELATED) keeps lists of
# shares (the council feed, emails) at a fixed number of queries.
SHARE_RELATED = (
    "council",
    "focus",
    "mission__opportunity",
    "plan__opportunity",
    "debrief__opportunity",
)

KIND_NAMES = {
    "focus": "search focus",
    "mission": "job mission",
    "plan": "negotiation plan",
    "debrief": "debrief",
}


def share_field(item) -> str:
    """The Share field for ``item``: "focus", "mission", "plan" or "debrief"."""
    try:
        return SHARE_FIELDS[type(item)]
    except KeyError:
        raise TypeError(f"{type(item).__name__} cannot be shared with a council") from None


def shares_of(item) -> QuerySet[Share]:
    """Every council share of ``item``."""
    return Share.objects.filter(**{share_field(item): item})


def item_owner_id(item) -> int:
    """The id of the user whose work ``item`` is."""
    if isinstance(item, (Mission, NegotiationPlan)):
        return item.opportunity.owner_id
    return item.owner_id


def share_title(share: Share) -> str:
    """A short name for the shared item, e.g. "Job mission · Director of Product at Acme"."""
    target = share.target
    if share.kind == "focus":
        return "Search focus"
    if share.kind == "debrief":
        about = f" at {target.opportunity.company}" if target.opportunity_id else ""
        return f"Debrief · {target.happened_on:%-d %b %Y}{about}"
    opportunity = target.opportunity
    kind = KIND_NAMES[share.kind].capitalize()
    return f"{kind} · {opportunity.role} at {opportunity.company}"


def share_item_url(share: Share) -> str:
    """Where the shared item is read: its own page, or the share's page for a focus."""
    if share.kind == "mission":
        return reverse("mission_edit", args=[share.mission.opportunity_id])
    if share.kind == "plan":
        return reverse("plan_detail", args=[share.plan.opportunity_id])
    if share.kind == "debrief":
        return reverse("debrief_detail", args=[share.debrief_id])
    return reverse("share_detail", args=[share.pk])


def thread_url(share: Share, user) -> str:
    """Where ``user`` reads the share's conversation in full: the item's page, except for the
    owner of a mission, whose editor folds each thread to one line (the share's page then)."""
    if share.kind == "mission" and share.shared_by_id == user.pk:
        return reverse("share_detail", args=[share.pk])
    return share_item_url(share)


def share_url_of(item) -> str:
    """Where the owner chooses the councils ``item`` is shared with."""
    kind = share_field(item)
    if kind == "focus":
        return reverse("focus_share")
    if kind == "debrief":
        return reverse("debrief_share", args=[item.pk])
    return reverse(f"{kind}_share", args=[item.opportunity_id])


def item_url(item) -> str:
    """The owner's own page for ``item``."""
    kind = share_field(item)
    if kind == "focus":
        return reverse("focus_edit")
    if kind == "debrief":
        return reverse("debrief_detail", args=[item.pk])
    return reverse(
        "mission_edit" if kind == "mission" else "plan_detail", args=[item.opportunity_id]
    )


def share_phrase(share: Share) -> str:
    """The item as a sentence names it to its owner: "your job mission for X at Y"."""
    target = share.target
    if share.kind == "focus":
        return "your search focus"
    if share.kind == "debrief":
        about = f" at {target.opportunity.company}" if target.opportunity_id else ""
        return f"your debrief of {target.happened_on:%-d %B}{about}"
    opportunity = target.opportunity
    return f"your {KIND_NAMES[share.kind]} for {opportunity.role} at {opportunity.company}"


def share_choices(user, item) -> list:
    """The councils ``user`` may share ``item`` with, in one query, each annotated with its
    ``share_pk``, ``shared_at`` and ``comment_count`` when ``item`` is shared with it."""
    shares = shares_of(item).filter(council=OuterRef("pk"))
    comments = (
        Comment.objects.filter(
            share__council=OuterRef("pk"), deleted_at=None, **{f"share__{share_field(item)}": item}
        )
        .values("share")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return list(
        Council.objects.of_member(user)
        .order_by("name", "pk")
        .annotate(
            share_pk=Subquery(shares.values("pk")[:1]),
            shared_at=Subquery(shares.values("created_at")[:1]),
            comment_count=Coalesce(Subquery(comments[:1]), 0),
        )
    )
