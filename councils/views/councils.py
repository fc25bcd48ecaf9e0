"""Councils and their members: the list, a council's page with its feed, and membership.

A council's page (templates/councils/council_detail.html) has three regions, each a
``{% partialdef %}`` whose name is the DOM id of its root element: ``council-feed``,
``members`` and, for the owner, ``invitations``. A view answers with a region only when
``request.htmx.target`` names it, and otherwise with the whole page; a GET on leave or remove
is the page with the "are you sure?" step open in ``members``, so everything works without
JavaScript, and a plain POST that worked redirects.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods, require_safe
from django_htmx.http import HttpResponseClientRedirect

from councils import services
from councils.forms import CouncilForm, InvitationForm
from councils.models import Comment, Council, Membership, Share
from councils.permissions import (
    CouncilRights,
    councils_for,
    get_council_for,
    get_membership_for,
    share_rights,
)
from councils.shares import share_item_url, share_title
from councils.threads import member_name
from inplace.regions import announce, form_data

DETAIL = "councils/council_detail.html"
REGIONS = ("council-feed", "members", "invitations")
# The feed shows the most recent activity; older items stay reachable from their own pages.
FEED_LIMIT = 50
# What a feed item shows (share_title, share_item_url, the sharer's name): only these
# columns, not every column of three opportunities and their long texts per row.
FEED_RELATED = ("mission__opportunity", "plan__opportunity", "debrief__opportunity")
FEED_FIELDS = (
    *(f"{target}_id" for target in Share.TARGETS),
    "council_id",
    "shared_by__email",
    "shared_by__first_name",
    "shared_by__last_name",
    "shared_by__focus__full_name",
    "created_at",
    "last_activity_at",
    "mission__opportunity__role",
    "mission__opportunity__company",
    "plan__opportunity__role",
    "plan__opportunity__company",
    "debrief__happened_on",
    "debrief__opportunity__role",
    "debrief__opportunity__company",
)


def _feed(council: Council, user):
    """What is shared with the council, newest activity first, with its latest comment and
    the reader's rights on each item."""
    comments = Comment.objects.visible().filter(share=OuterRef("pk"))
    latest = comments.order_by("-created_at", "-pk")
    count = comments.order_by().values("share").annotate(n=Count("pk")).values("n")
    shares = list(
        council.shares.select_related("shared_by__focus", *FEED_RELATED)
        .only(*FEED_FIELDS)
        .annotate(
            comment_count=Coalesce(Subquery(count, output_field=IntegerField()), 0),
            latest_comment_id=Subquery(latest.values("pk")[:1]),
        )
        .order_by("-last_activity_at", "-pk")[:FEED_LIMIT]
    )
    # The latest comments in one more query: one subquery per column was a third of the page.
    ids = [share.latest_comment_id for share in shares if share.latest_comment_id]
    latest_comments = (
        Comment.objects.select_related("author__focus")
        .only("body", "created_at", "author__email", "author__focus__full_name")
        .in_bulk(ids)
    )
    for share in shares:
        comment = latest_comments.get(share.latest_comment_id)
        focus = getattr(comment.author, "focus", None) if comment else None
        share.latest_comment_body = comment.body if comment else None
        share.latest_comment_author_id = comment.author_id if comment else None
        share.latest_comment_author_email = comment.author.email if comment else None
        share.latest_comment_author_name = focus.full_name if focus else None
        share.latest_comment_at = comment.created_at if comment else None
    return [
        {
            "share": share,
            "title": share_title(share),
            "url": share_item_url(share),
            "rights": share_rights(user, share),
        }
        for share in shares
    ]


def council_context(request: HttpRequest, council: Council, rights: CouncilRights, **state) -> dict:
    """Everything the council's page and its regions show; ``state`` says what is open."""
    invitations = council.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True)
    return {
        "council": council,
        "rights": rights,
        "memberships": council.memberships.select_related("user__focus"),
        "feed": SimpleLazyObject(lambda: _feed(council, request.user)),  # only where shown
        "now": timezone.now(),
        "feed_limit": FEED_LIMIT,
        "invitations": invitations.order_by("email") if rights.manage else [],
        "invitation_form": InvitationForm(auto_id="invite-%s"),
        **state,
    }


