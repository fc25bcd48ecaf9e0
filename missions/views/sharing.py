"""The mission as a PDF, and the read-only link the user gives the hiring manager."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST, require_safe

from documents.pdf import DocumentTooLarge
from inplace.regions import announce
from missions import services
from missions.models import Mission
from missions.pdf import mission_document_context, mission_pdf_response
from missions.permissions import get_live_share_link, get_mission_for

EDITOR = "missions/mission_edit.html"
REGION = "share-link"


def _private_link_headers(response: HttpResponse) -> HttpResponse:
    """Keep a share link's pages out of search engines, caches and other sites' Referer logs."""
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    add_never_cache_headers(response)
    return response


def _share_link_changed(request: HttpRequest, mission: Mission, message: str) -> HttpResponse:
    """The fresh share-link region (and a screen-reader note) for HTMX, else back to the editor."""
    if request.htmx.target != REGION:
        messages.success(request, message)
        return redirect(f"{mission.get_absolute_url()}#{REGION}")
    context = {
        "mission": mission,
        "opportunity": mission.opportunity,
        "share_link": mission.share_links.live().first(),
    }
    region = render_to_string(f"{EDITOR}#{REGION}", context, request)
    return announce(request, HttpResponse(region), message)


def _pdf_refused(
    request: HttpRequest, mission: Mission, refusal: DocumentTooLarge, *, back: str
) -> HttpResponse:
    """Say which limit the mission exceeds (422), instead of a render that would hold a worker."""
    context = {"mission": mission, "problems": refusal.problems, "back_url": back}
    return render(request, "missions/mission_pdf_refused.html", context, status=422)


@require_safe
def mission_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Download the mission as a PDF: the owner's own, or one shared with the user's council."""
    mission, rights = get_mission_for(request.user, pk, edit=False)
    try:
        return mission_pdf_response(mission, via_link=not rights.owner)
    except DocumentTooLarge as refusal:
        return _pdf_refused(request, mission, refusal, back=mission.get_absolute_url())


@require_POST
def share_link_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Create the mission's read-only link, or regenerate it: the previous link stops working."""
    mission, _ = get_mission_for(request.user, pk)
    regenerated = mission.share_links.live().exists()
    services.create_share_link(mission=mission)
    if regenerated:
        message = "Made a new share link. The old one no longer opens."
    else:
        message = "Your share link is ready. Copy it and send it to the hiring manager."
    return _share_link_changed(request, mission, message)


@require_POST
def share_link_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke the mission's share link: from now on it shows 'not found'."""
    mission, _ = get_mission_for(request.user, pk)
    if services.revoke_share_link(mission=mission):
        message = "Revoked the share link. Anyone who opens it now sees “not found”."
    else:
        message = "There was no live share link to revoke."
    return _share_link_changed(request, mission, message)


@login_not_required
@require_safe
def share_page(request: HttpRequest, token: str) -> HttpResponse:
    """Show the hiring manager the mission, read-only, while its link is live."""
    link = get_live_share_link(token)
    if request.method == "GET":
        services.record_share_view(link=link)
    context = mission_document_context(link.mission, via_link=True)
    response = render(request, "missions/share_page.html", {**context, "token": token})
    return _private_link_headers(response)


@login_not_required
@require_safe
def share_pdf(request: HttpRequest, token: str) -> HttpResponse:
    """The shared mission as a PDF, for the hiring manager to keep or print."""
    link = get_live_share_link(token)
    if request.method == "GET":
        services.record_share_view(link=link)
    try:
        response = mission_pdf_response(link.mission, via_link=True)
    except DocumentTooLarge as refusal:
        back = reverse("share_page", args=[token])
        response = _pdf_refused(request, link.mission, refusal, back=back)
    return _private_link_headers(response)
