"""Invitations by email: the owner invites, revokes and re-sends from the council's page
(the ``invitations`` region); the invited person opens /invitations/<token>/ to accept.

Opening the link changes nothing (mail scanners open links too); accepting is a POST, and only
the invited, verified address may accept. Unknown, malformed, expired, used and revoked
tokens all give the same 404.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_POST

from councils import services
from councils.emails import site_root
from councils.forms import InvitationForm
from councils.models import Invitation
from councils.permissions import (
    CouncilRights,
    get_council_for,
    get_invitation_by_token,
    get_invitation_for,
    may_accept_invitation,
)
from councils.services import InvitationOutcome
from councils.views.councils import council_saved, render_council

REGION = "invitations"


def _describe(outcome: InvitationOutcome) -> str:
    """One calm sentence per kind of result, for the status line and the flash message."""
    parts = []
    if invited := outcome.invited:
        parts.append(f"Sent {len(invited)} invitation{'s' if len(invited) > 1 else ''}.")
    if members := outcome.already_members:
        parts.append(f"Already in the council: {', '.join(members)}.")
    if pending := outcome.already_invited:
        names = ", ".join(invitation.email for invitation in pending)
        parts.append(f"Already invited (use Re-send if it got lost): {names}.")
    return " ".join(parts)


@require_http_methods(["GET", "POST"])
def invitation_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite one or more people by email (the owner only); each gets their own link."""
    council, rights = get_council_for(request.user, pk, manage=True)
    if request.method != "POST":
        return render_council(request, council, rights, REGION)
    form = InvitationForm(request.POST, auto_id="invite-%s")
    if form.is_valid():
        try:
            outcome = services.invite_members(
                council=council,
                invited_by=request.user,
                emails=form.cleaned_data["emails"],
                base_url=site_root(request),
            )
        except ValidationError as error:
            form.add_error("emails", error)
        else:
            return council_saved(
                request, council, rights, REGION, message=_describe(outcome), outcome=outcome
            )
    return render_council(request, council, rights, REGION, invitation_form=form)


def _invitation_changed(
    request: HttpRequest, invitation: Invitation, rights: CouncilRights, change, message: str
) -> HttpResponse:
    try:
        change()
    except ValidationError as error:  # accepted or withdrawn in another tab meanwhile
        message = error.message
    return council_saved(request, invitation.council, rights, REGION, message=message)


@require_POST
def invitation_revoke(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    """Withdraw an invitation: its link stops working at once."""
    invitation, rights = get_invitation_for(request.user, pk, invitation_pk)
    return _invitation_changed(
        request,
        invitation,
        rights,
        lambda: services.revoke_invitation(invitation=invitation),
        f"Withdrew the invitation for {invitation.email}. Their link no longer opens.",
    )


@require_POST
def invitation_resend(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    """Send the invitation again with a new link and seven more days; the old link dies."""
    invitation, rights = get_invitation_for(request.user, pk, invitation_pk)
    return _invitation_changed(
        request,
        invitation,
        rights,
        lambda: services.resend_invitation(invitation=invitation, base_url=site_root(request)),
        f"Sent a fresh invitation to {invitation.email}. The earlier link no longer opens.",
    )


def _accept_context(request: HttpRequest, invitation: Invitation) -> dict:
    """Who invites whom to what, and what this visitor can do about it."""
    user, here = request.user, request.path
    if not user.is_authenticated:
        state = "signed-out"
    elif may_accept_invitation(user, invitation):
        state = "ready"
    elif user.pk == invitation.invited_by_id:
        state = "sender"
    elif user.emailaddress_set.filter(email__iexact=invitation.email).exists():
        state = "unverified"
    else:
        state = "other-address"
    signup = {"email": invitation.email, "next": here}
    return {
        "invitation": invitation,
        "council": invitation.council,
        "member_count": invitation.council.memberships.count(),
        "state": state,
        "signup_url": reverse("account_signup") + "?" + urlencode(signup),
        "login_url": reverse("account_login") + "?" + urlencode({"next": here}),
    }


# Session key: the invitation to return to once the invitee has confirmed their address.
RETURN_TO_INVITATION = "councils.return_to_invitation"


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Show an invitation (GET changes nothing) and join the council with it (POST)."""
    invitation = get_invitation_by_token(request.user, token)
    if invitation.accepted_at is not None:  # this very member, opening the link again
        messages.info(request, f"You're already a member of {invitation.council}.")
        return redirect(invitation.council)
    context = _accept_context(request, invitation)
    if request.method == "POST" and context["state"] == "ready":
        try:
            services.accept_invitation(invitation=invitation, user=request.user)
        except ValidationError:  # revoked or expired between opening and accepting
            raise Http404 from None
        messages.success(request, f"Welcome to {invitation.council}! You're a member now.")
        return redirect(invitation.council)
    if context["state"] == "unverified":
        # Confirming the address happens elsewhere; come back here afterwards.
        request.session[RETURN_TO_INVITATION] = request.path
    status = 403 if request.method == "POST" else 200
    response = render(request, "councils/invitation_accept.html", context, status=status)
    # Not "no-referrer": browsers then send "Origin: null" with the POST and CSRF refuses it.
    response["X-Robots-Tag"] = "noindex, nofollow"
    add_never_cache_headers(response)
    return response