def render_council(
    request: HttpRequest,
    council: Council,
    rights: CouncilRights,
    region: str | None = None,
    *,
    oob=(),
    **state,
) -> HttpResponse:
    """Render ``region`` (with out-of-band regions) when htmx targets it, else the whole page."""
    context = council_context(request, council, rights, **state)
    if region == "invitations" and not rights.manage:
        region = None  # only the owner has that region
    if region not in REGIONS or request.htmx.target != region:
        return render(request, DETAIL, context)
    parts = [render_to_string(f"{DETAIL}#{region}", context, request)]
    for name in oob:
        parts.append(render_to_string(f"{DETAIL}#{name}", {**context, "oob": True}, request))
    message = context.get("announcement", "")
    return announce(request, HttpResponse("".join(parts)), message, forms=state.values())


def council_saved(
    request: HttpRequest,
    council: Council,
    rights: CouncilRights,
    region: str,
    *,
    message: str,
    **state,
) -> HttpResponse:
    """After a write: the fresh region and a spoken note for htmx, else back to the page."""
    if request.htmx.target == region:
        return render_council(request, council, rights, region, announcement=message, **state)
    messages.success(request, message)
    return redirect(f"{council.get_absolute_url()}#{region}")


@require_safe
def council_list(request: HttpRequest) -> HttpResponse:
    """The councils the user started or joined, with their size and next meeting."""
    mine = Membership.objects.filter(user=request.user, council=OuterRef("pk"))
    members = Membership.objects.filter(council=OuterRef("pk")).order_by().values("council")
    councils = (
        councils_for(request.user)
        .select_related("owner")
        .annotate(
            member_count=Subquery(members.annotate(n=Count("pk")).values("n")),
            joined_at=Subquery(mine.values("joined_at")[:1]),
        )
    )
    context = {"councils": councils, "now": timezone.now()}
    return render(request, "councils/council_list.html", context)


@require_http_methods(["GET", "POST"])
def council_create(request: HttpRequest) -> HttpResponse:
    """Start a council; its owner is its first member."""
    form = CouncilForm(form_data(request))
    if form.is_valid():
        council = services.create_council(owner=request.user, **form.cleaned_data)
        messages.success(request, f"{council} is ready. Now invite the peers you trust.")
        return redirect(f"{council.get_absolute_url()}#invitations")
    return render(request, "councils/council_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def council_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a council's name, purpose, rhythm or next meeting (its owner only)."""
    council, _ = get_council_for(request.user, pk, manage=True)
    form = CouncilForm(form_data(request), instance=council)
    if form.is_valid():
        form.save()
        messages.success(request, "Saved. Members see the changes on the council's page.")
        return redirect(council)
    council.refresh_from_db()  # the header shows what is saved, not the rejected input
    return render(request, "councils/council_form.html", {"form": form, "council": council})


@require_safe
def council_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A council's page: its feed of shared work, its members and (for the owner) invitations."""
    council, rights = get_council_for(request.user, pk)
    return render_council(request, council, rights, request.htmx.target)


@require_http_methods(["GET", "POST"])
def council_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask first (GET), then delete the council for everyone (POST, its owner only)."""
    council, _ = get_council_for(request.user, pk, manage=True)
    if request.method == "POST":
        services.delete_council(council=council)
        messages.success(request, f"Deleted {council}. Your own work is untouched.")
        return redirect("council_list")
    context = {"council": council, "member_count": council.memberships.count()}
    return render(request, "councils/council_confirm_delete.html", context)


@require_http_methods(["GET", "POST"])
def council_leave(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask first (GET), then leave the council (POST); the owner deletes it instead."""
    council, rights = get_council_for(request.user, pk)
    if request.method != "POST":
        return render_council(request, council, rights, "members", confirm_leave=True)
    try:
        services.leave_council(council=council, user=request.user)
    except ValidationError as error:
        return render_council(request, council, rights, "members", members_error=error.message)
    messages.success(request, f"You left {council}. What you shared with it left with you.")
    if request.htmx:
        return HttpResponseClientRedirect(reverse("council_list"))
    return redirect("council_list")


@require_http_methods(["GET", "POST"])
def member_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    """Ask first (GET), then remove a member (POST, the owner only); access ends at once."""
    membership, rights = get_membership_for(request.user, pk, membership_pk)
    council = membership.council
    if request.method != "POST":
        return render_council(request, council, rights, "members", confirm_remove=membership)
    try:
        services.remove_member(membership=membership)
    except ValidationError as error:
        return render_council(request, council, rights, "members", members_error=error.message)
    return council_saved(
        request,
        council,
        rights,
        "members",
        message=f"Removed {member_name(membership.user)}. They no longer see this council.",
    )
